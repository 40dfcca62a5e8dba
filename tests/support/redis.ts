import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createKeys, type Keys } from '../../src/redis/keys.js';
import { deleteKeysWithPrefix } from '../../src/redis/delete-prefix.js';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface RedisTestContext {
  /** Fails fast; for stores and producers. */
  redis: Redis;
  /** A unique prefix for this test's keys and BullMQ queues. */
  prefix: string;
  keys: Keys;
  /** Opens another connection (e.g. `maxRetriesPerRequest: null` for a BullMQ worker); closed by cleanup. */
  connect(options?: { worker?: boolean }): Redis;
  /** Deletes every key under the prefix and closes every connection. */
  cleanup(): Promise<void>;
}

/**
 * A real Redis with a fresh key prefix, so test files can run in parallel against one server.
 * Usage: `let ctx: RedisTestContext; beforeEach(async () => { ctx = await useRedis(); }); afterEach(() => ctx.cleanup());`
 */
export async function useRedis(label = 'test'): Promise<RedisTestContext> {
  const prefix = `kwtest-${label}-${randomBytes(4).toString('hex')}`;
  const connections: Redis[] = [];
  const connect = (options: { worker?: boolean } = {}) => {
    const conn = new Redis(TEST_REDIS_URL, {
      maxRetriesPerRequest: options.worker ? null : 2,
      lazyConnect: false,
    });
    connections.push(conn);
    return conn;
  };
  const redis = connect();
  await redis.ping();
  return {
    redis,
    prefix,
    keys: createKeys(prefix),
    connect,
    async cleanup() {
      await deleteKeysWithPrefix(redis, prefix);
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
