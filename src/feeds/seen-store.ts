import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';

/**
 * The ids of items Kazwire has already read from each feed. It lives in Redis, survives restarts and outlives
 * the feed's own window: an item that drops out of the feed and comes back later is not new, and an edited item
 * (same id, new title) is not new.
 *
 * Ids are marked seen only after the item has been handled (understood, archived, queued), so a crash in between
 * handles it again rather than losing it; that handling is idempotent.
 */
export interface SeenStore {
  /** The ids among `ids` not seen before for this feed, in the given order. */
  filterUnseen(feedId: string, ids: string[]): Promise<string[]>;
  /** Records ids as seen (first-seen time kept when already present). */
  markSeen(feedId: string, ids: string[], nowMs?: number): Promise<void>;
  /** How many ids are remembered for the feed. */
  count(feedId: string): Promise<number>;
}

export interface SeenStoreOptions {
  redis: Redis;
  keys: Keys;
  /** Ids kept per feed (the oldest beyond this are forgotten). Default 10,000: far more than any feed's window. */
  maxPerFeed?: number;
  /** Ids older than this are forgotten, in ms. Default 400 days. */
  maxAgeMs?: number;
}

export function createRedisSeenStore(options: SeenStoreOptions): SeenStore {
  const { redis, keys } = options;
  const maxPerFeed = options.maxPerFeed ?? 10_000;
  const maxAgeMs = options.maxAgeMs ?? 400 * 86_400_000;

  return {
    async filterUnseen(feedId, ids) {
      if (ids.length === 0) return [];
      const scores = await redis.zmscore(keys.seen(feedId), ...ids);
      return ids.filter((_, i) => scores[i] === null);
    },

    async markSeen(feedId, ids, nowMs = Date.now()) {
      if (ids.length === 0) return;
      const key = keys.seen(feedId);
      const args: (string | number)[] = [];
      for (const id of ids) args.push(nowMs, id);
      await redis
        .multi()
        .zadd(key, 'NX', ...args)
        .zremrangebyscore(key, '-inf', nowMs - maxAgeMs)
        .zremrangebyrank(key, 0, -(maxPerFeed + 1))
        .exec();
    },

    count(feedId) {
      return redis.zcard(keys.seen(feedId));
    },
  };
}
