import { z } from 'zod';

/**
 * Every BullMQ queue name and job payload schema. Producers parse before adding;
 * consumers safe-parse, then log and skip a payload that does not fit (it would never succeed).
 */
export const queueNames = {
  /** One job per feed poll. */
  poll: 'poll',
  /** One job per new relevant story (or story update) to fan out to subscribers. */
  stories: 'stories',
  /** One job per destination and story (or batch of stories) to send. */
  deliveries: 'deliveries',
} as const;

export type QueueName = (typeof queueNames)[keyof typeof queueNames];

/**
 * BullMQ custom job ids may not contain ':' and must not be plain integers.
 * This makes any string safe to embed in a job id, keeping it readable.
 */
export function jobIdPart(value: string): string {
  return value.replace(/[^A-Za-z0-9_.@-]/g, '_');
}

export const pollJobSchema = z.object({
  feedId: z.string().min(1),
  url: z.string().url(),
});
export type PollJob = z.infer<typeof pollJobSchema>;

export const storyJobSchema = z.object({
  storyId: z.string().min(1),
  /** `new`: the first item of a story, alert subscribers; `update`: more outlets joined a delivered story. */
  kind: z.enum(['new', 'update']),
});
export type StoryJob = z.infer<typeof storyJobSchema>;
