import type { Redis } from 'ioredis';
import { luaScript } from '../../redis/lua-script.js';

/** One token bucket: `capacity` tokens at most, refilled at `refillPerSecond`. Each send takes one token. */
export interface BucketSpec {
  /** Full Redis key of the bucket (keys.bucket(name)). */
  key: string;
  capacity: number;
  refillPerSecond: number;
}

/** What one sender wants before it may send. */
export interface AcquireRequest {
  /** Buckets that must all have a token; tokens are taken from all of them or from none. */
  buckets: BucketSpec[];
  /** Cooldown keys (keys.cooldown(...)) holding a time in ms until which nothing may be sent. */
  cooldowns: string[];
  /** A lease to take with the tokens, so one job at a time sends to a destination. */
  lease?: { key: string; owner: string; ttlMs: number };
  /** Clock override in ms, for tests. Default: the Redis server's clock, shared by every process. */
  nowMs?: number;
}

/** `waitMs` is 0 when everything was taken; otherwise nothing was taken and the caller should come back then. */
export interface AcquireResult {
  waitMs: number;
  /** Why it must wait: another job holds the lease, a 429 cooldown, or an empty bucket. */
  blockedBy?: 'lease' | 'cooldown' | 'bucket';
}

/** The shared pacing of every process: token buckets, 429 cooldowns and per-destination send leases in Redis. */
export interface Pacer {
  acquire(request: AcquireRequest): Promise<AcquireResult>;
  /** Releases a lease if `owner` still holds it. */
  releaseLease(key: string, owner: string): Promise<void>;
  /** Nothing may be sent under `key` for `ms` from now (an existing longer cooldown is kept). */
  setCooldown(key: string, ms: number): Promise<void>;
}

const NOW = `
local now = tonumber(ARGV[1])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`;

/**
 * KEYS: [lease], cooldowns..., buckets...   ARGV: now|-1, cooldownCount, hasLease, leaseOwner, leaseTtlMs,
 * then capacity and refill-per-ms per bucket. Returns {code, waitMs}: 0 taken, 1 lease, 2 cooldown, 3 bucket.
 * Everything is checked before anything is taken, so a refusal costs no token.
 */
const ACQUIRE = `${NOW}
local nCool = tonumber(ARGV[2])
local hasLease = tonumber(ARGV[3])
local k = 1
if hasLease == 1 then
  local holder = redis.call('GET', KEYS[1])
  if holder and holder ~= ARGV[4] then
    local ttl = redis.call('PTTL', KEYS[1])
    if ttl < 1 then ttl = 1 end
    return {1, ttl}
  end
  k = 2
end
local wait = 0
for i = 1, nCool do
  local untilMs = tonumber(redis.call('GET', KEYS[k]) or '0')
  if untilMs - now > wait then wait = untilMs - now end
  k = k + 1
end
if wait > 0 then return {2, wait} end
local states = {}
local a = 6
for i = k, #KEYS do
  local cap = tonumber(ARGV[a])
  local rate = tonumber(ARGV[a + 1])
  a = a + 2
  local st = redis.call('HMGET', KEYS[i], 't', 'ts')
  local tokens = tonumber(st[1])
  local ts = tonumber(st[2])
  if not tokens then tokens = cap; ts = now end
  if now > ts then
    tokens = math.min(cap, tokens + (now - ts) * rate)
    ts = now
  end
  states[i] = {tokens, ts, cap, rate}
  if tokens < 1 then
    local w = math.ceil((1 - tokens) / rate)
    if w > wait then wait = w end
  end
end
if wait > 0 then return {3, wait} end
for i = k, #KEYS do
  local s = states[i]
  redis.call('HSET', KEYS[i], 't', string.format('%.6f', s[1] - 1), 'ts', s[2])
  redis.call('PEXPIRE', KEYS[i], math.ceil(s[3] / s[4]) + 60000)
end
if hasLease == 1 then redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5]) end
return {0, 0}
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** KEYS: cooldown   ARGV: now|-1, ms. */
const COOLDOWN = `${NOW}
local untilMs = now + tonumber(ARGV[2])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current >= untilMs then return 0 end
redis.call('SET', KEYS[1], untilMs, 'PX', ARGV[2])
return 1
`;

const acquireScript = luaScript(ACQUIRE);
const releaseScript = luaScript(RELEASE);
const cooldownScript = luaScript(COOLDOWN);

const BLOCKED_BY = { 1: 'lease', 2: 'cooldown', 3: 'bucket' } as const;

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
        ...request.buckets.flatMap((b) => [b.capacity, b.refillPerSecond / 1000]),
      ];
      const [code, waitMs] = (await acquireScript(redis, keys, args)) as [number, number];
      return code === 0 ? { waitMs: 0 } : { waitMs, blockedBy: BLOCKED_BY[code as 1 | 2 | 3] };
    },

    async releaseLease(key, owner) {
      await releaseScript(redis, [key], [owner]);
    },

    async setCooldown(key, ms) {
      await cooldownScript(redis, [key], [-1, Math.max(1, Math.ceil(ms))]);
    },
  };
}
