import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useRedis, type RedisTestContext } from '../../support/redis.js';
import { createRedisPacer, type Pacer } from '../../../src/delivery/pacing/token-bucket.js';
import { bucketsFor } from '../../../src/delivery/pacing/pace-rules.js';
import { consolePlatform } from '../../../src/platforms/console/platform.js';
import { telegramPlatform } from '../../../src/platforms/telegram/platform.js';

describe('token bucket pacer', () => {
  let ctx: RedisTestContext;
  let pacer: Pacer;
  beforeEach(async () => {
    ctx = await useRedis('bucket');
    pacer = createRedisPacer({ redis: ctx.redis });
  });
  afterEach(() => ctx.cleanup());

  const bucket = () => ({ key: ctx.keys.bucket('b'), capacity: 3, refillPerSecond: 2 });

  it('gives the capacity at once, then says how long to wait for the next token', async () => {
    const t = 1_000_000;
    for (let i = 0; i < 3; i++) expect(await pacer.acquire({ buckets: [bucket()], cooldowns: [], nowMs: t })).toEqual({ waitMs: 0 });
    expect(await pacer.acquire({ buckets: [bucket()], cooldowns: [], nowMs: t })).toEqual({ waitMs: 500, blockedBy: 'bucket' });
    expect((await pacer.acquire({ buckets: [bucket()], cooldowns: [], nowMs: t + 200 })).waitMs).toBe(300);
  });

  it('refills at the configured rate up to the capacity', async () => {
    const t = 2_000_000;
    for (let i = 0; i < 3; i++) await pacer.acquire({ buckets: [bucket()], cooldowns: [], nowMs: t });
    expect((await pacer.acquire({ buckets: [bucket()], cooldowns: [], nowMs: t + 500 })).waitMs).toBe(0);
    expect((await pacer.acquire({ buckets: [bucket()], cooldowns: [], nowMs: t + 500 })).waitMs).toBe(500);
    // A long pause refills to the capacity, never beyond it.
    let granted = 0;
    while ((await pacer.acquire({ buckets: [bucket()], cooldowns: [], nowMs: t + 60_000 })).waitMs === 0) granted++;
    expect(granted).toBe(3);
  });

  it('takes from every bucket or from none', async () => {
    const t = 3_000_000;
    const small = { key: ctx.keys.bucket('small'), capacity: 1, refillPerSecond: 1 };
    expect((await pacer.acquire({ buckets: [bucket(), small], cooldowns: [], nowMs: t })).waitMs).toBe(0);
    expect((await pacer.acquire({ buckets: [bucket(), small], cooldowns: [], nowMs: t })).waitMs).toBe(1000);
    // The refusal did not cost the big bucket a token: two are left.
    expect((await pacer.acquire({ buckets: [bucket()], cooldowns: [], nowMs: t })).waitMs).toBe(0);
    expect((await pacer.acquire({ buckets: [bucket()], cooldowns: [], nowMs: t })).waitMs).toBe(0);
    expect((await pacer.acquire({ buckets: [bucket()], cooldowns: [], nowMs: t })).waitMs).toBeGreaterThan(0);
  });

  it('honours a cooldown until it ends, before any bucket', async () => {
    const cooldown = ctx.keys.cooldown('telegram');
    await pacer.setCooldown(cooldown, 60_000);
    const result = await pacer.acquire({ buckets: [bucket()], cooldowns: [cooldown] });
    expect(result.blockedBy).toBe('cooldown');
    expect(result.waitMs).toBeGreaterThan(59_000);
    expect(result.waitMs).toBeLessThanOrEqual(60_000);
    // A shorter cooldown does not shorten the longer one.
    await pacer.setCooldown(cooldown, 10);
    expect((await pacer.acquire({ buckets: [], cooldowns: [cooldown] })).waitMs).toBeGreaterThan(59_000);
  });

  it('lets one owner hold a lease and tells others how long it has left', async () => {
    const lease = { key: ctx.keys.sendLease('d'), owner: 'job-a', ttlMs: 5_000 };
    expect((await pacer.acquire({ buckets: [], cooldowns: [], lease })).waitMs).toBe(0);
    const other = await pacer.acquire({ buckets: [], cooldowns: [], lease: { ...lease, owner: 'job-b' } });
    expect(other.blockedBy).toBe('lease');
    expect(other.waitMs).toBeGreaterThan(4_000);
    // The same owner (a re-run of the same job) may take it again.
    expect((await pacer.acquire({ buckets: [], cooldowns: [], lease })).waitMs).toBe(0);
    await pacer.releaseLease(lease.key, 'job-b'); // not the owner: no effect
    expect((await pacer.acquire({ buckets: [], cooldowns: [], lease: { ...lease, owner: 'job-b' } })).blockedBy).toBe('lease');
    await pacer.releaseLease(lease.key, 'job-a');
    expect((await pacer.acquire({ buckets: [], cooldowns: [], lease: { ...lease, owner: 'job-b' } })).waitMs).toBe(0);
  });

  it('paces Telegram groups by chat and by group, and private chats by chat only', () => {
    const group = bucketsFor({ platform: 'telegram', chatId: '-1001' }, telegramPlatform, ctx.keys);
    const user = bucketsFor({ platform: 'telegram', chatId: '42' }, telegramPlatform, ctx.keys);
    expect(group.map((b) => b.key)).toEqual([
      ctx.keys.bucket('telegram'),
      ctx.keys.bucket('telegram:-1001:chat'),
      ctx.keys.bucket('telegram:-1001:group'),
    ]);
    expect(user).toHaveLength(2);
    expect(bucketsFor({ platform: 'console', chatId: 'stdout' }, consolePlatform, ctx.keys)).toEqual([]);
  });
});
