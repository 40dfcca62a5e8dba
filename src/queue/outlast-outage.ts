import type { Redis } from 'ioredis';

/** Errors BullMQ uses to move a job (delayed, waiting for children, rate-limited): not failures. */
const CONTROL_ERRORS = new Set(['DelayedError', 'WaitingChildrenError', 'WaitingError', 'RateLimitError']);

/** A BullMQ processor (the job, its lock token, the signal `cancelJob`/`cancelAllJobs` aborts). */
type Processor<J, R> = (job: J, token?: string, signal?: AbortSignal) => Promise<R>;

/**
 * Wraps a job processor so that, when it fails, the failure is only handed to BullMQ once Redis answers again
 * (at most `maxWaitMs`, default 60 s, or until the job is cancelled). A job that failed because Redis went
 * away cannot be moved to failed (and retried with backoff) while Redis is away: it would sit in `active`
 * until its lock expired and the stalled check found it, tens of seconds after Redis came back. Waiting here,
 * with the lock still renewed, the retry is scheduled as soon as Redis is back. When Redis is up this costs
 * one PING. The wrapper declares the signal parameter, so BullMQ passes it.
 */
export function outlastingOutages<J, R>(redis: Redis, processor: Processor<J, R>, maxWaitMs = 60_000): Processor<J, R> {
  return async (job: J, token?: string, signal?: AbortSignal) => {
    try {
      return await processor(job, token, signal);
    } catch (err) {
      if (!(err instanceof Error && CONTROL_ERRORS.has(err.name))) await untilRedisAnswers(redis, maxWaitMs, signal);
      throw err;
    }
  };
}

async function untilRedisAnswers(redis: Redis, maxWaitMs: number, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + maxWaitMs;
  for (let wait = 100; Date.now() < deadline && !signal?.aborted; wait = Math.min(2_000, wait * 2)) {
    // A connection that retries forever queues the PING until Redis is back: give it `wait` to answer.
    const answered = await Promise.race([
      redis.ping().then((pong) => pong === 'PONG', () => false),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), wait).unref()),
    ]);
    if (answered) return;
    if (redis.status !== 'ready') await new Promise((resolve) => setTimeout(resolve, Math.min(wait, Math.max(0, deadline - Date.now()))).unref());
  }
}
