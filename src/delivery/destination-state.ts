import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type { SentRef } from './core/types.js';
import { claimNext, enqueueStory, finishTurn, recordAndRelease, type EnqueueAnswer, type TurnAfter, type TurnEnd } from './destination-scripts.js';

/** A message being sent to a destination, kept until its delivered records are written (crash recovery). */
export interface InflightBatch {
  storyIds: string[];
  /** Stable across retries and re-runs, so a platform that honours it posts once. */
  idempotencyKey: string;
}

/** Where one story went in one destination: the message ids and every story that message carries. */
export interface SentRecord extends SentRef {
  storyIds: string[];
}

/** Options of createDestinationState. */
export interface DestinationStateOptions {
  redis: Redis;
  keys: Keys;
  /** How long delivered records are kept, in seconds: a replay older than this could post again. Default 14 days. */
  deliveredRetentionSeconds?: number;
  /** How long message ids are kept for edits, in seconds. Default 3 days. */
  sentRetentionSeconds?: number;
  /** How long after a message a destination still counts as active (its next alert queues as a backlog), in seconds. Default 60. */
  activeForSeconds?: number;
  /** How long a destination's turn is held without its holder coming back, in ms. Default 10 min. */
  turnTtlMs?: number;
}

/** Per-destination delivery state in Redis: pending stories, the in-flight message, delivered records, moves. */
export interface DestinationState {
  /**
   * Queues a story for many destinations at once (pending, by queued time); each destination whose turn is free
   * gives it to `jobIds[i]`, and the answer says which destinations need that job queued.
   */
  enqueue(storyId: string, queuedAt: number, destinations: readonly string[], jobIds: readonly string[]): Promise<EnqueueAnswer[]>;
  /** The message to send next: the in-flight one left by a crash, or the oldest pending stories (stored in flight). */
  claim(destination: string, maxStories: number): Promise<{ batch: InflightBatch; queuedAt: Map<string, number> } | undefined>;
  removePending(destination: string, storyIds: string[]): Promise<void>;
  /** The subset of `storyIds` already delivered to the destination. */
  delivered(destination: string, storyIds: string[]): Promise<Set<string>>;
  clearInflight(destination: string): Promise<void>;
  /**
   * Writes delivered records (SET NX) and message ids, drops the stories from pending and clears the in-flight
   * message; then `owner`'s turn is given back when nothing else is pending ('released'), or kept ('more').
   */
  recordSent(destination: string, storyIds: string[], ref: SentRef, owner: string): Promise<TurnAfter>;
  /**
   * Ends `owner`'s turn early: given back when nothing is pending, else kept ('more'), or with `successor` handed
   * to that job id for the oldest pending story. `drop` forgets every waiting story first.
   */
  finishTurn(destination: string, owner: string, options?: { successor?: string; drop?: boolean }): Promise<TurnEnd>;
  /** Destination -> where each story's message is, for edits. */
  sentMessages(storyId: string): Promise<Map<string, SentRecord>>;
  /** Follows recorded moves (group -> supergroup), so jobs queued for the old chat reach the new one. */
  resolve(destination: string): Promise<string>;
  /** Records a move and carries pending stories and the in-flight batch over. */
  markMoved(from: string, to: string): Promise<void>;
  /** Forgets everything waiting for a destination, its turn included (its subscriptions were paused). */
  dropWaiting(destination: string): Promise<void>;
  /** The fingerprint of what a sent message shows (src/news/story-fingerprint.ts), kept as long as its ids. */
  messageVersion(destination: string, ref: SentRef): Promise<string | undefined>;
  setMessageVersion(destination: string, ref: SentRef, fingerprint: string): Promise<void>;
}

const MOVE_TTL_SECONDS = 30 * 86_400;

export function createDestinationState(options: DestinationStateOptions): DestinationState {
  const { redis, keys } = options;
  const deliveredTtl = options.deliveredRetentionSeconds ?? 14 * 86_400;
  const sentTtl = options.sentRetentionSeconds ?? 3 * 86_400;
  const activeFor = options.activeForSeconds ?? 60;
  const turnTtlMs = options.turnTtlMs ?? 600_000;

  return {
    enqueue: (storyId, queuedAt, destinations, jobIds) =>
      enqueueStory(redis, keys, { storyId, queuedAt, turnTtlMs }, destinations, jobIds),

    async claim(destination, maxStories) {
      const claimed = await claimNext(redis, keys, destination, maxStories, deliveredTtl);
      return claimed && { batch: JSON.parse(claimed.json) as InflightBatch, queuedAt: claimed.queuedAt };
    },

    async removePending(destination, storyIds) {
      if (storyIds.length > 0) await redis.zrem(keys.pending(destination), ...storyIds);
    },

    async delivered(destination, storyIds) {
      if (storyIds.length === 0) return new Set();
      const values = await redis.mget(storyIds.map((id) => keys.delivered(destination, id)));
      return new Set(storyIds.filter((_, i) => values[i] !== null));
    },

    async clearInflight(destination) {
      await redis.del(keys.inflight(destination));
    },

    recordSent(destination, storyIds, ref, owner) {
      return recordAndRelease(redis, keys, {
        destination,
        owner,
        storyIds,
        messageIdsJson: JSON.stringify(ref.messageIds),
        sentJson: JSON.stringify({ messageIds: ref.messageIds, storyIds } satisfies SentRecord),
        deliveredTtl,
        sentTtl,
        activeFor,
      });
    },

    finishTurn: (destination, owner, opts = {}) => finishTurn(redis, keys, destination, owner, { ...opts, turnTtlMs }),

    async sentMessages(storyId) {
      const all = await redis.hgetall(keys.sentMessages(storyId));
      return new Map(Object.entries(all).map(([dest, raw]) => [dest, JSON.parse(raw) as SentRecord]));
    },

    async resolve(destination) {
      let current = destination;
      // A chat migrates at most once in practice; the bound guards against a loop written by hand.
      for (let hop = 0; hop < 5; hop++) {
        const next = await redis.get(keys.destinationMoved(current));
        if (!next) break;
        current = next;
      }
      return current;
    },

    async markMoved(from, to) {
      const multi = redis.multi();
      multi.set(keys.destinationMoved(from), to, 'EX', MOVE_TTL_SECONDS);
      multi.zunionstore(keys.pending(to), 2, keys.pending(to), keys.pending(from), 'AGGREGATE', 'MIN');
      // The old chat's turn ends with it: its holder (the job that met the move) asks again for the new chat.
      multi.del(keys.pending(from), keys.destinationTurn(from));
      await multi.exec();
      const inflight = await redis.get(keys.inflight(from));
      if (inflight) {
        await redis.multi().set(keys.inflight(to), inflight, 'EX', deliveredTtl).del(keys.inflight(from)).exec();
      }
    },

    async dropWaiting(destination) {
      await redis.del(keys.pending(destination), keys.inflight(destination), keys.destinationTurn(destination));
    },

    async messageVersion(destination, ref) {
      return (await redis.get(keys.messageVersion(destination, ref.messageIds.join(',')))) ?? undefined;
    },

    async setMessageVersion(destination, ref, fingerprint) {
      await redis.set(keys.messageVersion(destination, ref.messageIds.join(',')), fingerprint, 'EX', sentTtl);
    },
  };
}
