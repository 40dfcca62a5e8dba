import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import { actorKeys, decodeFeatures, encodeFeatures, storyFeatures, type FeatureContext } from './story-features.js';
import { compileConcepts } from './story-concepts.js';
import type { TopicPack } from './topic-pack.js';
import { COMMIT_SCRIPT } from './clustering-script.js';
import { createStoryIndex, type Decision, type LogEntry } from './story-index.js';
import type { IndexedItem } from './story-similarity.js';
import { silentLogger, type Logger } from '../log.js';
import { luaScript } from '../redis/lua-script.js';

const commitScript = luaScript(COMMIT_SCRIPT);

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
  /** Items further apart than this (from a story's first item) never join one story, in hours. Default 48. */
  windowHours?: number;
  /** The topic pack: its concepts file and the names of its people and places. */
  pack?: TopicPack;
  /** Clock (ms) for forgetting stories whose log entries Redis has trimmed. Default Date.now. */
  now?: () => number;
  /** Logs each decision at debug level: the best candidate, its score and the deciding features. Default silentLogger. */
  logger?: Logger;
}

/** Story id from the id of a story's first item: deterministic, so a replay names the same story. */
export function storyIdFor(itemId: string): string {
  return `s-${createHash('sha256').update(itemId).digest('hex').slice(0, 16)}`;
}

/** Log entries read per round trip when catching up. */
const READ_BATCH = 500;
/** Decisions redone because another process logged first, before appending regardless. */
const MAX_ATTEMPTS = 8;

function parseEntry(id: string, fields: string[]): LogEntry | undefined {
  const raw = fields[1];
  if (fields[0] !== 'e' || raw === undefined) return undefined;
  try {
    const e = JSON.parse(raw) as { i: string; s: string; f: string; t: number; x: string };
    const features = decodeFeatures(e.x);
    if (!features) return undefined;
    return { itemId: e.i, storyId: e.s, feedId: e.f, publishedAtMs: e.t, features, loggedAtMs: Number(id.split('-')[0]) };
  } catch {
    return undefined;
  }
}

function explain(d: Decision) {
  if (!d.best) return { compared: d.compared, vetoed: d.vetoed };
  const { pair } = d.best;
  return {
    compared: d.compared,
    vetoed: d.vetoed,
    bestStoryId: d.best.storyId,
    score: Number(pair.score.toFixed(3)),
    threshold: d.best.threshold,
    words: Number(pair.words.toFixed(3)),
    neutral: Number(pair.neutral.toFixed(3)),
    crossLanguage: pair.crossLanguage,
    slotConflict: pair.slotConflict,
    whatConflict: pair.whatConflict,
    countConflict: pair.countConflict,
    shared: pair.shared,
  };
}

/**
 * Groups items about the same event into stories, across outlets and languages.
 *
 * Every assignment is appended to one Redis stream, the cluster log (`keys.clusterLog`); each process
 * keeps the log's recent stories in memory (story-index.ts), scores a new item there against the stories
 * of the last `windowHours` (story-similarity.ts), and commits with a short script that appends only if no
 * other process has logged since this one last read (optimistic concurrency: otherwise it reads the new
 * entries and decides again). So processes agree on stories, a replayed item id gets its story back
 * (`keys.clusterItem`), and Redis does O(1) work per item. See docs/story-clustering.md.
 */
export function createStoryClusterer(options: StoryClustererOptions): StoryClusterer {
  const { redis, keys, windowHours = 48, pack, now = Date.now } = options;
  const log = (options.logger ?? silentLogger).child({ module: 'clustering' });
  const windowMs = windowHours * 3_600_000;
  // The log outlives the window twice over, so a late item still meets the stories it could join.
  const retentionMs = 2 * windowMs;
  const ttlSeconds = Math.ceil(retentionMs / 1000);
  const context: FeatureContext = { concepts: compileConcepts(pack?.conceptVocabulary), actors: actorKeys(pack?.entities ?? []) };
  const index = createStoryIndex(windowMs);
  const logKey = keys.clusterLog();
  let lastId = '0-0';
  let queue: Promise<unknown> = Promise.resolve();

  async function catchUp(): Promise<void> {
    for (;;) {
      const entries = (await redis.xrange(logKey, `(${lastId}`, '+', 'COUNT', READ_BATCH)) as Array<[string, string[]]>;
      for (const [id, fields] of entries) {
        const entry = parseEntry(id, fields);
        if (entry) index.apply(entry);
        lastId = id;
      }
      if (entries.length < READ_BATCH) break;
    }
    index.evictLoggedBefore(now() - retentionMs);
  }

  async function assignNow(input: ClusterInput): Promise<StoryAssignment> {
    const newId = storyIdFor(input.itemId);
    const features = storyFeatures(input, context);
    const item: IndexedItem = { itemId: input.itemId, feedId: input.feedId, publishedAtMs: input.publishedAtMs, features };
    for (let attempt = 1; ; attempt++) {
      await catchUp();
      const known = index.storyOfItem(input.itemId);
      if (known) return { storyId: known, isNew: known === newId };
      const decision = index.decide(item);
      const storyId = decision.storyId ?? newId;
      const entry = JSON.stringify({ i: input.itemId, s: storyId, f: input.feedId, t: input.publishedAtMs, x: encodeFeatures(features) });
      const force = attempt >= MAX_ATTEMPTS;
      const reply = (await commitScript(redis, [keys.clusterItem(input.itemId), logKey], [lastId, storyId, entry, ttlSeconds, retentionMs, force ? '1' : '0'])) as [string, string?];
      if (reply[0] === 'retry') continue;
      if (reply[0] === 'done') return { storyId: reply[1]!, isNew: reply[1] === newId };
      // Nothing was logged between lastId and this entry: apply it as the next one.
      index.apply({ ...item, storyId, loggedAtMs: Number(reply[1]!.split('-')[0]) });
      lastId = reply[1]!;
      log.debug(
        { itemId: input.itemId, feedId: input.feedId, storyId, joined: storyId !== newId, language: features.language, attempts: attempt, ...explain(decision) },
        storyId === newId ? 'item starts a story' : 'item joins a story',
      );
      return { storyId, isNew: storyId === newId };
    }
  }

  return {
    assign(input) {
      // One decision at a time per process: each is made on the whole log read so far.
      const next = queue.then(() => assignNow(input));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
