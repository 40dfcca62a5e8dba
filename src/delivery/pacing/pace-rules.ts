import type { Keys } from '../../redis/keys.js';
import type { Destination, Platform } from '../core/types.js';
import type { BucketSpec } from './token-bucket.js';

/** A rate: `capacity` messages at once, then `refillPerSecond` on average. */
export interface PaceRule {
  capacity: number;
  refillPerSecond: number;
}

/** The limits of one platform; a send takes a token from every bucket that applies. */
export interface PlatformPace {
  /** The whole bot, every chat. */
  global?: PaceRule;
  /** One chat (or channel). */
  perChat?: PaceRule;
  /** Additionally, Telegram groups and channels (negative chat ids). */
  perGroup?: PaceRule;
}

export type PaceRules = Record<Platform, PlatformPace>;

/**
 * The platforms' published limits. A bucket of `capacity` refilling at `r`/s lets `capacity + r * W` messages
 * through in any window of W seconds, so each bucket is sized for the platform's window, with a message or two
 * to spare for the jitter between taking a token and the request reaching the platform.
 * - Telegram: 30 messages in any second for the bot (burst 3 + 26/s: at most 29), about 1/s per chat (Telegram
 *   tolerates a burst of 3; we take 2, so one spare token absorbs jitter), 20/min per group or channel (burst 3 +
 *   17/min: no 60 s window ever holds more than 20).
 * - Discord: 50 requests in any second for the bot (burst 3 + 45/s: at most 48; discord.js also counts its own
 *   second), 5 per 5 s per channel (burst 2 + 0.55/s: at most 4 in any 5 s; discord.js also honours the exact
 *   route buckets from response headers).
 * - Console: unlimited.
 * A full-size burst (capacity 30 refilling 30/s) let 60 messages into one second: the local fakes answered
 * 429s (bench/delivery-platforms.ts).
 */
export const defaultPaceRules: PaceRules = {
  telegram: {
    global: { capacity: 3, refillPerSecond: 26 },
    perChat: { capacity: 2, refillPerSecond: 1 },
    perGroup: { capacity: 3, refillPerSecond: 17 / 60 },
  },
  discord: {
    global: { capacity: 3, refillPerSecond: 45 },
    perChat: { capacity: 2, refillPerSecond: 0.55 },
  },
  console: {},
};

/** Telegram groups, supergroups and channels have negative ids. */
function isGroupChat(destination: Destination): boolean {
  return destination.platform === 'telegram' && destination.chatId.startsWith('-');
}

/** The buckets one send to `destination` takes a token from. Threads share their chat's buckets. */
export function bucketsFor(destination: Destination, rules: PaceRules, keys: Keys): BucketSpec[] {
  const pace = rules[destination.platform];
  const chat = `${destination.platform}:${destination.chatId}`;
  const specs: BucketSpec[] = [];
  if (pace.global) specs.push({ key: keys.bucket(destination.platform), ...pace.global });
  if (pace.perChat) specs.push({ key: keys.bucket(`${chat}:chat`), ...pace.perChat });
  if (pace.perGroup && isGroupChat(destination)) specs.push({ key: keys.bucket(`${chat}:group`), ...pace.perGroup });
  return specs;
}

/** Cooldown keys that apply to a destination: its chat's, and its whole platform's. */
export function cooldownsFor(destination: Destination, keys: Keys): string[] {
  return [keys.cooldown(`${destination.platform}:${destination.chatId}`), keys.cooldown(destination.platform)];
}
