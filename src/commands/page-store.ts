import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type { PageState, PageStoreLike } from './services.js';

export interface PageStoreOptions {
  /** How long a paging token stays valid, in seconds. Default 3600 (one hour). */
  ttlSeconds?: number;
}

/**
 * Paging state in Redis (`keys.replyPages`). The token is a hash of the state, short enough for a Discord
 * button's custom id; saving the same query again refreshes its lifetime instead of adding a key.
 */
export function createRedisPageStore(redis: Redis, keys: Keys, options: PageStoreOptions = {}): PageStoreLike {
  const ttl = options.ttlSeconds ?? 3600;
  return {
    async save(state) {
      const json = JSON.stringify({ command: state.command, args: sortKeys(state.args) });
      const token = createHash('sha256').update(json).digest('base64url').slice(0, 16);
      await redis.set(keys.replyPages(token), json, 'EX', ttl);
      return token;
    },
    async load(token) {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(token)) return undefined;
      const json = await redis.get(keys.replyPages(token));
      if (!json) return undefined;
      try {
        return JSON.parse(json) as PageState;
      } catch {
        return undefined;
      }
    },
  };
}

function sortKeys(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).sort(([a], [b]) => a.localeCompare(b)));
}
