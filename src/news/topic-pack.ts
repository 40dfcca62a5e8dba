import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../paths.js';
import { loadConceptVocabulary, type ConceptVocabulary } from './story-concepts.js';
import { vetoProblems } from './veto-check.js';

/** Where the bundled default pack lives. */
export const defaultTopicPackPath: string = path.join(projectRoot, 'topics', 'kazakhstan', 'pack.json');

const nameList = z.array(z.string().trim().min(1)).default([]);

/**
 * A context in which a mention of the entity does not count, because the words name something else (the
 * cycling team Astana, the Kazakh district of Azerbaijan, Mamin-Sibiryak). It vetoes that mention only:
 * the entity still counts where it is mentioned elsewhere, and other entities still make the item relevant.
 * See topics/README.md.
 */
export const topicVetoSchema = z
  .object({
    /** Why, in a few words, for the debug log and `MatchResult.vetoed` ("cycling team"). */
    reason: z.string().trim().min(1),
    /** Words, matched like names with their inflections, that veto a mention `within` words of it. */
    near: nameList.optional(),
    /** How many words away a `near` word counts, on either side; the title runs on into the text. Default 3. */
    within: z.number().int().min(1).max(20).optional(),
    /** Longer names of something else that contain a name of the entity: a mention inside one does not count. */
    partOf: nameList.optional(),
    /** Only mentions written as these names of the entity (in any inflection) are vetoed. Default: every name. */
    forms: nameList.optional(),
  })
  .strict();

/** A display name in Russian and in Kazakh (English is `name`). */
const localNames = z.object({ ru: z.string().trim().min(1).optional(), kk: z.string().trim().min(1).optional() }).strict().optional();

export const topicEntitySchema = z.object({
  /** Stable id used in subscriptions and indexes: lower-case letters, digits and dashes. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  kind: z.enum(['person', 'organisation', 'place', 'topic']),
  /** Display name, in English. */
  name: z.string().trim().min(1),
  /** Spellings per language; Russian and Kazakh ones also match their inflected forms. */
  names: z.object({ en: nameList, ru: nameList, kk: nameList }),
  /** The name shown to Russian and Kazakh readers; `name` where one is missing. */
  display: localNames,
  /** Other names in any language (nicknames, former names, titles). */
  aliases: nameList.optional(),
  /**
   * Names matched only with this exact capitalisation (plus inflection), for surnames that are also
   * ordinary words (`Мамин` is "mother's" in Russian).
   */
  caseSensitive: nameList.optional(),
  /** How much one mention counts toward relevance. Default 1; under `anchorMinWeight` it only adds context. */
  weight: z.number().positive().max(5).optional(),
  /** Contexts in which a mention of this entity does not count. */
  vetoes: z.array(topicVetoSchema).optional(),
});

export const topicPackSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string().trim().min(1),
    /** The pack's name shown to Russian and Kazakh readers. */
    display: localNames,
    description: z.string().trim().min(1),
    /** The relevance rule; see topics/README.md. */
    scoring: z
      .object({
        /** An item is relevant when its score reaches this. Default 1. */
        threshold: z.number().positive().default(1),
        /** A mention in the title counts this many times a mention in the body. Default 2. */
        titleFactor: z.number().min(1).default(2),
        /** At least one matched entity must weigh this much; lighter ones never make an item relevant alone. Default 0.5. */
        anchorMinWeight: z.number().min(0).default(0.5),
      })
      .default({ threshold: 1, titleFactor: 2, anchorMinWeight: 0.5 }),
    entities: z.array(topicEntitySchema).min(1),
    /**
     * Given names of other people, in any language, as written (capitalised): a person's surname written
     * right after one that is not that person's own (Алина Масимова, Nurlan Massimov) is someone else's.
     * The pack's people's own given names are known from their full names and need not be listed.
     */
    givenNames: nameList,
    /** The default feed list (replaced by FEED_URLS when set). */
    feeds: z.array(z.string().url()).default([]),
    /** File of the event vocabulary for story clustering, relative to the pack file (topics/README.md). */
    concepts: z.string().trim().min(1).optional(),
  })
  .superRefine((pack, ctx) => {
    const seen = new Set<string>();
    for (const [i, e] of pack.entities.entries()) {
      if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: ['entities', i, 'id'], message: `duplicate entity id ${e.id}` });
      seen.add(e.id);
      const count = e.names.en.length + e.names.ru.length + e.names.kk.length + (e.aliases?.length ?? 0) + (e.caseSensitive?.length ?? 0);
      if (count === 0) ctx.addIssue({ code: 'custom', path: ['entities', i, 'names'], message: `entity ${e.id} has no names` });
      for (const problem of vetoProblems(e)) ctx.addIssue({ code: 'custom', path: ['entities', i, 'vetoes', problem.veto], message: problem.message });
    }
  });

export type TopicEntity = z.infer<typeof topicEntitySchema>;
export type TopicVeto = z.infer<typeof topicVetoSchema>;
/** A pack as loaded: its `concepts` file, when it names one, read and validated into `conceptVocabulary`. */
export type TopicPack = z.infer<typeof topicPackSchema> & { conceptVocabulary?: ConceptVocabulary };

/** Every spelling of an entity, the case-sensitive ones last: the names `TopicVeto.forms` refers to. */
export function allEntityNames(entity: TopicEntity): string[] {
  return [...entityNames(entity), ...(entity.caseSensitive ?? [])];
}

/** Every spelling of an entity (all languages and aliases), without the case-sensitive ones. */
export function entityNames(entity: TopicEntity): string[] {
  return [...entity.names.en, ...entity.names.ru, ...entity.names.kk, ...(entity.aliases ?? [])];
}

/** An entity's weight, default 1. */
export function entityWeight(entity: TopicEntity): number {
  return entity.weight ?? 1;
}

/**
 * Reads and validates a topic pack. Throws an Error naming the file and every problem, so a bad
 * `TOPIC_PACK` stops start-up with a message the operator can act on.
 * @param file path of the pack JSON; default the bundled Kazakhstan pack.
 */
export function loadTopicPack(file: string = defaultTopicPackPath): TopicPack {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read topic pack ${file}: ${(err as Error).message}; check TOPIC_PACK`, { cause: err });
  }
  const pack = parseTopicPack(raw, file);
  if (!pack.concepts) return pack;
  return { ...pack, conceptVocabulary: loadConceptVocabulary(path.resolve(path.dirname(file), pack.concepts)) };
}

/** Validates a topic pack already parsed from JSON. `source` names it in errors. */
export function parseTopicPack(raw: unknown, source = 'topic pack'): TopicPack {
  const result = topicPackSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid topic pack ${source}:\n  - ${problems.join('\n  - ')}`);
  }
  return result.data;
}
