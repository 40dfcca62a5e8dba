import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';

/**
 * BullMQ needs `maxmemory-policy noeviction`: with any other policy Redis may evict queue keys under memory
 * pressure and jobs are silently lost. Warns loudly (it does not stop: a managed Redis may forbid CONFIG).
 */
export async function warnUnlessNoEviction(redis: Redis, logger: Logger): Promise<void> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1];
    if (policy && policy !== 'noeviction') {
      logger.warn(
        { maxmemoryPolicy: policy, fix: 'redis-cli CONFIG SET maxmemory-policy noeviction (and in redis.conf)' },
        `REDIS maxmemory-policy is "${policy}", not "noeviction": Redis may evict queued jobs and alerts will be LOST`,
      );
    }
  } catch (err) {
    logger.warn({ err: (err as Error).message }, 'could not read Redis maxmemory-policy (CONFIG GET refused); make sure it is noeviction');
  }
}
