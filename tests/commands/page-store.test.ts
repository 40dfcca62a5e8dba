import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisPageStore } from '../../src/commands/page-store.js';
import { useRedis, type RedisTestContext } from '../support/redis.js';

describe('Redis page store', () => {
  let ctx: RedisTestContext;
  beforeEach(async () => {
    ctx = await useRedis('cmd-pages');
  });
  afterEach(() => ctx.cleanup());

  it('gives the same short token for the same query, whatever the argument order, and loads it back', async () => {
    const pages = createRedisPageStore(ctx.redis, ctx.keys);
    const a = await pages.save({ command: 'timeline', args: { query: 'tokayev', days: 7 } });
    const b = await pages.save({ command: 'timeline', args: { days: 7, query: 'tokayev' } });
    const c = await pages.save({ command: 'timeline', args: { query: 'tokayev', days: 30 } });
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(a.length).toBeLessThanOrEqual(16);
    expect(await pages.load(a)).toEqual({ command: 'timeline', args: { days: 7, query: 'tokayev' } });
  });

  it('forgets a query after its lifetime and ignores malformed tokens', async () => {
    const pages = createRedisPageStore(ctx.redis, ctx.keys, { ttlSeconds: 60 });
    const token = await pages.save({ command: 'timeline', args: {} });
    const ttl = await ctx.redis.ttl(ctx.keys.replyPages(token));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
    await ctx.redis.del(ctx.keys.replyPages(token));
    expect(await pages.load(token)).toBeUndefined();
    expect(await pages.load('../../etc')).toBeUndefined();
  });
});
