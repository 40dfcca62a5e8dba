import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import type { Keys } from '../redis/keys.js';
import type { Archive } from '../news/archive.js';
import { runPeriodically } from './periodic.js';

/**
 * Enforces the archive's retention: once at start and then every `everyMs` (default 1 h), under a lock so that
 * one process does it at a time; a round that fails (Redis away) is tried again after 5 s, doubling. Returns a
 * stop function.
 */
export function startArchiveMaintenance(
  deps: { archive: Archive; redis: Redis; keys: Keys; logger: Logger },
  everyMs = 3600_000,
): () => Promise<void> {
  const log = deps.logger.child({ module: 'archive-maintenance' });
  const lockKey = deps.keys.archivePruneLock();
  return runPeriodically(
    async () => {
      if ((await deps.redis.set(lockKey, String(process.pid), 'PX', Math.min(everyMs, 600_000), 'NX')) !== 'OK') return;
      const removed = await deps.archive.prune();
      if (removed > 0) log.info({ removed }, 'old stories removed from the archive');
    },
    {
      everyMs,
      onError: (err, retryInMs, failures) =>
        log[failures === 1 ? 'warn' : 'debug']({ err: (err as Error).message, retryInMs }, 'archive pruning failed; will retry'),
    },
  );
}
