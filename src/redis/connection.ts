import { Cluster, Redis, type ClusterNode, type RedisOptions } from 'ioredis';

export type { Redis };

/** Where Redis is: one server (a URL), or a Redis Cluster (seed nodes; the URL lends credentials and TLS). */
export interface RedisTarget {
  REDIS_URL: string;
  REDIS_CLUSTER_NODES?: Array<{ host: string; port: number }> | undefined;
}

function optionsFor(use: 'worker' | 'client'): RedisOptions {
  return use === 'worker'
    ? { maxRetriesPerRequest: null, enableReadyCheck: true }
    : { maxRetriesPerRequest: 2, enableOfflineQueue: true, connectTimeout: 5_000 };
}

/**
 * Opens a Redis connection for one use.
 * - `worker`: BullMQ workers and blocking commands; retries forever (`maxRetriesPerRequest: null`).
 * - `client`: producers, stores and HTTP handlers; fails fast so that callers can answer or retry.
 */
export function createRedis(url: string, use: 'worker' | 'client' = 'client', extra: RedisOptions = {}): Redis {
  return new Redis(url, { lazyConnect: false, ...optionsFor(use), ...extra });
}

/**
 * Opens a connection to the configured Redis: {@link createRedis} on REDIS_URL, or, when REDIS_CLUSTER_NODES is
 * set, an ioredis `Cluster` over those seed nodes. The cluster client is typed as a `Redis`: it answers the same
 * commands, scripts, pipelines and transactions, and every key Kazwire builds shares one hash slot (see
 * src/redis/keys.ts), so none of them is refused as cross-slot. (The commands not routed by key, SCAN and SCRIPT LOAD,
 * go through {@link scanNodes}.)
 */
export function connectRedis(target: RedisTarget, use: 'worker' | 'client' = 'client'): Redis {
  if (!target.REDIS_CLUSTER_NODES) return createRedis(target.REDIS_URL, use);
  const nodes: ClusterNode[] = target.REDIS_CLUSTER_NODES.map((n) => ({ host: n.host, port: n.port }));
  const cluster = new Cluster(nodes, {
    redisOptions: { ...optionsFor(use), ...credentialsOf(target.REDIS_URL) },
    // A client keeps its fail-fast character: commands wait for the slot map, but not forever.
    enableOfflineQueue: true,
    ...(use === 'client' ? { clusterRetryStrategy: (times: number) => Math.min(100 * times, 2_000) } : {}),
  });
  return cluster as unknown as Redis;
}

/** The user, password and TLS of a `redis://` / `rediss://` URL, which every cluster node is reached with. */
function credentialsOf(url: string): RedisOptions {
  if (!/^rediss?:\/\//i.test(url)) return {};
  const parsed = new URL(url);
  return {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** True for a connection made by {@link connectRedis} to a Redis Cluster. */
export function isCluster(redis: Redis): boolean {
  return (redis as unknown as { isCluster?: boolean }).isCluster === true;
}

/**
 * The servers a command that is not routed by key (SCAN, SCRIPT LOAD) must visit: every primary of a cluster,
 * or the one server. On a cluster such a command would otherwise go to one random node.
 */
export function scanNodes(redis: Redis): Redis[] {
  return isCluster(redis) ? (redis as unknown as Cluster).nodes('master') : [redis];
}
