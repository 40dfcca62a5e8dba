import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useRedis, type RedisTestContext } from '../../support/redis.js';
import { createSendSlots } from '../../../src/delivery/pacing/send-slots.js';
import { createSendTurns, type SendTurns, type TurnTarget } from '../../../src/delivery/pacing/send-turns.js';
import { consolePlatform } from '../../../src/platforms/console/platform.js';
import { telegramPlatform } from '../../../src/platforms/telegram/platform.js';

const target = (chatId: string, platform = telegramPlatform): TurnTarget => ({
  key: `${platform.name}:${chatId}`,
  destination: { platform: platform.name, chatId },
  sender: { platform },
});

describe('send turns', () => {
  let ctx: RedisTestContext;
  let turns: SendTurns;
  beforeEach(async () => {
    ctx = await useRedis('turns');
    turns = createSendTurns({ slots: createSendSlots({ redis: ctx.redis }), keys: ctx.keys, maxAheadMs: 300 });
  });
  afterEach(() => ctx.cleanup());

  it("paces a chat by its platform's own limits: Telegram's burst of 2 per chat, then a second later", async () => {
    const chat = target('42');
    expect(await turns.reserve(chat)).toMatchObject({ kind: 'go', waitMs: 0 });
    expect((await turns.reserve(chat)).kind).toBe('go');
    const third = await turns.reserve(chat);
    expect(third.kind).toBe('later');
    expect(third.kind === 'later' && third.waitMs).toBeGreaterThan(500);
    expect(third.kind === 'later' && third.waitMs).toBeLessThanOrEqual(1000);
  });

  it('spaces sends to different chats by the platform limit, reserving each its own slot', async () => {
    // Each slot as seen from here: between (call start + wait) and (reply + wait), whatever the Redis latency.
    const slots: Array<{ earliest: number; latest: number }> = [];
    for (let i = 0; i < 8; i++) {
      const start = Date.now();
      const answer = await turns.reserve(target(String(100 + i)));
      if (answer.kind === 'go') slots.push({ earliest: start + answer.waitMs, latest: Date.now() + answer.waitMs });
    }
    expect(slots).toHaveLength(8);
    // One platform slot per interval (1 / rate), no burst: the eighth at least seven intervals after the first.
    const interval = 1000 / telegramPlatform.pace.global!.refillPerSecond;
    expect(slots[7]!.latest - slots[0]!.earliest).toBeGreaterThanOrEqual(Math.floor(7 * interval));
  });

  it('lets a platform with no limits send at once, and a replacement of the limits take their place', async () => {
    for (let i = 0; i < 20; i++) expect(await turns.reserve(target('stdout', consolePlatform))).toMatchObject({ kind: 'go', waitMs: 0 });
    const unpaced = createSendTurns({ slots: createSendSlots({ redis: ctx.redis }), keys: ctx.keys, paceRules: { telegram: {} } });
    for (let i = 0; i < 5; i++) expect(await unpaced.reserve(target('43'))).toMatchObject({ kind: 'go', waitMs: 0 });
  });

  it("gives a destination's turn to one job and tells another that it is taken", async () => {
    const chat = target('-1001');
    expect((await turns.reserve(chat, { owner: 'job-a', storyId: 's1' })).kind).toBe('go');
    expect(await turns.reserve(chat, { owner: 'job-b', storyId: 's2' })).toEqual({ kind: 'taken' });
  });

  it('follows a recorded move to the new chat', async () => {
    await ctx.redis.set(ctx.keys.destinationMoved('telegram:-1001'), 'telegram:-100777');
    expect(await turns.reserve(target('-1001'))).toEqual({ kind: 'moved', to: 'telegram:-100777' });
  });

  it('cools down one chat after its 429, or the whole platform after a global one', async () => {
    await turns.coolDown(target('44'), false, 5_000);
    const cooled = await turns.reserve(target('44'));
    expect(cooled.kind === 'later' && cooled.waitMs).toBeGreaterThan(4_000);
    expect((await turns.reserve(target('45'))).kind).toBe('go');
    await turns.coolDown(target('45'), true, 5_000);
    const global = await turns.reserve(target('46'));
    expect(global.kind === 'later' && global.waitMs).toBeGreaterThan(4_000);
  });
});
