import { Queue, type DefaultJobOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { queueNames } from './contracts.js';

/**
 * Finished jobs are removed (bounded history): completed ones at once beyond the last 100 (handy when
 * debugging), failed ones kept a week (at most 5,000) so an operator can see why.
 */
export const defaultJobOptions: DefaultJobOptions = {
  removeOnComplete: { count: 100 },
  removeOnFail: { age: 7 * 86_400, count: 5_000 },
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
  const make = (name: string) => new Queue(name, { connection, prefix, defaultJobOptions });
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
