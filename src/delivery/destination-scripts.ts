import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import { luaScript } from '../redis/lua-script.js';

/**
 * The scripts that keep a destination's queue (pending stories), its in-flight message and its turn (the one job
 * sending what waits there) consistent with each other: each check-and-change is atomic, so a story added while
 * the turn's holder finishes is either seen by the holder or given a job of its own by fan-out.
 */

/**
 * Fan-out, for many destinations at once. KEYS per destination: pending, recently-sent, turn, the story's delivered
 * record. ARGV: storyId, queuedAt, turnTtlMs, then one job id per destination.
 * Returns per destination: 0 its turn is held by another job (the story waits in its queue), 1 a job is needed
 * for a quiet destination, 2 a job is needed for a busy one (stories waiting, or a message a moment ago), 3 the
 * story was delivered there already (a replay): nothing queued.
 */
const ENQUEUE = `
local out = {}
for i = 1, #KEYS / 4 do
  local pending, recent, turn, delivered = KEYS[i * 4 - 3], KEYS[i * 4 - 2], KEYS[i * 4 - 1], KEYS[i * 4]
  local owner = ARGV[3 + i]
  if redis.call('EXISTS', delivered) == 1 then
    out[i] = 3
  else
    local before = redis.call('ZCARD', pending)
    redis.call('ZADD', pending, 'NX', ARGV[2], ARGV[1])
    local holder = redis.call('GET', turn)
    if holder and holder ~= owner then
      out[i] = 0
    else
      redis.call('SET', turn, owner, 'PX', ARGV[3])
      if before > 0 or redis.call('EXISTS', recent) == 1 then out[i] = 2 else out[i] = 1 end
    end
  end
end
return out
`;

/**
 * The message to send next: the in-flight one left by a crash, or the oldest pending stories not yet delivered.
 * KEYS: inflight, pending   ARGV: delivered-key prefix, max stories, destination key, inflight TTL (s).
 * Returns {inflightJson} or {json, storyId, queuedAt, ...}, or {} when nothing waits.
 */
const CLAIM = `
local left = redis.call('GET', KEYS[1])
if left then return {left} end
local max = tonumber(ARGV[2])
local flat = redis.call('ZRANGE', KEYS[2], 0, max * 2 - 1, 'WITHSCORES')
local batch, queued, done = {}, {}, {}
for i = 1, #flat, 2 do
  if redis.call('EXISTS', ARGV[1] .. flat[i]) == 1 then
    done[#done + 1] = flat[i]
  elseif #batch < max then
    batch[#batch + 1] = flat[i]
    queued[#queued + 1] = flat[i]
    queued[#queued + 1] = flat[i + 1]
  end
end
if #done > 0 then redis.call('ZREM', KEYS[2], unpack(done)) end
if #batch == 0 then return {} end
local key = string.sub(redis.sha1hex(ARGV[3] .. '|' .. batch[1]), 1, 24)
local json = cjson.encode({storyIds = batch, idempotencyKey = key})
redis.call('SET', KEYS[1], json, 'EX', ARGV[4])
local out = {json}
for i = 1, #queued do out[#out + 1] = queued[i] end
return out
`;

/** Gives the turn back when nothing is pending, as the end of FINISH and RECORD: 0 released, 1 more waits, 2 not held. */
const RELEASE = `
local function release(turn, pending, owner)
  if redis.call('GET', turn) ~= owner then return 2 end
  if redis.call('ZCARD', pending) == 0 then
    redis.call('DEL', turn)
    return 0
  end
  return 1
end
`;

/**
 * A sent message's records, then the turn. KEYS: pending, inflight, recently-sent, turn, then per story its
 * delivered key and its sent-messages key. ARGV: owner, destination key, delivered TTL (s), sent TTL (s),
 * active-for (s), message ids JSON, sent record JSON, then the story ids.
 */
const RECORD = `${RELEASE}
local n = (#KEYS - 4) / 2
for i = 1, n do
  redis.call('SET', KEYS[4 + i * 2 - 1], ARGV[6], 'EX', ARGV[3], 'NX')
  redis.call('HSET', KEYS[4 + i * 2], ARGV[2], ARGV[7])
  redis.call('EXPIRE', KEYS[4 + i * 2], ARGV[4])
  redis.call('ZREM', KEYS[1], ARGV[7 + i])
end
redis.call('DEL', KEYS[2])
redis.call('SET', KEYS[3], '1', 'EX', ARGV[5])
if ARGV[1] == '' then return 2 end
return release(KEYS[4], KEYS[1], ARGV[1])
`;

/**
 * Ends a turn early. KEYS: turn, pending, inflight   ARGV: owner, successor job id or '', turn TTL (ms), drop (1: forget
 * every waiting story). Returns {0} released, {1} more waits (kept), {2} not held, or {3, storyId} handed to the
 * successor for that (oldest) story.
 */
