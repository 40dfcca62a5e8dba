import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import { loadScript } from '../redis/lua-script.js';
import { feedIdOf, normaliseFeedUrl } from './feed-id.js';
import { readStateCounts, rebuildStates, refileFeed, stateKeys, type FeedStateCounts } from './feed-state.js';

/** A feed to add: its address and, when known (an OPML outline), its title. */
export interface FeedListEntry {
  url: string;
  title?: string;
}

/** What {@link FeedRegistry.addMany} did, by normalised URL. */
export interface AddManyResult {
  added: string[];
  /** Already in the registry (left as they were; a missing title is filled in). */
  existing: string[];
  /** Among `added`: feeds an operator had removed, now back (their tombstone is lifted). */
  restored: string[];
}

/** A feed an operator removed; the configured default list does not bring it back until it is added again. */
export interface RemovedFeed {
  id: string;
  url: string;
  removedAt: string;
}

/** Where a feed came from: the configured default list (FEED_URLS or the topic pack) or an operator's `add`. */
export type FeedSource = 'config' | 'operator';

/** A feed and its health, as kept in Redis and shown by `npm run feeds -- list` and `/feeds`. */
export interface FeedRecord {
  id: string;
  url: string;
  source: FeedSource;
  addedAt: string;
  title?: string;
  /** Conditional GET validators from the last 200. */
  etag?: string;
  lastModified?: string;
  /** True once the first poll recorded the feed's items as seen. */
  initialized: boolean;
  lastPollAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  lastErrorAt?: string;
  consecutiveFailures: number;
  failing: boolean;
  nextPollAt?: string;
  /** Items read from the feed that were new, over its lifetime. */
  itemsSeen: number;
  /** Items in the last document that had any (0 while the feed has never served one): reset detection compares with it. */
  lastDocItems: number;
  /** Newest publication date in that document. */
  lastDocNewestAt?: string;
  /** When the feed last re-served its items under new identities (a reset: only the backfill alerted). */
  lastResetAt?: string;
  /** Resets over the feed's lifetime. */
  resets: number;
  /** When a poll last brought more new items than FEED_MAX_NEW_ITEMS_PER_POLL, and how many it recorded without alerting. */
  lastCappedAt?: string;
  lastCappedItems: number;
  /** Set on a feed re-added after Redis lost its data: its first poll alerts items dated after it (src/feeds/poll-verdicts.ts). */
  alertAfter?: string;
}

/** What the poller writes back after a poll. Absent fields are left as they were; `null` clears. */
export type FeedUpdate = Partial<{
  title: string | null;
  etag: string | null;
  lastModified: string | null;
  initialized: boolean;
  lastPollAt: string;
  lastSuccessAt: string;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  failing: boolean;
  nextPollAt: string;
  lastDocItems: number;
  lastDocNewestAt: string | null;
  lastResetAt: string;
  resets: number;
  lastCappedAt: string;
  lastCappedItems: number;
  alertAfter: string | null;
}>;

export interface FeedRegistry {
  list(): Promise<FeedRecord[]>;
  get(feedId: string): Promise<FeedRecord | undefined>;
  getByUrl(url: string): Promise<FeedRecord | undefined>;
  /**
   * Adds a feed (no-op when present, returning it). The URL must already have passed validation. Adding a feed
   * an operator removed restores it (`restored`).
   */
  add(url: string, source: FeedSource): Promise<{ feed: FeedRecord; created: boolean; restored?: boolean }>;
  /**
   * Adds many feeds in a few pipelined round trips (10,000 in well under a second), fetching nothing: new feeds
   * wait as never polled for the poller. Duplicates (after normalisation) count once. URLs must be valid.
   */
  addMany(entries: FeedListEntry[], source: FeedSource): Promise<AddManyResult>;
  /**
   * Removes a feed and its seen-set. Returns false when it was not there. With `tombstone` (an operator's
   * removal) the configured default list does not bring it back at the next start; adding it again does.
   */
  remove(urlOrId: string, options?: { tombstone?: boolean }): Promise<boolean>;
  /** The feeds an operator removed that the default list would otherwise bring back. */
  removedFeeds(): Promise<RemovedFeed[]>;
  /** How many feeds are in each state (ok, retrying, failing, never polled): a few SCARDs, no scan. */
  stateCounts(): Promise<FeedStateCounts>;
  update(feedId: string, update: FeedUpdate): Promise<void>;
  addItemsSeen(feedId: string, n: number): Promise<void>;
  /**
   * Makes the configured feeds exactly `urls`: adds missing ones, removes config feeds no longer listed;
   * operator-added feeds are kept, and feeds an operator removed stay out (`keptOut`). Returns what changed.
   */
  syncConfigured(urls: Array<string | FeedListEntry>): Promise<{ added: string[]; removed: string[]; keptOut: string[] }>;
}

