import type { Redis } from 'ioredis';
import type { Config } from '../config/env.js';
import type { Logger } from '../log.js';
import { connectRedis } from '../redis/connection.js';
import { deploymentKeys, type Keys } from '../redis/keys.js';
import { createQueues, type Queues } from '../queue/queues.js';
import { queueDepth } from '../metrics.js';

/** Connections and queues shared by every role of one process. */
export interface Infrastructure {
  config: Config;
  logger: Logger;
  keys: Keys;
  /** Fail-fast connection: stores, producers, HTTP. */
  redis: Redis;
  queues: Queues;
  /** A new blocking connection for one BullMQ worker (`maxRetriesPerRequest: null`); closed by `close()`. */
  workerConnection(): Redis;
  /** Refreshes the queue-depth gauges (called on each /metrics scrape). */
  refreshQueueGauges(): Promise<void>;
  close(): Promise<void>;
}

export function createInfrastructure(config: Config, logger: Logger): Infrastructure {
  const redis = connectRedis(config, 'client');
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  const keys = deploymentKeys(config);
  const queues = createQueues(redis, keys.prefix);
  const workerConnections: Redis[] = [];

  return {
    config,
    logger,
    keys,
    redis,
    queues,
    workerConnection() {
      const conn = connectRedis(config, 'worker');
      conn.on('error', (err) => logger.warn({ err: err.message }, 'redis worker connection error'));
      workerConnections.push(conn);
      return conn;
    },
    async refreshQueueGauges() {
      for (const [name, queue] of Object.entries({ poll: queues.poll, stories: queues.stories, deliveries: queues.deliveries })) {
        const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'failed', 'prioritized');
        for (const [state, n] of Object.entries(counts)) queueDepth.set({ queue: name, state }, n);
      }
    },
    async close() {
      await queues.close().catch(() => undefined);
      await Promise.all(
        [...workerConnections, redis].map((c) => c.quit().catch(() => c.disconnect())),
      );
    },
  };
}
