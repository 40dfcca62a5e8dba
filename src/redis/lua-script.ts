import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { scanNodes } from './connection.js';

/**
 * A Lua script run by its SHA (EVALSHA), loaded on first use and again after a Redis restart or SCRIPT FLUSH:
 * scripts run once per item (clustering, archive) or per send (pacing), so their bodies should not travel every time.
 */
export function luaScript(source: string): (redis: Redis, keys: string[], args: (string | number)[]) => Promise<unknown> {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (redis, keys, args) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.includes('NOSCRIPT')) throw err;
      return redis.eval(source, keys.length, ...keys, ...args);
    }
  };
}

/**
 * SCRIPT LOAD where the script will run, for callers that EVALSHA inside a pipeline (where a NOSCRIPT cannot be
 * answered with EVAL): on a Redis Cluster on every primary, since SCRIPT LOAD is not routed by key. Returns the SHA.
 */
export async function loadScript(redis: Redis, source: string): Promise<string> {
  const [sha] = await Promise.all(scanNodes(redis).map((node) => node.script('LOAD', source) as Promise<string>));
  return sha!;
}
