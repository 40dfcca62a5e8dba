import type { Redis } from 'ioredis';

/**
 * Deletes every key under `prefix:` (SCAN + UNLINK, in batches, without blocking Redis). Returns how many.
 * For throwaway prefixes (tests, benchmarks, the demo), never for a live deployment's own prefix.
 */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (found.length > 0) deleted += await redis.unlink(...found);
  } while (cursor !== '0');
  return deleted;
}
