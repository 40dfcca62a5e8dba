import type { Redis } from 'ioredis';
import { luaScript } from '../../redis/lua-script.js';

/**
 * One limit as a schedule of send times: at most `capacity` sends at once, then one every `1/refillPerSecond` s
 * (the same sends a token bucket of that capacity and rate lets through). Redis keeps one number per bucket: the
 * bucket's next free send time.
 */
export interface SlotBucket {
  /** Full Redis key (keys.paceSlot(name)). */
  key: string;
  capacity: number;
  refillPerSecond: number;
}

/** The one job allowed to send a destination's waiting stories, taken with the slot. */
export interface TurnClaim {
  /** keys.destinationTurn(destination). */
  key: string;
  /** The job id. */
  owner: string;
  /** How long the turn is held without its owner coming back, in ms. */
  ttlMs: number;
  /** A key whose existence means this job has nothing to take the turn for (its story's delivered record). */
  doneKey?: string;
}

/** What a job asks before it sends. */
export interface ReserveRequest {
  buckets: SlotBucket[];
  /** Keys that, when present, stop the reservation and give their value back (a destination's recorded move). */
  stopKeys?: string[];
  turn?: TurnClaim;
  /** Reserve only a slot at most this far ahead, in ms; beyond it nothing is reserved and the wait is told. */
  maxAheadMs: number;
  /** Clock override in ms, for tests. Default: the Redis server's clock, shared by every process. */
  nowMs?: number;
}

/** The answer: a slot reserved `waitMs` from now, or the time to come back, or why not at all. */
export type ReserveResult =
  | { kind: 'reserved'; waitMs: number }
  | { kind: 'later'; waitMs: number }
  | { kind: 'turn-taken'; holder: string }
  | { kind: 'stopped'; key: string; value: string }
  | { kind: 'done' };

/** The schedule of every send, shared by every process through Redis. */
export interface SendSlots {
  reserve(request: ReserveRequest): Promise<ReserveResult>;
  /** After a 429: the bucket's next free send time moves to `ms` from now (never earlier than it was). */
  push(bucket: SlotBucket, ms: number, nowMs?: number): Promise<void>;
}

const NOW = `
local now = tonumber(ARGV[1])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`;

/**
 * KEYS: stopKeys..., [turn, doneKey?], buckets...
 * ARGV: now|-1, nStop, hasTurn, owner, turnTtlMs, hasDone, maxAheadMs, then interval and tolerance (ms) per bucket.
 * Returns {0, waitMs} reserved, {1, waitMs} later, {2, holder} turn taken, {3, i, value} stopped, {4} done.
 * A bucket's value is its next free time T (ms): a send may go at T - tolerance and moves it to max(T, send) +
 * interval. The send time is the latest of now and every bucket's T - tolerance; it is taken from every bucket or
 * from none.
 */
const RESERVE = `${NOW}
local nStop = tonumber(ARGV[2])
for i = 1, nStop do
  local v = redis.call('GET', KEYS[i])
  if v then return {3, i, v} end
end
local k = nStop + 1
local hasTurn = tonumber(ARGV[3]) == 1
local owner = ARGV[4]
if hasTurn then
  local holder = redis.call('GET', KEYS[k])
  if holder and holder ~= owner then return {2, holder} end
  if not holder and tonumber(ARGV[6]) == 1 and redis.call('EXISTS', KEYS[k + 1]) == 1 then return {4} end
  redis.call('SET', KEYS[k], owner, 'PX', ARGV[5])
  k = k + 1 + tonumber(ARGV[6])
end
local at = now
local tats = {}
local a = 8
for i = k, #KEYS do
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
  tats[i] = tat
  local free = tat - tonumber(ARGV[a + 1])
  if free > at then at = free end
  a = a + 2
end
local wait = math.ceil(at - now)
if wait > tonumber(ARGV[7]) then return {1, wait} end
a = 8
for i = k, #KEYS do
  local interval = tonumber(ARGV[a])
  local nextFree = math.max(tats[i], at) + interval
  redis.call('SET', KEYS[i], string.format('%.3f', nextFree), 'PX', math.ceil(nextFree - now) + 1000)
  a = a + 2
end
return {0, wait}
`;

/** KEYS: bucket   ARGV: now|-1, ms, toleranceMs. */
const PUSH = `${NOW}
local nextFree = now + tonumber(ARGV[2]) + tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat >= nextFree then return 0 end
redis.call('SET', KEYS[1], string.format('%.3f', nextFree), 'PX', math.ceil(nextFree - now) + 1000)
return 1
`;

const reserveScript = luaScript(RESERVE);
const pushScript = luaScript(PUSH);

/** A bucket's interval between sends and how far ahead of its next free time a burst may go, in ms. */
function timing(bucket: SlotBucket): [number, number] {
  const interval = 1000 / bucket.refillPerSecond;
  return [interval, Math.max(0, bucket.capacity - 1) * interval];
}

/** Options of createSendSlots. */
export interface SendSlotsOptions {
  redis: Redis;
}

/**
 * Send slots in Redis: each reservation is one atomic Lua script on the Redis server's clock, so processes on
 * machines with skewed clocks still agree. A job that cannot send now learns exactly when it can, once.
 */
export function createSendSlots({ redis }: SendSlotsOptions): SendSlots {
  return {
    async reserve(request) {
      const stops = request.stopKeys ?? [];
      const turn = request.turn;
      const keys = [
        ...stops,
        ...(turn ? [turn.key, ...(turn.doneKey ? [turn.doneKey] : [])] : []),
        ...request.buckets.map((b) => b.key),
      ];
      const args: (string | number)[] = [
        request.nowMs ?? -1,
        stops.length,
        turn ? 1 : 0,
        turn?.owner ?? '',
        turn?.ttlMs ?? 0,
        turn?.doneKey ? 1 : 0,
        request.maxAheadMs,
        ...request.buckets.flatMap(timing),
      ];
      const reply = (await reserveScript(redis, keys, args)) as [number, number | string, string?];
      switch (reply[0]) {
        case 0:
          return { kind: 'reserved', waitMs: Number(reply[1]) };
        case 1:
          return { kind: 'later', waitMs: Number(reply[1]) };
        case 2:
          return { kind: 'turn-taken', holder: String(reply[1]) };
        case 3:
          return { kind: 'stopped', key: stops[Number(reply[1]) - 1]!, value: String(reply[2]) };
        default:
          return { kind: 'done' };
      }
    },

    async push(bucket, ms, nowMs) {
      await pushScript(redis, [bucket.key], [nowMs ?? -1, Math.max(1, Math.ceil(ms)), timing(bucket)[1]]);
    },
  };
}