/**
 * Adds one feed in one step, so a crash never leaves half a feed: creates its HASH (or, when present, fills in
 * only missing fields), lists it, files a new one as never polled, and lifts its tombstone.
 * KEYS: feed hash, feed id SET, never_polled SET, tombstones HASH. ARGV: id, url, source, addedAt, title ('' = none).
 * Returns 2 + (1 when a tombstone was lifted) for a new feed, 0 for one already there.
 */
const ADD_FEED_SCRIPT = `
local created = redis.call('HSETNX', KEYS[1], 'url', ARGV[2])
local fields = { 'source', ARGV[3], 'addedAt', ARGV[4], 'consecutiveFailures', '0', 'itemsSeen', '0' }
if ARGV[5] ~= '' then table.insert(fields, 'title'); table.insert(fields, ARGV[5]) end
if created == 1 then
  redis.call('HSET', KEYS[1], unpack(fields))
  redis.call('SADD', KEYS[3], ARGV[1])
else
  for i = 1, #fields, 2 do redis.call('HSETNX', KEYS[1], fields[i], fields[i + 1]) end
end
redis.call('SADD', KEYS[2], ARGV[1])
local lifted = redis.call('HDEL', KEYS[4], ARGV[1])
if created == 1 then return 2 + lifted end
return 0
`;

/** Largest number of feeds written in one pipeline, to bound the memory of a very large import. */
const PIPELINE_CHUNK = 2_000;
/** Shortest time between two rebuilds of the state SETs by one process, in ms. */
const REBUILD_EVERY_MS = 10 * 60_000;

