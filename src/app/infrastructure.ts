import type { Redis } from 'ioredis';
import type { Config } from '../config/env.js';
import type { Logger } from '../log.js';
import { connectRedis } from '../redis/connection.js';
import { reportConnection } from '../redis/connection-log.js';
import { deploymentKeys, type Keys } from '../redis/keys.js';
import { createQueues, type Queues } from '../queue/queues.js';
import { queueDepth } from '../metrics.js';
import { createHealth, type Health } from './health.js';
import { createRedisDataWatch, type RedisDataWatch } from './redis-data-watch.js';

/** Connections and queues shared by every role of one process. */
export interface Infrastructure {
  config: Config;
  logger: Logger;
  keys: Keys;
  /** Fail-fast connection: stores, producers, HTTP. */
  redis: Redis;
  queues: Queues;
  /** Each component's state, for /healthz and `kazwire_component_up`: `infra.health.report(name, up, detail)`. */
  health: Health;
  /** Tells a Redis that lost its data from one that was only away; roles add their recovery steps. Started by start-app. */
  dataWatch: RedisDataWatch;
  /** A new blocking connection for one BullMQ worker (`maxRetriesPerRequest: null`); closed by `close()`. */
  workerConnection(): Redis;
  /** Refreshes the queue-depth gauges (called on each /metrics scrape). */
  refreshQueueGauges(): Promise<void>;
  close(): Promise<void>;
}

export function createInfrastructure(config: Config, logger: Logger): Infrastructure {
  const redis = connectRedis(config, 'client');
  const connLog = logger.child({ module: 'redis' });
  reportConnection(redis, connLog, 'client');
  const keys = deploymentKeys(config);
  const queues = createQueues(redis, keys.prefix);
  const workerConnections: Redis[] = [];
  const health = createHealth(logger);
  const redisCheck = { check: 'is Redis running and reachable at REDIS_URL?' };
  redis.on('ready', () => health.report('redis', true, 'connected', redisCheck));
  let closing = false;
  redis.on('close', () => !closing && health.report('redis', false, 'connection closed; reconnecting', redisCheck));

  return {
    config,
    logger,
    keys,
    redis,
    queues,
    health,
    dataWatch: createRedisDataWatch({ redis, keys, logger }),
    workerConnection() {
      const conn = connectRedis(config, 'worker');
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
      closing = true;
      await queues.close().catch(() => undefined);
      await Promise.all(
        [...workerConnections, redis].map((c) => c.quit().catch(() => c.disconnect())),
      );
    },
  };
}
