import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisSeenStore } from '../../src/feeds/seen-store.js';
import { useRedis, type RedisTestContext } from '../support/redis.js';

let ctx: RedisTestContext;
beforeEach(async () => {
  ctx = await useRedis('seen');
});
afterEach(() => ctx.cleanup());

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `g:${from + i}`);

describe('seen store', () => {
  it('reports which identities it knows', async () => {
    const seen = createRedisSeenStore({ redis: ctx.redis, keys: ctx.keys });
    await seen.recordServed('f-1', ['a', 'b']);
    expect([...(await seen.known('f-1', ['c', 'a', 'd', 'b'])).keys()].sort()).toEqual(['a', 'b']);
  });

  it('keeps identities across a restart (a new store on a new connection)', async () => {
    await createRedisSeenStore({ redis: ctx.redis, keys: ctx.keys }).recordServed('f-1', ['a']);
    const again = createRedisSeenStore({ redis: ctx.connect(), keys: ctx.keys });
    expect([...(await again.known('f-1', ['a', 'b'])).keys()]).toEqual(['a']);
  });

  it('keeps feeds apart', async () => {
    const seen = createRedisSeenStore({ redis: ctx.redis, keys: ctx.keys });
    await seen.recordServed('f-1', ['a']);
    expect((await seen.known('f-2', ['a'])).size).toBe(0);
  });

  it('never forgets what the feed still serves, however much more than its bound that is', async () => {
    const seen = createRedisSeenStore({ redis: ctx.redis, keys: ctx.keys, maxUnservedPerFeed: 3 });
    await seen.recordServed('f-1', range(0, 5000), { nowMs: 1000 });
    await seen.recordServed('f-1', range(0, 5000), { nowMs: 2000 });
    expect(await seen.count('f-1')).toBe(5000);
    expect((await seen.known('f-1', range(0, 5000))).size).toBe(5000);
  });

  it('keeps the most recently served of what the feed no longer serves, up to its bound', async () => {
    const seen = createRedisSeenStore({ redis: ctx.redis, keys: ctx.keys, maxUnservedPerFeed: 3 });
    await seen.recordServed('f-1', ['a', 'b'], { nowMs: 1000 });
    await seen.recordServed('f-1', ['b', 'c'], { nowMs: 2000 }); // a left the feed
    await seen.recordServed('f-1', ['d', 'e'], { nowMs: 3000 }); // b and c left
    await seen.recordServed('f-1', ['f'], { nowMs: 4000 }); // d and e left: a is the least recently served
    expect(await seen.count('f-1')).toBe(4);
    expect([...(await seen.known('f-1', ['a', 'b', 'c', 'd', 'e', 'f'])).keys()].sort()).toEqual(['c', 'd', 'e', 'f']);
  });

  it('does not rewrite identities served recently, yet refreshes them all before it trims', async () => {
    const seen = createRedisSeenStore({ redis: ctx.redis, keys: ctx.keys, maxUnservedPerFeed: 2, refreshAfterMs: 10_000 });
    const key = ctx.keys.seen('f-1');
    await seen.recordServed('f-1', ['a', 'b', 'c'], { nowMs: 1000 });
    await seen.recordServed('f-1', ['a', 'b', 'c'], { nowMs: 2000, known: await seen.known('f-1', ['a', 'b', 'c']) });
    expect(await ctx.redis.zscore(key, 'a')).toBe('1000'); // within the refresh age: not rewritten
    await ctx.redis.zadd(key, 2500, 'x', 2500, 'y', 2500, 'z'); // served by another poll since, now gone
    await seen.recordServed('f-1', ['a', 'b', 'c'], { nowMs: 3000, known: await seen.known('f-1', ['a', 'b', 'c']) });
    expect(await seen.count('f-1')).toBe(5);
    expect([...(await seen.known('f-1', ['a', 'b', 'c'])).values()]).toEqual([3000, 3000, 3000]);
  });

  it('forgets identities not served for longer than its age limit', async () => {
    const seen = createRedisSeenStore({ redis: ctx.redis, keys: ctx.keys, maxAgeMs: 10_000 });
    await seen.recordServed('f-1', ['old'], { nowMs: 1000 });
    await seen.recordServed('f-1', ['new'], { nowMs: 20_000 });
    expect([...(await seen.known('f-1', ['old', 'new'])).keys()]).toEqual(['new']);
  });

  it('records when an identity was last served, and a poll with a clock behind does not move it back', async () => {
    const seen = createRedisSeenStore({ redis: ctx.redis, keys: ctx.keys });
    const now = Date.now();
    await seen.recordServed('f-1', ['a'], { nowMs: now - 1000 });
    await seen.recordServed('f-1', ['a'], { nowMs: now });
    expect(Number(await ctx.redis.zscore(ctx.keys.seen('f-1'), 'a'))).toBe(now);
    await seen.recordServed('f-1', ['a'], { nowMs: now - 500 });
    expect(Number(await ctx.redis.zscore(ctx.keys.seen('f-1'), 'a'))).toBe(now);
  });

  it('reads a seen-set written before identities: one id per item, scored by when it was first seen', async () => {
    const key = ctx.keys.seen('f-1');
    await ctx.redis.zadd(key, 'NX', 1000, 'g:old-item', 2000, 'l:other-item');
    const seen = createRedisSeenStore({ redis: ctx.redis, keys: ctx.keys });
    expect([...(await seen.known('f-1', ['g:old-item', 'l:other-item', 'g:new'])).keys()].sort()).toEqual(['g:old-item', 'l:other-item']);
    await seen.recordServed('f-1', ['g:old-item', 't:its-headline'], { nowMs: 5000 });
    expect(await ctx.redis.zscore(key, 'g:old-item')).toBe('5000');
    expect(await seen.count('f-1')).toBe(3);
  });
});
