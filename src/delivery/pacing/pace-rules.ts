import type { Keys } from '../../redis/keys.js';
import type { PlatformDescriptor, PlatformName, PlatformPace } from '../core/platform.js';
import type { Destination } from '../core/types.js';
import type { BucketSpec } from './token-bucket.js';

/** Limits that replace a platform's own (its descriptor's `pace`), by platform name: for tests and benchmarks. */
export type PaceRules = Partial<Record<PlatformName, PlatformPace>>;

/**
 * The buckets one send to `destination` takes a token from, by its platform's limits (`pace` replaces them when
 * given). Threads share their chat's buckets.
 */
export function bucketsFor(
  destination: Destination,
  platform: Pick<PlatformDescriptor, 'pace' | 'isGroupChat'>,
  keys: Keys,
  pace: PlatformPace = platform.pace,
): BucketSpec[] {
  const chat = `${destination.platform}:${destination.chatId}`;
  const specs: BucketSpec[] = [];
  if (pace.global) specs.push({ key: keys.bucket(destination.platform), ...pace.global });
  if (pace.perChat) specs.push({ key: keys.bucket(`${chat}:chat`), ...pace.perChat });
  if (pace.perGroup && platform.isGroupChat?.(destination.chatId)) specs.push({ key: keys.bucket(`${chat}:group`), ...pace.perGroup });
  return specs;
}

/** Cooldown keys that apply to a destination: its chat's, and its whole platform's. */
export function cooldownsFor(destination: Destination, keys: Keys): string[] {
  return [keys.cooldown(`${destination.platform}:${destination.chatId}`), keys.cooldown(destination.platform)];
}
