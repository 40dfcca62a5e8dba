import type { Redis } from 'ioredis';
import { ACQUIRE, COOLDOWN, RELEASE } from './acquire-script.js';
import { luaScript } from './lua.js';

/** One token bucket: `capacity` tokens at most, refilled at `refillPerSecond`. Each send takes one token. */
export interface BucketSpec {
  /** Full Redis key of the bucket (keys.bucket(name)). */
  key: string;
  capacity: number;
  refillPerSecond: number;
  /** Shared by many destinations (the platform's whole-bot limit): a send slot may be reserved ahead in it. */
  shared?: boolean;
}

/** What one sender wants before it may send. */
export interface AcquireRequest {
  /** Buckets that must all have a token; tokens are taken from all of them or from none. */
  buckets: BucketSpec[];
  /** Cooldown keys (keys.cooldown(...)) holding a time in ms until which nothing may be sent. */
  cooldowns: string[];
  /** A lease to take with the tokens, so one job at a time sends to a destination. */
  lease?: { key: string; owner: string; ttlMs: number };
  /**
   * With a lease: when the buckets have no token now, reserve the next one if it comes within `aheadMs`
   * (the result says `reserved`; the same owner then comes back after waitMs and is let through without taking
   * again). A send further off takes a turn in line instead (`queued`): waitMs is then until `queueLeadMs`
   * (default 100) before that turn. A reservation is taken up within `graceMs` (default 40) of its time: come
   * back `graceMs` early and hold the send for `sendInMs`; later than that it is void and the owner takes
   * again, so that sends never bunch by more than that. Without it: a plain token bucket,
   * waitMs until the next token.
   */
  reserve?: { aheadMs: number; queueLeadMs?: number; graceMs?: number };
  /** Clock override in ms, for tests. Default: the Redis server's clock, shared by every process. */
  nowMs?: number;
}

/**
 * `waitMs` is 0 when everything was taken; otherwise the caller should come back after waitMs. Only `reserved`
 * has taken anything: the tokens for a send at that time, kept for this lease owner.
 */
export interface AcquireResult {
  waitMs: number;
  /**
   * Why it must wait: another job holds the lease, a 429 cooldown, an empty bucket, tokens reserved for later,
   * or a turn in line (see AcquireRequest.reserve).
   */
  blockedBy?: 'lease' | 'cooldown' | 'bucket' | 'reserved' | 'queued';
  /** With `lease`: in how many ms the holder is due to send (0 when it is sending now), to look again after that. */
  busyForMs?: number;
  /** Granted a reserved slot a little early (within graceMs): hold the send this many ms. */
  sendInMs?: number;
}

/** The shared pacing of every process: token buckets, 429 cooldowns and per-destination send leases in Redis. */
export interface Pacer {
  acquire(request: AcquireRequest): Promise<AcquireResult>;
  /** Releases a lease if `owner` still holds it. */
  releaseLease(key: string, owner: string): Promise<void>;
  /** Nothing may be sent under `key` for `ms` from now (an existing longer cooldown is kept). */
  setCooldown(key: string, ms: number): Promise<void>;
}

const acquireScript = luaScript(ACQUIRE);
const releaseScript = luaScript(RELEASE);
const cooldownScript = luaScript(COOLDOWN);

const BLOCKED_BY = { 1: 'lease', 2: 'cooldown', 3: 'bucket', 4: 'reserved', 5: 'queued' } as const;

/** Options of createRedisPacer. */
export interface RedisPacerOptions {
  redis: Redis;
}

/**
 * Pacing shared by every process through Redis: each check-and-take is one atomic Lua script, using
 * the Redis server's clock so that processes on machines with skewed clocks still agree.
 */
export function createRedisPacer({ redis }: RedisPacerOptions): Pacer {
  return {
    async acquire(request) {
      const keys = [
        ...(request.lease ? [request.lease.key] : []),
        ...request.cooldowns,
        ...request.buckets.map((b) => b.key),
      ];
      const args: (string | number)[] = [
        request.nowMs ?? -1,
        request.cooldowns.length,
        request.lease ? 1 : 0,
        request.lease?.owner ?? '',
        request.lease?.ttlMs ?? 0,
        request.reserve ? Math.max(0, Math.floor(request.reserve.aheadMs)) : -1,
        Math.max(0, Math.floor(request.reserve?.queueLeadMs ?? 100)),
        Math.max(0, Math.floor(request.reserve?.graceMs ?? 40)),
        ...request.buckets.flatMap((b) => [b.capacity, b.refillPerSecond / 1000, b.shared ? 1 : 0]),
      ];
      const [code, waitMs, busyForMs] = (await acquireScript(redis, keys, args)) as [number, number, number?];
      if (code === 0) return busyForMs ? { waitMs: 0, sendInMs: busyForMs } : { waitMs: 0 };
      const blockedBy = BLOCKED_BY[code as 1 | 2 | 3 | 4 | 5];
      return blockedBy === 'lease' ? { waitMs, blockedBy, busyForMs: busyForMs ?? 0 } : { waitMs, blockedBy };
    },

    async releaseLease(key, owner) {
      await releaseScript(redis, [key], [owner]);
    },

    async setCooldown(key, ms) {
      await cooldownScript(redis, [key], [-1, Math.max(1, Math.ceil(ms))]);
    },
  };
}
