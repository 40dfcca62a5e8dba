import { Queue, type DefaultJobOptions, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { queueNames } from './contracts.js';

/**
 * Every job retries: a Redis blip or restart fails whatever step touched Redis, and the work must be done once
 * Redis is back. 10 attempts, 1 s doubling with ±20 % jitter: about 17 minutes in all (poll jobs need less, the
 * reconciler re-creates a schedule that failed for good). Finished jobs are removed (bounded history): completed
 * ones beyond the last 100 (handy when debugging), failed ones kept a week (at most 5,000) so an operator can
 * see why; a failed job's id never blocks a re-queue of its work (src/queue/add-job.ts).
 */
export const defaultJobOptions: DefaultJobOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.2 },
  removeOnComplete: { count: 100 },
  removeOnFail: { age: 7 * 86_400, count: 5_000 },
};

/**
 * Story jobs (fan-out) retry longer, as alerts do: 16 attempts, 1 s doubling, about 18 hours in all: an alert
 * waits out a long Redis or network trouble rather than being dropped.
 */
export const storyJobOptions: JobsOptions = {
  attempts: 16,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.2 },
};

/**
 * Poll jobs: 6 attempts, 1 s doubling (about 30 s in all): a poll that keeps failing for a reason that is not the
 * feed's (Redis) is left to the reconciler, which schedules the feed again.
 */
export const pollJobOptions: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.2 },
};

export interface Queues {
  poll: Queue;
  stories: Queue;
  deliveries: Queue;
  close(): Promise<void>;
}

/**
 * The producer side of every queue, on one fail-fast connection (producers must not hang when Redis is down:
 * the caller answers or retries). `prefix` is the Redis key prefix (REDIS_PREFIX).
 */
export function createQueues(connection: Redis, prefix: string): Queues {
  const make = (name: string) => {
    const queue = new Queue(name, { connection, prefix, defaultJobOptions });
    // Connection errors are the connection's to report (once per outage); without a listener BullMQ prints
    // each one with its stack trace.
    queue.on('error', () => undefined);
    return queue;
  };
  const queues = {
    poll: make(queueNames.poll),
    stories: make(queueNames.stories),
    deliveries: make(queueNames.deliveries),
  };
  return {
    ...queues,
    async close() {
      await Promise.all(Object.values(queues).map((q) => q.close()));
    },
  };
}
