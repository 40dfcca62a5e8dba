import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisSeenStore } from '../../src/feeds/seen-store.js';
import { useRedis, type RedisTestContext } from '../support/redis.js';

let ctx: RedisTestContext;
beforeEach(async () => {
  ctx = await useRedis('seen');
});
afterEach(() => ctx.cleanup());

describe('seen store', () => {
  it('reports only ids not seen before, in order', async () => {
    const seen = createRedisSeenStore({ redis: ctx.redis, keys: ctx.keys });
    await seen.markSeen('f-1', ['a', 'b']);
    expect(await seen.filterUnseen('f-1', ['c', 'a', 'd', 'b'])).toEqual(['c', 'd']);
  });

  it('keeps seen ids across a restart (a new store on a new connection)', async () => {
    await createRedisSeenStore({ redis: ctx.redis, keys: ctx.keys }).markSeen('f-1', ['a']);
    const again = createRedisSeenStore({ redis: ctx.connect(), keys: ctx.keys });
    expect(await again.filterUnseen('f-1', ['a', 'b'])).toEqual(['b']);
  });

  it('keeps feeds apart', async () => {
    const seen = createRedisSeenStore({ redis: ctx.redis, keys: ctx.keys });
    await seen.markSeen('f-1', ['a']);
    expect(await seen.filterUnseen('f-2', ['a'])).toEqual(['a']);
  });

  it('forgets the oldest ids beyond its bound, keeping the newest', async () => {
    const seen = createRedisSeenStore({ redis: ctx.redis, keys: ctx.keys, maxPerFeed: 3 });
    await seen.markSeen('f-1', ['a'], 1000);
    await seen.markSeen('f-1', ['b'], 2000);
    await seen.markSeen('f-1', ['c', 'd'], 3000);
    expect(await seen.count('f-1')).toBe(3);
    expect(await seen.filterUnseen('f-1', ['a', 'b', 'c', 'd'])).toEqual(['a']);
  });

  it('keeps the first-seen time when an id is seen again', async () => {
    const seen = createRedisSeenStore({ redis: ctx.redis, keys: ctx.keys });
    const now = Date.now();
    await seen.markSeen('f-1', ['a'], now - 1000);
    await seen.markSeen('f-1', ['a'], now);
    expect(Number(await ctx.redis.zscore(ctx.keys.seen('f-1'), 'a'))).toBe(now - 1000);
  });
});
