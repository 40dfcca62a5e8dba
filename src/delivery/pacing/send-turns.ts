import type { Keys } from '../../redis/keys.js';
import type { Destination, Sender } from '../core/types.js';
import { bucketsFor, cooldownsFor, type PaceRules } from './pace-rules.js';
import type { Pacer } from './token-bucket.js';

/** What a send waits its turn for: a destination (its key and its parts) and the sender whose platform limits apply. */
export interface TurnTarget {
  key: string;
  destination: Destination;
  sender: Pick<Sender, 'platform'>;
}

/**
 * When a job may send: the platform's limits (from the sender's descriptor), 429 cooldowns and the one-sender-per-
 * destination lease, all shared through Redis by every process. `wait` returning `{ waitMs }` means: come back then.
 */
export interface SendTurns {
  /**
   * Takes a token from each bucket that applies and, with `leaseOwner`, the destination's lease; or, when
   * something blocks, nothing, and how long to wait. A busy destination is looked at again soon rather than at
   * its lease's end, since it is usually free again within one send.
   */
  take(target: TurnTarget, leaseOwner?: string): Promise<{ waitMs: number }>;
  /** Gives the destination's lease back, if `owner` still holds it. */
  release(target: TurnTarget, owner: string): Promise<void>;
  /** After a 429: nothing is sent to the chat (or the whole platform, when `global`) for `ms`. */
  coolDown(target: TurnTarget, global: boolean, ms: number): Promise<void>;
}

export interface SendTurnsOptions {
  pacer: Pacer;
  keys: Keys;
  /** Limits replacing a platform's own, by name. Default: none. */
  paceRules?: PaceRules;
  /** How long a sending job holds its destination's lease, in ms (released as soon as it is done). Default 60 s. */
  leaseMs?: number;
  /** How soon a job that found its destination busy looks again, in ms. Default 200. */
  busyRecheckMs?: number;
}

export function createSendTurns(options: SendTurnsOptions): SendTurns {
  const { pacer, keys } = options;
  const rules = options.paceRules ?? {};
  const leaseMs = options.leaseMs ?? 60_000;
  const busyRecheckMs = options.busyRecheckMs ?? 200;
  return {
    async take({ key, destination, sender }, leaseOwner) {
      const platform = sender.platform;
      const result = await pacer.acquire({
        buckets: bucketsFor(destination, platform, keys, rules[platform.name]),
        cooldowns: cooldownsFor(destination, keys),
        ...(leaseOwner !== undefined ? { lease: { key: keys.sendLease(key), owner: leaseOwner, ttlMs: leaseMs } } : {}),
      });
      if (result.waitMs <= 0) return { waitMs: 0 };
      return { waitMs: result.blockedBy === 'lease' ? Math.min(result.waitMs, busyRecheckMs) : result.waitMs };
    },
    release: ({ key }, owner) => pacer.releaseLease(keys.sendLease(key), owner),
    coolDown({ destination }, global, ms) {
      const name = global ? destination.platform : `${destination.platform}:${destination.chatId}`;
      return pacer.setCooldown(keys.cooldown(name), ms);
    },
  };
}
