import type { ChainableCommander, Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';

/**
 * Every identity (src/feeds/identity.ts) of the items Kazwire has read from each feed, with when the feed last
 * served it. It lives in Redis, survives restarts and outlives the feed's own window: an item that drops out of
 * the feed and comes back later is not new, an edited item is not new, and an item re-served under a new guid
 * is not new while any other identity of it is known.
 *
 * Identities of what the feed still serves are never forgotten, however long the feed: each poll refreshes
 * them. Of those it no longer serves, the `maxUnservedPerFeed` most recently served are kept (and none longer
 * than `maxAgeMs`). Seen-sets written before identities existed hold one id per item; those ids are still read
 * as known (they are an item's first identity) and get refreshed like any other.
 *
 * Identities are recorded only after the items have been handled (understood, archived, queued), so a crash in
 * between handles them again rather than losing them; that handling is idempotent.
 */
export interface SeenStore {
  /** The identities among `identities` known for this feed, with when the feed last served each (ms). */
  known(feedId: string, identities: string[]): Promise<ReadonlyMap<string, number>>;
  /**
   * Records `served`, every identity of every item of the feed's current document, as served now, and forgets
   * the oldest identities the feed no longer serves beyond the bounds. `known` (from {@link SeenStore.known})
   * spares rewriting identities refreshed recently.
   */
  recordServed(feedId: string, served: string[], options?: { nowMs?: number; known?: ReadonlyMap<string, number> }): Promise<void>;
  /** How many identities are remembered for the feed. */
  count(feedId: string): Promise<number>;
}

export interface SeenStoreOptions {
  redis: Redis;
  keys: Keys;
  /**
   * Identities kept per feed of items the feed no longer serves (the least recently served beyond this are
   * forgotten). Default 10,000: about 3,300 items that left the feed's window.
   */
  maxUnservedPerFeed?: number;
  /** Identities not served for longer than this are forgotten, in ms. Default 400 days. */
  maxAgeMs?: number;
  /** A served identity whose last-served time is younger than this is not rewritten, in ms. Default 1 day. */
  refreshAfterMs?: number;
}

/** Members per command: a 15,000-item feed must not become one 45,000-member command that blocks Redis. */
const SLICE = 2_000;

export function createRedisSeenStore(options: SeenStoreOptions): SeenStore {
  const { redis, keys } = options;
  const maxUnserved = options.maxUnservedPerFeed ?? 10_000;
  const maxAgeMs = options.maxAgeMs ?? 400 * 86_400_000;
  const refreshAfterMs = options.refreshAfterMs ?? 86_400_000;

  function zadd(pipeline: ChainableCommander, key: string, ids: string[], nowMs: number) {
    for (let i = 0; i < ids.length; i += SLICE) {
      const args: (string | number)[] = [];
      for (const id of ids.slice(i, i + SLICE)) args.push(nowMs, id);
      // GT: a poll by a process whose clock is behind never moves an identity back in time.
      pipeline.zadd(key, 'GT', ...args);
    }
  }

  async function run(pipeline: ChainableCommander): Promise<unknown[]> {
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([err]) => err);
    if (failed?.[0]) throw failed[0];
    return results.map(([, value]) => value);
  }

  return {
    async known(feedId, identities) {
      const known = new Map<string, number>();
      const key = keys.seen(feedId);
      for (let i = 0; i < identities.length; i += SLICE) {
        const slice = identities.slice(i, i + SLICE);
        const scores = await redis.zmscore(key, ...slice);
        slice.forEach((id, j) => {
          const score = scores[j];
          if (score !== null && score !== undefined) known.set(id, Number(score));
        });
      }
      return known;
    },

    async recordServed(feedId, served, { nowMs = Date.now(), known } = {}) {
      if (served.length === 0) return;
      const key = keys.seen(feedId);
      const distinct = [...new Set(served)];
      // Most polls serve what the last ones did: only new identities, and those not refreshed for a while, are
      // written; the set's size says whether anything must be trimmed.
      const stale = known ? distinct.filter((id) => !((known.get(id) ?? -Infinity) > nowMs - refreshAfterMs)) : distinct;
      const write = redis.pipeline();
      zadd(write, key, stale, nowMs);
      write.zcard(key);
      write.zrange(key, '0', '0', 'WITHSCORES');
      const results = await run(write);
      const size = Number(results.at(-2));
      const oldest = Number((results.at(-1) as string[] | undefined)?.[1] ?? nowMs);
      const keep = distinct.length + maxUnserved;
      if (size <= keep && oldest >= nowMs - maxAgeMs) return;
      // Trimming: first make everything served the newest, so that trimming by rank keeps all of it and the most
      // recently served of the rest.
      const trim = redis.pipeline();
      if (stale.length < distinct.length) zadd(trim, key, distinct, nowMs);
      trim.zremrangebyscore(key, '-inf', `(${nowMs - maxAgeMs}`);
      trim.zremrangebyrank(key, 0, -(keep + 1));
      await run(trim);
    },

    count(feedId) {
      return redis.zcard(keys.seen(feedId));
    },
  };
}
