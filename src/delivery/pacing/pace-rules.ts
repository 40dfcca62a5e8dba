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
 * The platforms' published limits.
 * - Telegram: 30 messages/s for the bot, about 1/s per chat (burst of 3), 20/min per group or channel. The group
 *   bucket refills 17/min with a burst of 3, so that no 60 s window ever holds more than 20.
 * - Discord: 50 requests/s for the bot, 5 per 5 s per channel (discord.js also honours the exact route buckets
 *   from response headers; this keeps us from queueing far ahead of them).
 * - Console: unlimited.
 */
export const defaultPaceRules: PaceRules = {
  telegram: {
    global: { capacity: 30, refillPerSecond: 30 },
    perChat: { capacity: 3, refillPerSecond: 1 },
    perGroup: { capacity: 3, refillPerSecond: 17 / 60 },
  },
  discord: {
    global: { capacity: 50, refillPerSecond: 50 },
    perChat: { capacity: 5, refillPerSecond: 1 },
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
