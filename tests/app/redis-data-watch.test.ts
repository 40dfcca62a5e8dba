import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisDataWatch, type RedisDataWatch } from '../../src/app/redis-data-watch.js';
import { silentLogger } from '../../src/log.js';
import { deleteKeysWithPrefix } from '../../src/redis/delete-prefix.js';
import { useRedis, type RedisTestContext } from '../support/redis.js';

let ctx: RedisTestContext;
const watches: RedisDataWatch[] = [];

beforeEach(async () => {
  ctx = await useRedis('data-watch');
});
afterEach(async () => {
  await Promise.all(watches.splice(0).map((w) => w.stop()));
  await ctx.cleanup();
});

function watch(): RedisDataWatch {
  // A long period: the test checks by hand.
  const w = createRedisDataWatch({ redis: ctx.connect(), keys: ctx.keys, logger: silentLogger, everyMs: 3600_000 });
  watches.push(w);
  return w;
}

describe('the Redis data watch', () => {
  it('says at start whether Redis held Kazwire data, with or without the marker', async () => {
    expect(await watch().start()).toBe('empty');
    expect(await watch().start()).toBe('marker');
    await ctx.redis.del(ctx.keys.dataMarker());
    await ctx.redis.sadd(ctx.keys.feedIds(), 'f-1');
    expect(await watch().start()).toBe('data-without-marker');
  });

  it('runs the recovery steps once when the data is gone, and reports it', async () => {
    const w = watch();
    const ran: string[] = [];
    w.onLoss('subscriptions', async () => (ran.push('subscriptions'), '3 restored'));
    w.onLoss('feeds', async () => (ran.push('feeds'), '12 feeds'));
    await w.start();
    await w.check();
    expect(ran).toEqual([]);

    await deleteKeysWithPrefix(ctx.redis, ctx.prefix); // Redis came back empty
    await w.check();
    await w.check();
    expect(ran).toEqual(['subscriptions', 'feeds']);
    expect(w.status()).toMatchObject({ state: 'ok', losses: 1, recovered: { subscriptions: '3 restored', feeds: '12 feeds' } });
    expect(await ctx.redis.exists(ctx.keys.dataMarker())).toBe(1);
  });

  it('notices a loss another process noticed first (it wrote a new marker)', async () => {
    const [a, b] = [watch(), watch()];
    let bRecovered = 0;
    b.onLoss('feeds', async () => `${++bRecovered}`);
    await a.start();
    await b.start();
    await ctx.redis.del(ctx.keys.dataMarker());
    await a.check();
    await b.check();
    expect(bRecovered).toBe(1);
    expect(b.status().losses).toBe(1);
  });

  it('keeps trying a recovery that failed, and says so until it succeeds', async () => {
    const w = watch();
    let tries = 0;
    w.onLoss('subscriptions', async () => {
      if (++tries === 1) throw new Error('backup folder not mounted');
      return 'restored';
    });
    await w.start();
    await ctx.redis.del(ctx.keys.dataMarker());
    await w.check();
    expect(w.status()).toMatchObject({ state: 'recovery_failed', error: 'backup folder not mounted' });
    await w.check();
    expect(w.status()).toMatchObject({ state: 'ok', losses: 1, recovered: { subscriptions: 'restored' } });
  });
});
