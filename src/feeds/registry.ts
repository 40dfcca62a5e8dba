import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import { feedIdOf, normaliseFeedUrl } from './feed-id.js';

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
}>;

export interface FeedRegistry {
  list(): Promise<FeedRecord[]>;
  get(feedId: string): Promise<FeedRecord | undefined>;
  getByUrl(url: string): Promise<FeedRecord | undefined>;
  /** Adds a feed (no-op when present, returning it). The URL must already have passed validation. */
  add(url: string, source: FeedSource): Promise<{ feed: FeedRecord; created: boolean }>;
  /** Removes a feed and its seen-set. Returns false when it was not there. */
  remove(urlOrId: string): Promise<boolean>;
  update(feedId: string, update: FeedUpdate): Promise<void>;
  addItemsSeen(feedId: string, n: number): Promise<void>;
  /**
   * Makes the configured feeds exactly `urls`: adds missing ones, removes config feeds no longer listed;
   * operator-added feeds are kept. Returns what changed.
   */
  syncConfigured(urls: string[]): Promise<{ added: string[]; removed: string[] }>;
}

export function createRedisFeedRegistry({ redis, keys }: { redis: Redis; keys: Keys }): FeedRegistry {
  const read = async (feedId: string): Promise<FeedRecord | undefined> => {
    const h = await redis.hgetall(keys.feed(feedId));
    return h.url ? toRecord(feedId, h) : undefined;
  };

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
      const normalised = normaliseFeedUrl(url);
      const id = feedIdOf(normalised);
      const created = await redis.hsetnx(keys.feed(id), 'url', normalised);
      if (created) {
        await redis
          .multi()
          .hset(keys.feed(id), { source, addedAt: new Date().toISOString(), consecutiveFailures: 0, itemsSeen: 0 })
          .sadd(keys.feedIds(), id)
          .exec();
      } else {
        await redis.sadd(keys.feedIds(), id);
      }
      return { feed: (await read(id))!, created: created === 1 };
    },

    async remove(urlOrId) {
      const id = urlOrId.startsWith('f-') && !urlOrId.includes('/') ? urlOrId : feedIdOf(urlOrId);
      const removed = await redis.srem(keys.feedIds(), id);
      await redis.unlink(keys.feed(id), keys.seen(id), keys.feedActivity(id));
      return removed === 1;
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
    },

    async addItemsSeen(feedId, n) {
      if (n > 0 && (await redis.sismember(keys.feedIds(), feedId))) await redis.hincrby(keys.feed(feedId), 'itemsSeen', n);
    },

    async syncConfigured(urls) {
      const wanted = new Map(urls.map((u) => [feedIdOf(u), u] as const));
      const current = await registry.list();
      const removed: string[] = [];
      for (const feed of current) {
        if (feed.source === 'config' && !wanted.has(feed.id)) {
          await registry.remove(feed.id);
          removed.push(feed.url);
        }
      }
      const added: string[] = [];
      for (const url of wanted.values()) {
        const { created } = await registry.add(url, 'config');
        if (created) added.push(url);
      }
      return { added, removed };
    },
  };
  return registry;
}

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
  };
}