const FINISH = `${RELEASE}
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {2} end
if ARGV[4] == '1' then redis.call('DEL', KEYS[2], KEYS[3]) end
if ARGV[2] ~= '' then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0)
  if #oldest == 0 then
    redis.call('DEL', KEYS[1])
    return {0}
  end
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return {3, oldest[1]}
end
return {release(KEYS[1], KEYS[2], ARGV[1])}
`;

const enqueueScript = luaScript(ENQUEUE);
const claimScript = luaScript(CLAIM);
const recordScript = luaScript(RECORD);
const finishScript = luaScript(FINISH);

/** What fan-out learns for one destination: whether its story needs a job, and of which kind. */
export type EnqueueAnswer = 'queued' | 'quiet' | 'busy' | 'delivered';

const ENQUEUE_ANSWERS: readonly EnqueueAnswer[] = ['queued', 'quiet', 'busy', 'delivered'];

/** Destinations per ENQUEUE call: a few hundred keys keep one script short for every other client. */
const ENQUEUE_SLICE = 500;

/** Adds one story to many destinations' queues; where no job holds the turn, the turn goes to `jobIds[i]`. */
export async function enqueueStory(
  redis: Redis,
  keys: Keys,
  story: { storyId: string; queuedAt: number; turnTtlMs: number },
  destinations: readonly string[],
  jobIds: readonly string[],
): Promise<EnqueueAnswer[]> {
  const calls: Promise<EnqueueAnswer[]>[] = [];
  for (let i = 0; i < destinations.length; i += ENQUEUE_SLICE) {
    const dests = destinations.slice(i, i + ENQUEUE_SLICE);
    const redisKeys = dests.flatMap((d) => [keys.pending(d), keys.recentlySent(d), keys.destinationTurn(d), keys.delivered(d, story.storyId)]);
    const args = [story.storyId, story.queuedAt, story.turnTtlMs, ...jobIds.slice(i, i + ENQUEUE_SLICE)];
    calls.push(enqueueScript(redis, redisKeys, args).then((codes) => (codes as number[]).map((c) => ENQUEUE_ANSWERS[c]!)));
  }
  return (await Promise.all(calls)).flat();
}

/** The batch CLAIM found, with the queued time of each new story. */
export interface Claimed {
  json: string;
  queuedAt: Map<string, number>;
}

export async function claimNext(redis: Redis, keys: Keys, destination: string, max: number, inflightTtlSeconds: number): Promise<Claimed | undefined> {
  const reply = (await claimScript(
    redis,
    [keys.inflight(destination), keys.pending(destination)],
    [keys.delivered(destination, ''), max, destination, inflightTtlSeconds],
  )) as string[];
  if (reply.length === 0) return undefined;
  const queuedAt = new Map<string, number>();
  for (let i = 1; i + 1 < reply.length; i += 2) queuedAt.set(reply[i]!, Number(reply[i + 1]));
  return { json: reply[0]!, queuedAt };
}

/** What RECORD and FINISH say of the turn afterwards. */
export type TurnAfter = 'released' | 'more' | 'not-held';

const TURN_AFTER: readonly TurnAfter[] = ['released', 'more', 'not-held'];

export interface RecordArgs {
  destination: string;
  owner: string;
  storyIds: readonly string[];
  messageIdsJson: string;
  sentJson: string;
  deliveredTtl: number;
  sentTtl: number;
  activeFor: number;
}

export async function recordAndRelease(redis: Redis, keys: Keys, a: RecordArgs): Promise<TurnAfter> {
  const d = a.destination;
  const redisKeys = [keys.pending(d), keys.inflight(d), keys.recentlySent(d), keys.destinationTurn(d)];
  for (const id of a.storyIds) redisKeys.push(keys.delivered(d, id), keys.sentMessages(id));
  const args = [a.owner, d, a.deliveredTtl, a.sentTtl, a.activeFor, a.messageIdsJson, a.sentJson, ...a.storyIds];
  return TURN_AFTER[(await recordScript(redis, redisKeys, args)) as number]!;
}

/** How a turn ended early: released, still held (more waits), not held, or handed to a successor for `storyId`. */
export type TurnEnd = { kind: TurnAfter } | { kind: 'handed-over'; storyId: string };

export async function finishTurn(
  redis: Redis,
  keys: Keys,
  destination: string,
  owner: string,
  options: { successor?: string; drop?: boolean; turnTtlMs: number },
): Promise<TurnEnd> {
  const d = destination;
  const reply = (await finishScript(
    redis,
    [keys.destinationTurn(d), keys.pending(d), keys.inflight(d)],
    [owner, options.successor ?? '', options.turnTtlMs, options.drop ? 1 : 0],
  )) as [number, string?];
  return reply[0] === 3 ? { kind: 'handed-over', storyId: reply[1]! } : { kind: TURN_AFTER[reply[0]]! };
}
