import type { ChainableCommander, Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type { SentRef } from './core/types.js';

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
}

/** Per-destination delivery state in Redis: pending stories, the in-flight message, delivered records, moves. */
export interface DestinationState {
  /** Queues a story for a destination (in a caller's pipeline); the score is when it was queued (ms). */
  addPending(pipeline: ChainableCommander, destination: string, storyId: string, queuedAt: number): void;
  /** Oldest pending stories first, with their queued times. */
  pending(destination: string, limit: number): Promise<Array<{ storyId: string; queuedAt: number }>>;
  removePending(destination: string, storyIds: string[]): Promise<void>;
  /** The subset of `storyIds` already delivered to the destination. */
  delivered(destination: string, storyIds: string[]): Promise<Set<string>>;
  getInflight(destination: string): Promise<InflightBatch | undefined>;
  setInflight(destination: string, batch: InflightBatch): Promise<void>;
  clearInflight(destination: string): Promise<void>;
  /** Writes delivered records (SET NX) and message ids, drops the stories from pending and clears the in-flight batch. */
  recordSent(destination: string, storyIds: string[], ref: SentRef): Promise<void>;
  /** Destination -> where each story's message is, for edits. */
  sentMessages(storyId: string): Promise<Map<string, SentRecord>>;
  /** Follows recorded moves (group -> supergroup), so jobs queued for the old chat reach the new one. */
  resolve(destination: string): Promise<string>;
  /** Records a move and carries pending stories and the in-flight batch over. */
  markMoved(from: string, to: string): Promise<void>;
  /** Forgets everything waiting for a destination (its subscriptions were paused). */
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

  return {
    addPending(pipeline, destination, storyId, queuedAt) {
      // No TTL: entries leave when delivered, rejected, or when the destination is paused or unsubscribed.
      pipeline.zadd(keys.pending(destination), 'NX', queuedAt, storyId);
    },

    async pending(destination, limit) {
      // RESP2 (the default protocol): a flat member, score, member, score... list.
      const flat = (await redis.zrange(keys.pending(destination), 0, String(limit - 1), 'WITHSCORES')) as string[];
      const out: Array<{ storyId: string; queuedAt: number }> = [];
      for (let i = 0; i + 1 < flat.length; i += 2) out.push({ storyId: flat[i]!, queuedAt: Number(flat[i + 1]) });
      return out;
    },

    async removePending(destination, storyIds) {
      if (storyIds.length > 0) await redis.zrem(keys.pending(destination), ...storyIds);
    },

    async delivered(destination, storyIds) {
      if (storyIds.length === 0) return new Set();
      const values = await redis.mget(storyIds.map((id) => keys.delivered(destination, id)));
      return new Set(storyIds.filter((_, i) => values[i] !== null));
    },

    async getInflight(destination) {
      const raw = await redis.get(keys.inflight(destination));
      return raw ? (JSON.parse(raw) as InflightBatch) : undefined;
    },

    async setInflight(destination, batch) {
      await redis.set(keys.inflight(destination), JSON.stringify(batch), 'EX', deliveredTtl);
    },

    async clearInflight(destination) {
      await redis.del(keys.inflight(destination));
    },

    async recordSent(destination, storyIds, ref) {
      const sent = JSON.stringify({ messageIds: ref.messageIds, storyIds } satisfies SentRecord);
      const multi = redis.multi();
      for (const storyId of storyIds) {
        multi.set(keys.delivered(destination, storyId), JSON.stringify(ref.messageIds), 'EX', deliveredTtl, 'NX');
        multi.hset(keys.sentMessages(storyId), destination, sent);
        multi.expire(keys.sentMessages(storyId), sentTtl);
      }
      if (storyIds.length > 0) multi.zrem(keys.pending(destination), ...storyIds);
      multi.del(keys.inflight(destination));
      multi.set(keys.recentlySent(destination), '1', 'EX', activeFor);
      await multi.exec();
    },

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
      multi.del(keys.pending(from));
      await multi.exec();
      const inflight = await redis.get(keys.inflight(from));
      if (inflight) {
        await redis.multi().set(keys.inflight(to), inflight, 'EX', deliveredTtl).del(keys.inflight(from)).exec();
      }
    },

    async dropWaiting(destination) {
      await redis.del(keys.pending(destination), keys.inflight(destination));
    },

    async messageVersion(destination, ref) {
      return (await redis.get(keys.messageVersion(destination, ref.messageIds.join(',')))) ?? undefined;
    },

    async setMessageVersion(destination, ref, fingerprint) {
      await redis.set(keys.messageVersion(destination, ref.messageIds.join(',')), fingerprint, 'EX', sentTtl);
    },
  };
}
