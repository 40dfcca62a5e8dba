import type { Redis } from 'ioredis';
import type { Config } from '../config/env.js';
import type { Logger } from '../log.js';
import { createRedis } from '../redis/connection.js';
import { reportConnection } from '../redis/connection-log.js';
import { createKeys, type Keys } from '../redis/keys.js';
import { createQueues, type Queues } from '../queue/queues.js';
import { queueDepth } from '../metrics.js';
import { createRedisDataWatch, type RedisDataWatch } from './redis-data-watch.js';

/** Connections and queues shared by every role of one process. */
export interface Infrastructure {
  config: Config;
  logger: Logger;
  keys: Keys;
  /** Fail-fast connection: stores, producers, HTTP. */
  redis: Redis;
  queues: Queues;
  /** Tells a Redis that lost its data from one that was only away; roles add their recovery steps. Started by start-app. */
  dataWatch: RedisDataWatch;
  /** A new blocking connection for one BullMQ worker (`maxRetriesPerRequest: null`); closed by `close()`. */
  workerConnection(): Redis;
  /** Refreshes the queue-depth gauges (called on each /metrics scrape). */
  refreshQueueGauges(): Promise<void>;
  close(): Promise<void>;
}

export function createInfrastructure(config: Config, logger: Logger): Infrastructure {
  const redis = createRedis(config.REDIS_URL, 'client');
  const connLog = logger.child({ module: 'redis' });
  reportConnection(redis, connLog, 'client');
  const keys = createKeys(config.REDIS_PREFIX);
  const queues = createQueues(redis, keys.prefix);
  const workerConnections: Redis[] = [];

  return {
    config,
    logger,
    keys,
    redis,
    queues,
    dataWatch: createRedisDataWatch({ redis, keys, logger }),
    workerConnection() {
      const conn = createRedis(config.REDIS_URL, 'worker');
      reportConnection(conn, connLog, `worker-${workerConnections.length + 1}`);
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