export function createRedisFeedRegistry({ redis, keys }: { redis: Redis; keys: Keys }): FeedRegistry {
  const read = async (feedId: string): Promise<FeedRecord | undefined> => {
    const h = await redis.hgetall(keys.feed(feedId));
    return h.url ? toRecord(feedId, h) : undefined;
  };
  let lastRebuildAt = 0;

  async function addChunk(chunk: Array<{ id: string; url: string; title?: string }>, source: FeedSource, result: AddManyResult) {
    const addedAt = new Date().toISOString();
    const run = (sha: string) => {
      const pipeline = redis.pipeline();
      for (const { id, url, title } of chunk) {
        pipeline.evalsha(sha, 4, keys.feed(id), keys.feedIds(), keys.feedsInState('never_polled'), keys.feedTombstones(), id, url, source, addedAt, title ?? '');
      }
      return pipeline.exec();
    };
    let replies = (await run(await loadAddScript())) ?? [];
    if (replies.some(([err]) => err?.message.includes('NOSCRIPT'))) {
      // Redis restarted (or flushed its scripts) between loading and running: load again; the script is idempotent.
      addScriptSha = undefined;
      replies = (await run(await loadAddScript())) ?? [];
    }
    chunk.forEach(({ url }, i) => {
      const [err, answer] = replies[i] ?? [new Error('no reply')];
      if (err) throw err;
      const code = Number(answer);
      if (code >= 2) result.added.push(url);
      else result.existing.push(url);
      if (code % 2 === 1 && code >= 2) result.restored.push(url);
    });
  }

  let addScriptSha: string | undefined;
  async function loadAddScript(): Promise<string> {
    addScriptSha ??= await loadScript(redis, ADD_FEED_SCRIPT);
    return addScriptSha;
  }

  const registry: FeedRegistry = {
    async list() {
      const ids = (await redis.smembers(keys.feedIds())).sort();
      if (ids.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hgetall(keys.feed(id));
      const rows = (await pipeline.exec()) ?? [];
      const feeds: FeedRecord[] = [];
      rows.forEach(([err, h], i) => {
        const fields = h as Record<string, string> | null;
        if (!err && fields?.url) feeds.push(toRecord(ids[i]!, fields));
      });
      return feeds.sort((a, b) => a.url.localeCompare(b.url));
    },

    get: read,

    getByUrl(url) {
      return read(feedIdOf(url));
    },

    async add(url, source) {
      const result = await registry.addMany([{ url }], source);
      const id = feedIdOf(normaliseFeedUrl(url));
      return { feed: (await read(id))!, created: result.added.length === 1, restored: result.restored.length === 1 };
    },

    async addMany(entries, source) {
      const unique = new Map<string, { id: string; url: string; title?: string }>();
      for (const entry of entries) {
        const url = normaliseFeedUrl(entry.url);
        const id = feedIdOf(url);
        const title = entry.title?.trim();
        if (!unique.has(id)) unique.set(id, title ? { id, url, title } : { id, url });
      }
      const result: AddManyResult = { added: [], existing: [], restored: [] };
      const all = [...unique.values()];
      for (let i = 0; i < all.length; i += PIPELINE_CHUNK) await addChunk(all.slice(i, i + PIPELINE_CHUNK), source, result);
      return result;
    },

    async remove(urlOrId, options = {}) {
      const id = urlOrId.startsWith('f-') && !urlOrId.includes('/') ? urlOrId : feedIdOf(urlOrId);
      const url = options.tombstone ? await redis.hget(keys.feed(id), 'url') : null;
      const tx = redis.multi().srem(keys.feedIds(), id);
      for (const key of stateKeys(keys)) tx.srem(key, id);
      tx.unlink(keys.feed(id), keys.seen(id), keys.feedActivity(id));
      if (url) tx.hset(keys.feedTombstones(), id, JSON.stringify({ url, removedAt: new Date().toISOString() }));
      const replies = (await tx.exec()) ?? [];
      return replies[0]?.[1] === 1;
    },

    async removedFeeds() {
      const all = await redis.hgetall(keys.feedTombstones());
      return Object.entries(all)
        .map(([id, json]) => {
          const parsed = JSON.parse(json) as { url?: string; removedAt?: string };
          return { id, url: parsed.url ?? '', removedAt: parsed.removedAt ?? '' };
        })
        .sort((a, b) => a.url.localeCompare(b.url));
    },

    async stateCounts() {
      const counts = await readStateCounts(redis, keys);
      const filed = counts.ok + counts.retrying + counts.failing + counts.never_polled;
      // Feeds stored before the state SETs existed are filed once (at most every few minutes per process).
      if (filed !== counts.total && Date.now() - lastRebuildAt > REBUILD_EVERY_MS) {
        lastRebuildAt = Date.now();
        await rebuildStates(redis, keys, await registry.list());
        return readStateCounts(redis, keys);
      }
      return counts;
    },

    async update(feedId, update) {
      const set: Record<string, string> = {};
      const del: string[] = [];
      for (const [field, value] of Object.entries(update)) {
        if (value === undefined) continue;
        if (value === null) del.push(field);
        else set[field] = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
      }
      // Only update a feed that still exists: a poll finishing after `remove` must not resurrect it.
      const exists = await redis.sismember(keys.feedIds(), feedId);
      if (!exists) return;
      const tx = redis.multi();
      if (Object.keys(set).length > 0) tx.hset(keys.feed(feedId), set);
      if (del.length > 0) tx.hdel(keys.feed(feedId), ...del);
      await tx.exec();
      if (STATE_FIELDS.some((field) => field in update)) await refileFeed(redis, keys, feedId);
    },

    async addItemsSeen(feedId, n) {
      if (n > 0 && (await redis.sismember(keys.feedIds(), feedId))) await redis.hincrby(keys.feed(feedId), 'itemsSeen', n);
    },

    async syncConfigured(urls) {
      const tombstones = new Set(await redis.hkeys(keys.feedTombstones()));
      const wanted = new Map<string, FeedListEntry>();
      const keptOut: string[] = [];
      for (const item of urls) {
        const entry = typeof item === 'string' ? { url: item } : item;
        const id = feedIdOf(entry.url);
        if (tombstones.has(id)) keptOut.push(normaliseFeedUrl(entry.url));
        else if (!wanted.has(id)) wanted.set(id, entry);
      }
      const current = await registry.list();
      const removed: string[] = [];
      for (const feed of current) {
        if (feed.source === 'config' && !wanted.has(feed.id)) {
          await registry.remove(feed.id);
          removed.push(feed.url);
        }
      }
      const { added } = await registry.addMany([...wanted.values()], 'config');
      return { added, removed, keptOut: [...new Set(keptOut)] };
    },
  };
  return registry;
}

/** Fields whose change may move a feed to another state. */
const STATE_FIELDS = ['failing', 'consecutiveFailures', 'lastPollAt'] as const;

function toRecord(id: string, h: Record<string, string>): FeedRecord {
  const opt = (k: string) => (h[k] ? h[k] : undefined);
  const failures = Number(h.consecutiveFailures ?? 0) || 0;
  return {
    id,
    url: h.url!,
    source: h.source === 'operator' ? 'operator' : 'config',
    addedAt: h.addedAt ?? '',
    title: opt('title'),
    etag: opt('etag'),
    lastModified: opt('lastModified'),
    initialized: h.initialized === '1',
    lastPollAt: opt('lastPollAt'),
    lastSuccessAt: opt('lastSuccessAt'),
    lastError: opt('lastError'),
    lastErrorAt: opt('lastErrorAt'),
    consecutiveFailures: failures,
    failing: h.failing === '1',
    nextPollAt: opt('nextPollAt'),
    itemsSeen: Number(h.itemsSeen ?? 0) || 0,
    lastDocItems: Number(h.lastDocItems ?? 0) || 0,
    lastDocNewestAt: opt('lastDocNewestAt'),
    lastResetAt: opt('lastResetAt'),
    resets: Number(h.resets ?? 0) || 0,
    lastCappedAt: opt('lastCappedAt'),
    lastCappedItems: Number(h.lastCappedItems ?? 0) || 0,
    alertAfter: opt('alertAfter'),
  };
}
