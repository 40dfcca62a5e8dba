import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';

/**
 * Waits until Redis answers, for at most `timeoutMs` (default 30 s), then throws an error that says how to fix it.
 * Kazwire keeps its queues, seen-sets and subscriptions in Redis: it cannot do anything useful without it.
 */
export async function waitForRedis(redis: Redis, url: string, log: Logger, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let warned = false;
  for (;;) {
    try {
      await redis.ping();
      return;
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(
          `cannot reach Redis at ${redactUrl(url)} (${(err as Error).message}); start Redis or set REDIS_URL`,
        );
      }
      if (!warned) log.warn({ url: redactUrl(url) }, 'waiting for Redis to answer');
      warned = true;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
