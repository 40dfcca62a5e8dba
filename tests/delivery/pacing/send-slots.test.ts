import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useRedis, type RedisTestContext } from '../../support/redis.js';
import { createSendSlots, type SendSlots } from '../../../src/delivery/pacing/send-slots.js';
import { bucketsFor } from '../../../src/delivery/pacing/pace-rules.js';
import { consolePlatform } from '../../../src/platforms/console/platform.js';
import { telegramPlatform } from '../../../src/platforms/telegram/platform.js';

describe('send slots', () => {
  let ctx: RedisTestContext;
  let slots: SendSlots;
  beforeEach(async () => {
    ctx = await useRedis('slots');
    slots = createSendSlots({ redis: ctx.redis });
  });
  afterEach(() => ctx.cleanup());

  const bucket = () => ({ key: ctx.keys.paceSlot('b'), capacity: 3, refillPerSecond: 2 });
  const reserve = (nowMs: number, buckets = [bucket()], maxAheadMs = 10_000) => slots.reserve({ buckets, maxAheadMs, nowMs });

  it('gives the capacity at once, then reserves one slot per interval, each job its own', async () => {
    const t = 1_000_000;
    const waits = [];
    for (let i = 0; i < 6; i++) waits.push(await reserve(t));
    // Three at once, then 2/s: the fourth at +500 ms, the fifth at +1000, the sixth at +1500.
    expect(waits).toEqual([0, 0, 0, 500, 1000, 1500].map((waitMs) => ({ kind: 'reserved', waitMs })));
  });

  it('lets no more through in any window than a token bucket of the same capacity and rate', async () => {
    const t = 2_000_000;
    const sends: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await reserve(t + i * 100);
      if (r.kind === 'reserved') sends.push(t + i * 100 + r.waitMs);
    }
    // capacity + rate * window: at most 3 + 2 * 2 = 7 sends in any 2 s.
    for (const start of sends) expect(sends.filter((s) => s >= start && s < start + 2_000).length).toBeLessThanOrEqual(7);
  });

  it('reserves nothing beyond the horizon and says exactly when to come back', async () => {
    const t = 3_000_000;
    for (let i = 0; i < 5; i++) await reserve(t);
    // Next free slot is at +1500 ms; with a 1 s horizon nothing is reserved...
    expect(await reserve(t, [bucket()], 1_000)).toEqual({ kind: 'later', waitMs: 1500 });
    // ...so the slot is still the next one free.
    expect(await reserve(t, [bucket()], 10_000)).toEqual({ kind: 'reserved', waitMs: 1500 });
  });

  it('takes a slot from every bucket or from none, at the latest of their free times', async () => {
    const t = 4_000_000;
    const small = { key: ctx.keys.paceSlot('small'), capacity: 1, refillPerSecond: 1 };
    expect(await reserve(t, [bucket(), small])).toEqual({ kind: 'reserved', waitMs: 0 });
    expect(await reserve(t, [bucket(), small])).toEqual({ kind: 'reserved', waitMs: 1000 });
    expect(await reserve(t, [bucket(), small], 500)).toEqual({ kind: 'later', waitMs: 2000 });
    // The refusal took nothing: the big bucket's next slot is where its second send (at +1000 ms) left it.
    expect(await reserve(t)).toEqual({ kind: 'reserved', waitMs: 500 });
  });

  it('moves a bucket after a 429 to retry_after from now, never earlier', async () => {
    const t = 5_000_000;
    await slots.push(bucket(), 60_000, t);
    expect(await reserve(t, [bucket()], 100_000)).toEqual({ kind: 'reserved', waitMs: 60_000 });
    await slots.push(bucket(), 10, t);
    expect((await reserve(t, [bucket()], 100_000)).kind).toBe('reserved');
    expect(await reserve(t, [bucket()], 100)).toEqual({ kind: 'later', waitMs: 61_000 });
  });

  it('holds a turn for one owner, refuses others, and stops at a present stop key', async () => {
    const turn = { key: ctx.keys.destinationTurn('d'), owner: 'job-a', ttlMs: 5_000 };
    expect(await slots.reserve({ buckets: [], maxAheadMs: 0, turn })).toEqual({ kind: 'reserved', waitMs: 0 });
    expect(await slots.reserve({ buckets: [], maxAheadMs: 0, turn: { ...turn, owner: 'job-b' } })).toEqual({ kind: 'turn-taken', holder: 'job-a' });
    // The same owner (a re-run of the same job) has it still.
    expect((await slots.reserve({ buckets: [], maxAheadMs: 0, turn })).kind).toBe('reserved');
    await ctx.redis.set(ctx.keys.destinationMoved('d'), 'telegram:-100');
    expect(await slots.reserve({ buckets: [], maxAheadMs: 0, turn, stopKeys: [ctx.keys.destinationMoved('d')] })).toEqual({
      kind: 'stopped',
      key: ctx.keys.destinationMoved('d'),
      value: 'telegram:-100',
    });
  });

  it('does not take a free turn for a job whose story is delivered', async () => {
    const doneKey = ctx.keys.delivered('d', 's1');
    await ctx.redis.set(doneKey, '["1"]');
    const turn = { key: ctx.keys.destinationTurn('d'), owner: 'job-a', ttlMs: 5_000, doneKey };
    expect(await slots.reserve({ buckets: [], maxAheadMs: 0, turn })).toEqual({ kind: 'done' });
    expect(await ctx.redis.exists(turn.key)).toBe(0);
  });

  it('paces Telegram groups by platform, chat and group, and private chats by platform and chat', () => {
    const group = bucketsFor({ platform: 'telegram', chatId: '-1001' }, telegramPlatform, ctx.keys);
    const user = bucketsFor({ platform: 'telegram', chatId: '42' }, telegramPlatform, ctx.keys);
    expect(group.platform.map((b) => b.key)).toEqual([ctx.keys.paceSlot('telegram')]);
    expect(group.destination.map((b) => b.key)).toEqual([ctx.keys.paceSlot('telegram:-1001:chat'), ctx.keys.paceSlot('telegram:-1001:group')]);
    expect(user.destination).toHaveLength(1);
    expect(bucketsFor({ platform: 'console', chatId: 'stdout' }, consolePlatform, ctx.keys)).toEqual({ platform: [], destination: [] });
  });
});
