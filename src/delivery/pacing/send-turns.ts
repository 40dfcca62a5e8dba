import type { Keys } from '../../redis/keys.js';
import type { Destination, Sender } from '../core/types.js';
import { bucketsFor, type PaceRules } from './pace-rules.js';
import type { SendSlots } from './send-slots.js';

/** What a send waits its turn for: a destination (its key and its parts) and the sender whose platform limits apply. */
export interface TurnTarget {
  key: string;
  destination: Destination;
  sender: Pick<Sender, 'platform'>;
}

/** When a job may send. */
export type TurnAnswer =
  /**
   * A slot is reserved for this job `waitMs` from now, on every bucket that applies: send then, and not after
   * `sendBy` (epoch ms, this process's clock); a send later than that could crowd the slots after it, so ask again.
   */
  | { kind: 'go'; waitMs: number; sendBy: number }
  /** Nothing reserved: the destination's limits or a 429 hold it until `waitMs` from now. Come back then. */
  | { kind: 'later'; waitMs: number }
  /** Another job holds the destination's turn and will send what waits there. */
  | { kind: 'taken' }
  /** The destination moved (a group became a supergroup): ask again for `to`. */
  | { kind: 'moved'; to: string }
  /** The job's story is delivered and nobody holds the turn: nothing to do. */
  | { kind: 'done' };

/** Who asks for the destination's turn with the slot. */
export interface TurnOwner {
  /** The job id. */
  owner: string;
  /** The job's story: the turn is not taken when its delivered record exists. */
  storyId: string;
}

/**
 * When a job may send: the platform's limits (from the sender's descriptor) as a schedule of send slots, 429
 * cool-downs, and the destination's turn (the one job that sends what waits there), shared through Redis by every
 * process. A job asks once and learns exactly when its slot is; it never polls.
 */
export interface SendTurns {
  /** Reserves the next free slot on the platform's and the destination's buckets; with `turn`, the turn as well. */
  reserve(target: TurnTarget, turn?: TurnOwner): Promise<TurnAnswer>;
  /** After a 429: the chat's next slot (or the whole platform's, when `global`) moves to `ms` from now. */
  coolDown(target: TurnTarget, global: boolean, ms: number): Promise<void>;
  /** How late after its slot a send may still go, in ms (see SendTurnsOptions). */
  readonly lateToleranceMs: number;
}

export interface SendTurnsOptions {
  slots: SendSlots;
  keys: Keys;
  /** Limits replacing a platform's own, by name. Default: none. */
  paceRules?: PaceRules;
  /**
   * Longest wait a job spends in its worker slot, in ms: a slot at most this far ahead is reserved and waited for
   * in process; a longer wait (a chat's own limit, a 429) reserves nothing and the job comes back then. The
   * platform's slots are only ever reserved this far ahead by running jobs. Default 2000.
   */
  maxAheadMs?: number;
  /** How long a destination's turn outlives its holder's last reservation, in ms. Default 10 min. */
  turnTtlMs?: number;
  /**
   * How late after its slot a send may still go, in ms (a stalled event loop wakes several jobs at once). Default
   * 25: a window of one second then holds at most rate * 1.025 + 1 sends, 50 at Discord's 48/s and 30 at
   * Telegram's 29/s.
   */
  lateToleranceMs?: number;
}

export function createSendTurns(options: SendTurnsOptions): SendTurns {
  const { slots, keys } = options;
  const rules = options.paceRules ?? {};
  const maxAheadMs = options.maxAheadMs ?? 2_000;
  const turnTtlMs = options.turnTtlMs ?? 600_000;
  const lateToleranceMs = options.lateToleranceMs ?? 25;
  const buckets = ({ destination, sender }: TurnTarget) =>
    bucketsFor(destination, sender.platform, keys, rules[sender.platform.name]);

  return {
    lateToleranceMs,
    async reserve(target, turn) {
      const { platform, destination } = buckets(target);
      const result = await slots.reserve({
        buckets: [...platform, ...destination],
        stopKeys: [keys.destinationMoved(target.key)],
        ...(turn
          ? { turn: { key: keys.destinationTurn(target.key), owner: turn.owner, ttlMs: turnTtlMs, doneKey: keys.delivered(target.key, turn.storyId) } }
          : {}),
        maxAheadMs,
      });
      switch (result.kind) {
        case 'reserved':
          // The reply left Redis a moment ago; the slot is `waitMs` after the script ran.
          return { kind: 'go', waitMs: result.waitMs, sendBy: Date.now() + result.waitMs + lateToleranceMs };
        case 'later':
          return { kind: 'later', waitMs: result.waitMs };
        case 'turn-taken':
          return { kind: 'taken' };
        case 'stopped':
          return { kind: 'moved', to: result.value };
        case 'done':
          return { kind: 'done' };
      }
    },

    async coolDown(target, global, ms) {
      const { platform, destination } = buckets(target);
      await Promise.all((global ? platform : destination).map((b) => slots.push(b, ms)));
    },
  };
}
