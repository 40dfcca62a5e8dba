import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useRedis, type RedisTestContext } from '../../support/redis.js';
import { createRedisPacer, type AcquireRequest, type Pacer } from '../../../src/delivery/pacing/token-bucket.js';

describe('token reservations and turns in line', () => {
  let ctx: RedisTestContext;
  let pacer: Pacer;
  beforeEach(async () => {
    ctx = await useRedis('reserve');
    pacer = createRedisPacer({ redis: ctx.redis });
  });
  afterEach(() => ctx.cleanup());

  const t = 5_000_000;
  /** One token every 100 ms, no burst; each owner sends to its own destination. */
  const request = (owner: string, nowMs: number, aheadMs = 300): AcquireRequest => ({
    buckets: [{ key: ctx.keys.bucket('global'), capacity: 1, refillPerSecond: 10, shared: true }],
    cooldowns: [],
    lease: { key: ctx.keys.sendLease(`dest-${owner}`), owner, ttlMs: 5_000 },
    reserve: { aheadMs, queueLeadMs: 50 },
    nowMs,
  });

  it('reserves the next tokens up to the horizon, then hands out turns one token apart', async () => {
    expect(await pacer.acquire(request('a', t))).toEqual({ waitMs: 0 });
    expect(await pacer.acquire(request('b', t))).toEqual({ waitMs: 100, blockedBy: 'reserved' });
    expect(await pacer.acquire(request('c', t))).toEqual({ waitMs: 200, blockedBy: 'reserved' });
    expect(await pacer.acquire(request('d', t))).toEqual({ waitMs: 300, blockedBy: 'reserved' });
    // Beyond 300 ms: a turn at 400 ms, coming back 50 ms before it; the next one a token later.
    expect(await pacer.acquire(request('e', t))).toEqual({ waitMs: 350, blockedBy: 'queued' });
    expect(await pacer.acquire(request('f', t))).toEqual({ waitMs: 450, blockedBy: 'queued' });
  });

  it('lets a reserving owner through once its slot has come, without taking a second token', async () => {
    await pacer.acquire(request('a', t));
    expect((await pacer.acquire(request('b', t))).waitMs).toBe(100);
    // Early: the same reservation, nothing more taken.
    expect(await pacer.acquire(request('b', t + 50))).toEqual({ waitMs: 50, blockedBy: 'reserved' });
    expect(await pacer.acquire(request('b', t + 100))).toEqual({ waitMs: 0 });
    // The next newcomer gets the token after b's (200 ms), not after a second one taken by b.
    expect(await pacer.acquire(request('c', t + 100))).toEqual({ waitMs: 100, blockedBy: 'reserved' });
  });

  it('lets a first message reserve further ahead than a backlog that filled the near slots', async () => {
    await pacer.acquire(request('a', t, 200));
    expect((await pacer.acquire(request('b', t, 200))).blockedBy).toBe('reserved');
    expect((await pacer.acquire(request('c', t, 200))).blockedBy).toBe('reserved');
    expect((await pacer.acquire(request('d', t, 200))).blockedBy).toBe('queued');
    expect(await pacer.acquire(request('first', t, 800))).toEqual({ waitMs: 300, blockedBy: 'reserved' });
  });

  it('tells the destination\'s other jobs when the holder is due, and keeps the lease its owner\'s to release', async () => {
    await pacer.acquire(request('a', t));
    await pacer.acquire(request('b', t));
    const other = await pacer.acquire({ ...request('b2', t), lease: { key: ctx.keys.sendLease('dest-b'), owner: 'b2', ttlMs: 5_000 } });
    expect(other.blockedBy).toBe('lease');
    expect(other.busyForMs).toBe(100);
    await pacer.releaseLease(ctx.keys.sendLease('dest-b'), 'b2');
    expect(await ctx.redis.exists(ctx.keys.sendLease('dest-b'))).toBe(1);
    await pacer.releaseLease(ctx.keys.sendLease('dest-b'), 'b');
    expect(await ctx.redis.exists(ctx.keys.sendLease('dest-b'))).toBe(0);
  });

  it('holds a reserved send through a 429 cooldown set after the reservation', async () => {
    await pacer.acquire(request('a', t));
    await pacer.acquire(request('b', t));
    await pacer.setCooldown(ctx.keys.cooldown('global-429'), 60_000);
    // The cooldown is on the server's clock, long after the reservation's fake time: only the cooldown holds it.
    const { buckets, lease, reserve } = request('b', t + 100);
    const held = await pacer.acquire({ buckets, lease, reserve, cooldowns: [ctx.keys.cooldown('global-429')] });
    expect(held.blockedBy).toBe('cooldown');
  });
});
