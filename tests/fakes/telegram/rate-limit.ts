/**
 * Telegram's send limits, as its FAQ for bot developers describes them: about one message per second in one
 * chat (a short burst is tolerated), at most 20 messages per minute in one group, supergroup or channel, and
 * about 30 messages per second overall. Exceeding any of them answers 429 with `retry_after` in seconds.
 */
export interface RateLimits {
  /** Messages per second one chat refills at. Default 1. */
  perChatPerSecond: number;
  /** Messages one chat may take at once before the per-second pace applies. Default 3. */
  perChatBurst: number;
  /** Messages per rolling minute in one group, supergroup or channel. Default 20. */
  perGroupPerMinute: number;
  /** Messages per rolling second across every chat. Default 30. */
  globalPerSecond: number;
}

export const defaultRateLimits: RateLimits = {
  perChatPerSecond: 1,
  perChatBurst: 3,
  perGroupPerMinute: 20,
  globalPerSecond: 30,
};

export interface RateLimiter {
  /**
   * Takes one message for `chatId` at `nowMs`. Returns 0 when it may be sent (and counts it), else the
   * whole seconds to wait (at least 1), counting nothing.
   */
  take(chatId: number, isGroupLike: boolean, nowMs: number): number;
}

export function createRateLimiter(limits: RateLimits): RateLimiter {
  const buckets = new Map<number, { tokens: number; at: number }>();
  const groupWindows = new Map<number, number[]>();
  let globalWindow: number[] = [];

  return {
    take(chatId, isGroupLike, nowMs) {
      const waits: number[] = [];

      const bucket = buckets.get(chatId) ?? { tokens: limits.perChatBurst, at: nowMs };
      const tokens = Math.min(limits.perChatBurst, bucket.tokens + ((nowMs - bucket.at) / 1000) * limits.perChatPerSecond);
      if (tokens < 1) waits.push(((1 - tokens) / limits.perChatPerSecond) * 1000);

      const group = (groupWindows.get(chatId) ?? []).filter((t) => t > nowMs - 60_000);
      if (isGroupLike && group.length >= limits.perGroupPerMinute) {
        waits.push((group[group.length - limits.perGroupPerMinute] ?? nowMs) + 60_000 - nowMs);
      }

      globalWindow = globalWindow.filter((t) => t > nowMs - 1000);
      if (globalWindow.length >= limits.globalPerSecond) {
        waits.push((globalWindow[globalWindow.length - limits.globalPerSecond] ?? nowMs) + 1000 - nowMs);
      }

      if (waits.length > 0) {
        buckets.set(chatId, { tokens, at: nowMs });
        groupWindows.set(chatId, group);
        return Math.max(1, Math.ceil(Math.max(...waits) / 1000));
      }
      buckets.set(chatId, { tokens: tokens - 1, at: nowMs });
      if (isGroupLike) groupWindows.set(chatId, [...group, nowMs]);
      globalWindow.push(nowMs);
      return 0;
    },
  };
}
