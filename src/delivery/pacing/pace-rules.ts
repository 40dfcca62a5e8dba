import type { Keys } from '../../redis/keys.js';
import type { PlatformDescriptor, PlatformName, PlatformPace } from '../core/platform.js';
import type { Destination } from '../core/types.js';
import type { SlotBucket } from './send-slots.js';

/** Limits that replace a platform's own (its descriptor's `pace`), by platform name: for tests and benchmarks. */
export type PaceRules = Partial<Record<PlatformName, PlatformPace>>;

/** The buckets one send to a destination takes a slot from: its platform's (shared by every chat) and its chat's. */
export interface DestinationBuckets {
  platform: SlotBucket[];
  destination: SlotBucket[];
}

/**
 * The buckets of a send to `destination`, by its platform's limits (`pace` replaces them when given). Threads share
 * their chat's buckets.
 */
export function bucketsFor(
  destination: Destination,
  platform: Pick<PlatformDescriptor, 'pace' | 'isGroupChat'>,
  keys: Keys,
  pace: PlatformPace = platform.pace,
): DestinationBuckets {
  const chat = `${destination.platform}:${destination.chatId}`;
  const own: SlotBucket[] = [];
  if (pace.perChat) own.push({ key: keys.paceSlot(`${chat}:chat`), ...pace.perChat });
  if (pace.perGroup && platform.isGroupChat?.(destination.chatId)) own.push({ key: keys.paceSlot(`${chat}:group`), ...pace.perGroup });
  return {
    platform: pace.global ? [{ key: keys.paceSlot(destination.platform), ...pace.global }] : [],
    destination: own,
  };
}
