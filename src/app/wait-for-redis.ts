import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';

/** Options of {@link waitForRedis}. */
export interface WaitForRedisOptions {
  /** First pause between two tries, in ms, doubling up to `maxRetryMs`. Default 500. */
  retryMs?: number;
  /** Longest pause between two tries, in ms. Default 5 000. */
  maxRetryMs?: number;
  /** Stops waiting (start-up was cancelled): the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Waits until Redis answers, however long it takes: Kazwire keeps its queues, seen-sets and subscriptions in
 * Redis and cannot do anything useful without it, and an orchestrator starting both at once should not need to
 * order them. Says once, plainly, what to check (the URL, whether Redis runs), then retries quietly with backoff.
 */
export async function waitForRedis(redis: Redis, url: string, log: Logger, options: WaitForRedisOptions = {}): Promise<void> {
  const maxRetryMs = options.maxRetryMs ?? 5_000;
  let wait = options.retryMs ?? 500;
  let tries = 0;
  const started = Date.now();
  // The connection's own error (ECONNREFUSED, a DNS failure, NOAUTH) says more than the command's ("max retries").
  let connectionError: string | undefined;
  const onError = (err: Error) => {
    connectionError = err.message;
  };
  redis.on('error', onError);
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      if (await answers(redis)) break;
      tries++;
      const reason = connectionError ?? 'no answer';
      if (tries === 1) {
        log.error(
          { url: redactUrl(url), err: reason },
          `cannot reach Redis at ${redactUrl(url)} (${reason}): is redis-server running there, and is REDIS_URL right? Waiting for it, retrying quietly`,
        );
      } else {
        log.debug({ url: redactUrl(url), err: reason, tries }, 'Redis still does not answer');
      }
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(maxRetryMs, wait * 2);
    }
  } finally {
    redis.off('error', onError);
  }
  if (tries > 0) log.info({ url: redactUrl(url), waitedMs: Date.now() - started }, 'Redis answers; starting');
}

async function answers(redis: Redis): Promise<boolean> {
  try {
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  }
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
