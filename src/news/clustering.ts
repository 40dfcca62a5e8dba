import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import { encodeFeatures, stemWord, storyFeatures } from './story-features.js';
import { defaultLshShape, lshBands, type LshShape } from './minhash.js';
import type { TopicPack } from './topic-pack.js';
import { ASSIGN_SCRIPT } from './clustering-script.js';
import { CROSS_LANGUAGE_RULE, crossLanguageKeys, storyLanguage } from './story-language.js';
import { silentLogger, type Logger } from '../log.js';
import { luaScript } from '../redis/lua-script.js';

const assignScript = luaScript(ASSIGN_SCRIPT);

/** One relevant item to place in a story. */
export interface ClusterInput {
  itemId: string;
  feedId: string;
  title: string;
  /** Plain text of the item (its first words are used). */
  text: string;
  /** Matched entity ids. */
  entities: string[];
  /** Publication time, ms since the epoch. */
  publishedAtMs: number;
}

/** The story an item belongs to. `isNew` is true when the item started it (also on a replay of that item). */
export interface StoryAssignment {
  storyId: string;
  isNew: boolean;
}

export interface StoryClusterer {
  assign(input: ClusterInput): Promise<StoryAssignment>;
}

export interface StoryClustererOptions {
  redis: Redis;
  keys: Keys;
  /** Items further apart than this never join one story, in hours. Default 48. */
  windowHours?: number;
  /** Weighted Jaccard similarity from which an item joins a story. Default 0.35. */
  threshold?: number;
  /** The topic pack: words of its people and places are left to their entity ids. */
  pack?: TopicPack;
  /** MinHash bands × rows. Default 16 × 2. */
  lsh?: LshShape;
  /** Clock for trimming old index entries (ms). Default Date.now. */
  now?: () => number;
  /** Logs each assignment at debug level with its similarity. Default silentLogger. */
  logger?: Logger;
}

/** Story id from the id of a story's first item: deterministic, so a replay names the same story. */
export function storyIdFor(itemId: string): string {
  return `s-${createHash('sha256').update(itemId).digest('hex').slice(0, 16)}`;
}

/** Stems of the pack's person and place names, and its acronyms. */
export function packNameStems(pack: TopicPack): Set<string> {
  const stems = new Set<string>();
  for (const e of pack.entities) {
    const names = [...e.names.en, ...e.names.ru, ...e.names.kk, ...(e.aliases ?? []), ...(e.caseSensitive ?? [])];
    for (const name of names) {
      const words = name.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
      for (const w of words) {
        if (e.kind === 'person' || e.kind === 'place' || /^\p{Lu}+$/u.test(w)) stems.add(stemWord(w));
      }
    }
  }
  return stems;
}

/** Most stories read from one band; a band shared by many stories says little. */
const MAX_CANDIDATES_PER_BAND = 50;
/** Items whose features a story keeps for comparison. */
const MAX_MEMBERS = 5;
/** Distinct stories compared with one item, at most (newest first in each band). */
const MAX_CANDIDATES_PER_ITEM = 120;

/**
 * Groups items about the same event into stories. Each item's features (stems, entity ids, numbers)
 * get a weighted MinHash; its LSH bands are looked up in Redis (`keys.clusterBand`) to find candidate
 * stories of the last `windowHours`, and a candidate is accepted when the weighted Jaccard similarity
 * with one of its first items reaches `threshold`. Candidate lookup, verification and insertion run as
 * one Lua script, so concurrent workers see each other's stories and a replayed item id gets its story back.
 *
 * Items in different languages (English, Russian, Kazakh) are compared on entity ids and numbers alone
 * and must share a major number and two entities, one of them named by few recent stories (see
 * story-language.ts and docs/story-clustering.md); keys on number × entity make such pairs candidates.
 * A match in the item's own language is preferred.
 */
export function createStoryClusterer(options: StoryClustererOptions): StoryClusterer {
  const { redis, keys, windowHours = 48, threshold = 0.35, pack, lsh = defaultLshShape, now = Date.now } = options;
  const log = (options.logger ?? silentLogger).child({ module: 'clustering' });
  const windowMs = windowHours * 3_600_000;
  const ttlSeconds = Math.ceil((2 * windowMs) / 1000);
  const ignore = pack ? packNameStems(pack) : new Set<string>();
  const storyPrefix = keys.clusterStory('');

  return {
    async assign(input) {
      const features = storyFeatures(input, ignore);
      const language = storyLanguage(input.title, input.text);
      const bands = [...lshBands(features, lsh), ...crossLanguageKeys(features)];
      const newId = storyIdFor(input.itemId);
      const result = (await assignScript(
        redis,
        [keys.clusterItem(input.itemId), keys.clusterRecent(), ...bands.map((b) => keys.clusterBand(b))],
        [
          newId,
          String(input.publishedAtMs),
          String(windowMs),
          String(threshold),
          String(ttlSeconds),
          encodeFeatures(features, language),
          storyPrefix,
          String(MAX_MEMBERS),
          String(MAX_CANDIDATES_PER_BAND),
          // Old-dated items (a backfill) must not trim each other away: trim relative to the older clock.
          String(Math.min(now(), input.publishedAtMs) - 2 * windowMs),
          String(CROSS_LANGUAGE_RULE.majorNumberWeight),
          String(CROSS_LANGUAGE_RULE.minSharedEntities),
          keys.clusterEntity(''),
          String(CROSS_LANGUAGE_RULE.distinctiveShare),
          String(CROSS_LANGUAGE_RULE.distinctiveFloor),
          String(MAX_CANDIDATES_PER_ITEM),
        ],
      )) as [string, number, string, number];
      const [storyId, , similarity, across] = result;
      log.debug({ itemId: input.itemId, storyId, language, similarity: Number(similarity), crossLanguage: across === 1 }, 'item assigned to a story');
      return { storyId, isNew: storyId === newId };
    },
  };
}
