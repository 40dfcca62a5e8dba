import { Redis, type RedisOptions } from 'ioredis';

export type { Redis };

/**
 * Opens a Redis connection for one use.
 * - `worker`: BullMQ workers and blocking commands; retries forever (`maxRetriesPerRequest: null`).
 * - `client`: producers, stores and HTTP handlers; fails fast so that callers can answer or retry.
 */
export function createRedis(url: string, use: 'worker' | 'client' = 'client', extra: RedisOptions = {}): Redis {
  const base: RedisOptions =
    use === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 2, enableOfflineQueue: true, connectTimeout: 5_000 };
  return new Redis(url, { lazyConnect: false, ...base, ...extra });
}
