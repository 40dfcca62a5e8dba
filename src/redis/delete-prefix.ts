import type { Redis } from 'ioredis';
import { isCluster, scanNodes } from './connection.js';

/**
 * Deletes every key under `prefix:` (SCAN + UNLINK, in batches, without blocking Redis). Returns how many.
 * On a Redis Cluster every primary is scanned, and keys are unlinked one a command (they may lie in several
 * slots). For throwaway prefixes (tests, benchmarks, the demo), never for a live deployment's own prefix.
 */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<number> {
  const clustered = isCluster(redis);
  let deleted = 0;
  for (const node of scanNodes(redis)) {
    let cursor = '0';
    do {
      const [next, found] = await node.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (found.length === 0) continue;
      if (!clustered) {
        deleted += await node.unlink(...found);
        continue;
      }
      const pipeline = node.pipeline();
      for (const key of found) pipeline.unlink(key);
      for (const [err, n] of (await pipeline.exec()) ?? []) if (!err) deleted += Number(n);
    } while (cursor !== '0');
  }
  return deleted;
}
