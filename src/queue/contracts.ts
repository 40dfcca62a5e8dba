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
  /** When ingest queued it (ms since epoch), for the enqueue-to-send latency metric. */
  queuedAt: z.number().int().nonnegative().optional(),
});
export type StoryJob = z.infer<typeof storyJobSchema>;

/**
 * One job on the `deliveries` queue (src/delivery). Job ids say what it is:
 * `deliver-<platform>-<chat>[-<thread>]-<story>`, `edit-<dest>-<story>-<window>`, `digest-<subscription>-<day>`.
 * - `alert`: send a story to a destination (combined with others pending there when it is busy).
 * - `edit`: re-render the message(s) a story was sent in (more outlets joined).
 * - `digest`: send one digest subscription's stories of the period ending `day` (YYYY-MM-DD, UTC).
 */
export const deliveryJobSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('alert'),
    /** destinationKey(), e.g. `telegram:-1001:7`. */
    destination: z.string().min(3),
    storyId: z.string().min(1),
    /** When the story was queued for delivery (ms since epoch), for the latency metric. */
    queuedAt: z.number().int().nonnegative(),
  }),
  z.object({
    kind: z.literal('edit'),
    destination: z.string().min(3),
    storyId: z.string().min(1),
  }),
  z.object({
    kind: z.literal('digest'),
    subscriptionId: z.string().min(1),
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
]);
export type DeliveryJob = z.infer<typeof deliveryJobSchema>;
