import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';

/**
 * The verdict for one command from one user:
 * - `allow`: go ahead.
 * - `refuse`: the first command over the limit in this window; answer once, politely.
 * - `silent`: already told in this window; say nothing until it passes.
 */
export type RateVerdict =
  | { kind: 'allow' }
  | { kind: 'refuse'; retryAfterMs: number }
  | { kind: 'silent'; retryAfterMs: number };

export interface CommandRateLimiter {
  check(platform: string, userId: string): Promise<RateVerdict>;
}

export interface CommandRateLimitOptions {
  /** Commands one user may run per window. Default 10. */
  limit?: number;
  /** Window length in milliseconds. Default 60 000 (one minute). */
  windowMs?: number;
}

/**
 * A fixed-window counter per user in Redis (`keys.commandRate`), shared by every process answering commands.
 * The window starts at the user's first command and the key expires with it.
 */
export function createCommandRateLimiter(
  redis: Redis,
  keys: Keys,
  options: CommandRateLimitOptions = {},
): CommandRateLimiter {
  const limit = options.limit ?? 10;
  const windowMs = options.windowMs ?? 60_000;
  return {
    async check(platform, userId) {
      const key = keys.commandRate(platform, userId);
      // SET NX PX then INCR in one transaction: the window's expiry is set once, by the first command.
      const results = await redis.multi().set(key, '0', 'PX', windowMs, 'NX').incr(key).pttl(key).exec();
      const count = Number(results?.[1]?.[1] ?? 0);
      const ttl = Number(results?.[2]?.[1] ?? windowMs);
      const retryAfterMs = ttl > 0 ? ttl : windowMs;
      if (count <= limit) return { kind: 'allow' };
      if (count === limit + 1) return { kind: 'refuse', retryAfterMs };
      return { kind: 'silent', retryAfterMs };
    },
  };
}
