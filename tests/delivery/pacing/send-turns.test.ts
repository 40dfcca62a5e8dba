import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useRedis, type RedisTestContext } from '../../support/redis.js';
import { createSendTurns, type SendTurns, type TurnTarget } from '../../../src/delivery/pacing/send-turns.js';
import { createRedisPacer } from '../../../src/delivery/pacing/token-bucket.js';
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
    turns = createSendTurns({ pacer: createRedisPacer({ redis: ctx.redis }), keys: ctx.keys, busyRecheckMs: 150 });
  });
  afterEach(() => ctx.cleanup());

  it("paces a chat by its platform's own limits: Telegram's burst of 2 per chat, then about a second", async () => {
    const chat = target('42');
    expect((await turns.take(chat)).waitMs).toBe(0);
    expect((await turns.take(chat)).waitMs).toBe(0);
    const third = await turns.take(chat);
    expect(third.waitMs).toBeGreaterThan(500);
    expect(third.waitMs).toBeLessThanOrEqual(1000);
  });

  it('lets a platform with no limits send at once, and a replacement of the limits take their place', async () => {
    for (let i = 0; i < 20; i++) expect((await turns.take(target('stdout', consolePlatform))).waitMs).toBe(0);
    const unpaced = createSendTurns({ pacer: createRedisPacer({ redis: ctx.redis }), keys: ctx.keys, paceRules: { telegram: {} } });
    for (let i = 0; i < 5; i++) expect((await unpaced.take(target('43'))).waitMs).toBe(0);
  });

  it('holds a destination for one job, tells another to look again soon, and frees it on release', async () => {
    const chat = target('-1001');
    expect((await turns.take(chat, 'job-a')).waitMs).toBe(0);
    expect((await turns.take(chat, 'job-b')).waitMs).toBe(150);
    await turns.release(chat, 'job-a');
    expect((await turns.take(chat, 'job-b')).waitMs).toBe(0);
  });

  it("cools down one chat after its 429, or the whole platform after a global one", async () => {
    await turns.coolDown(target('44'), false, 5_000);
    expect((await turns.take(target('44'))).waitMs).toBeGreaterThan(4_000);
    expect((await turns.take(target('45'))).waitMs).toBe(0);
    await turns.coolDown(target('45'), true, 5_000);
    expect((await turns.take(target('46'))).waitMs).toBeGreaterThan(4_000);
  });
});
