import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../paths.js';
import type { TopicPack } from './topic-pack.js';

/** The bundled profiles of the default pack. */
export const defaultActorsPath: string = path.join(projectRoot, 'topics', 'kazakhstan', 'actors.json');

const keyDatesSchema = z.array(z.object({ when: z.string().trim().min(1), what: z.string().trim().min(1) }));

/** A profile's words in another language; what is missing is shown in English. */
const profileTranslationSchema = z
  .object({
    role: z.string().trim().min(1).optional(),
    bio: z.string().trim().min(1).optional(),
    /** The same milestones as `keyDates`, in this language. */
    keyDates: keyDatesSchema.optional(),
  })
  .strict();

export const actorProfileSchema = z.object({
  /** The topic-pack entity id this profile describes. */
  id: z.string().min(1),
  /** Display name, in English. */
  name: z.string().trim().min(1),
  /** Native spellings. */
  native: z.object({ ru: z.string().optional(), kk: z.string().optional() }).default({}),
  /** What the actor is, in a few words. */
  role: z.string().trim().min(1),
  /** A short biography, a few sentences. */
  bio: z.string().trim().min(1),
  /** Dated milestones, written as in the source (`5 Jan 2022`, `1994-1999`). */
  keyDates: keyDatesSchema.default([]),
  /** Entity ids of related actors. */
  related: z.array(z.string()).default([]),
  /** The role, biography and key dates in Russian and Kazakh, for readers of those languages. */
  translations: z.object({ ru: profileTranslationSchema.optional(), kk: profileTranslationSchema.optional() }).strict().default({}),
});

export const actorProfilesSchema = z.object({ actors: z.array(actorProfileSchema) });

export type ActorProfile = z.infer<typeof actorProfileSchema>;

/**
 * Reads the /who profiles. Throws naming the file and the problems.
 * @param file default the bundled Kazakhstan profiles
 */
export function loadActorProfiles(file: string = defaultActorsPath): Map<string, ActorProfile> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read actor profiles ${file}: ${(err as Error).message}`, { cause: err });
  }
  const result = actorProfilesSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid actor profiles ${file}:\n  - ${problems.join('\n  - ')}`);
  }
  return new Map(result.data.actors.map((a) => [a.id, a]));
}

/** Profile ids and related ids that the pack does not know: empty when profiles and pack agree. */
export function unknownActorIds(profiles: Map<string, ActorProfile>, pack: TopicPack): string[] {
  const known = new Set(pack.entities.map((e) => e.id));
  const unknown = new Set<string>();
  for (const p of profiles.values()) for (const id of [p.id, ...p.related]) if (!known.has(id)) unknown.add(id);
  return [...unknown];
}
