import type { Redis } from 'ioredis';
import type { Keys } from '../../redis/keys.js';

/**
 * When a feed last published new items: the facts adaptive polling stretches or shrinks the interval from.
 * Keeps the last `keep` times (default 30) from the last 14 days.
 */
export interface FeedActivity {
  record(feedId: string, timesMs: number[]): Promise<void>;
  recent(feedId: string): Promise<number[]>;
}

export function createRedisFeedActivity({ redis, keys, keep = 30 }: { redis: Redis; keys: Keys; keep?: number }): FeedActivity {
  const windowMs = 14 * 86_400_000;
  return {
    async record(feedId, timesMs) {
      if (timesMs.length === 0) return;
      const key = keys.feedActivity(feedId);
      const args: (string | number)[] = [];
      // Members must be distinct: two items published in the same millisecond are two events.
      timesMs.forEach((t, i) => args.push(t, `${t}:${i}:${Math.random().toString(36).slice(2, 8)}`));
      await redis
        .multi()
        .zadd(key, ...args)
        .zremrangebyscore(key, '-inf', Date.now() - windowMs)
        .zremrangebyrank(key, 0, -(keep + 1))
        .pexpire(key, windowMs)
        .exec();
    },
    async recent(feedId) {
      const raw = await redis.zrange(keys.feedActivity(feedId), '0', '-1', 'WITHSCORES');
      const times: number[] = [];
      for (let i = 1; i < raw.length; i += 2) times.push(Number(raw[i]));
      return times;
    },
  };
}
