import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import { luaScript } from '../redis/lua-script.js';

/**
 * A feed's state, from its last poll:
 * - `ok`: the last poll succeeded;
 * - `retrying`: the last poll failed, fewer times in a row than the failing threshold (backing off);
 * - `failing`: it failed the threshold's number of times in a row (tried every few hours until it recovers);
 * - `never_polled`: just added (a feed that could not be reached when it was added is kept, and waits here).
 */
export const FEED_STATES = ['ok', 'retrying', 'failing', 'never_polled'] as const;
export type FeedState = (typeof FEED_STATES)[number];

/** The fields a state is read from (a FeedRecord has them). */
export interface FeedStateFields {
  failing: boolean;
  consecutiveFailures: number;
  lastPollAt?: string;
}

export function feedStateOf(feed: FeedStateFields): FeedState {
  if (feed.failing) return 'failing';
  if (feed.consecutiveFailures > 0) return 'retrying';
  return feed.lastPollAt ? 'ok' : 'never_polled';
}

/** How many feeds are in each state, and in all. */
export type FeedStateCounts = Record<FeedState, number> & { total: number };

/**
 * Re-files one feed in the SET of its state (`keys.feedsInState`), from its HASH as it is now; a feed without a
 * URL (removed) leaves every state SET. Runs after each write that may change the state, so the counts stay
 * right whichever field a caller wrote, at the cost of one script call.
 * KEYS: feed hash, then the state SETs in FEED_STATES order. ARGV: feed id.
 */
const refileScript = luaScript(`
local state = 0
if redis.call('HEXISTS', KEYS[1], 'url') == 1 then
  local f = redis.call('HMGET', KEYS[1], 'failing', 'consecutiveFailures', 'lastPollAt')
  local failures = tonumber(f[2] or '0') or 0
  if f[1] == '1' then state = 3
  elseif failures > 0 then state = 2
  elseif f[3] and f[3] ~= '' then state = 1
  else state = 4 end
end
for i = 1, 4 do
  if i == state then redis.call('SADD', KEYS[i + 1], ARGV[1]) else redis.call('SREM', KEYS[i + 1], ARGV[1]) end
end
return state
`);

export function stateKeys(keys: Keys): string[] {
  return FEED_STATES.map((s) => keys.feedsInState(s));
}

export async function refileFeed(redis: Redis, keys: Keys, feedId: string): Promise<void> {
  await refileScript(redis, [keys.feed(feedId), ...stateKeys(keys)], [feedId]);
}

/** Counts from the state SETs: five SCARDs, whatever the number of feeds. */
export async function readStateCounts(redis: Redis, keys: Keys): Promise<FeedStateCounts> {
  const pipeline = redis.pipeline();
  for (const key of stateKeys(keys)) pipeline.scard(key);
  pipeline.scard(keys.feedIds());
  const rows = (await pipeline.exec()) ?? [];
  const n = (i: number) => Number(rows[i]?.[1] ?? 0);
  return { ok: n(0), retrying: n(1), failing: n(2), never_polled: n(3), total: n(4) };
}

/**
 * Rebuilds every state SET from the feeds' records (feeds stored before the SETs existed, or after a crash
 * between a write and its re-filing). Each SET is built aside and renamed into place, so counts never read empty.
 */
export async function rebuildStates(redis: Redis, keys: Keys, feeds: Array<FeedStateFields & { id: string }>): Promise<void> {
  const byState = new Map<FeedState, string[]>(FEED_STATES.map((s) => [s, []]));
  for (const feed of feeds) byState.get(feedStateOf(feed))!.push(feed.id);
  const pipeline = redis.pipeline();
  for (const [state, ids] of byState) {
    const key = keys.feedsInState(state);
    const scratch = `${key}:rebuild`;
    pipeline.del(scratch);
    for (let i = 0; i < ids.length; i += 1000) pipeline.sadd(scratch, ...ids.slice(i, i + 1000));
    if (ids.length > 0) pipeline.rename(scratch, key);
    else pipeline.del(key);
  }
  await pipeline.exec();
}
