import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app/start-app.js';
import { loadConfig } from '../../src/config/env.js';
import { silentLogger } from '../../src/log.js';
import { freePort } from '../e2e/support/bot-process.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram/server.js';
import { TEST_REDIS_URL, useRedis, type RedisTestContext } from '../support/redis.js';
import { waitUntil } from '../support/wait-until.js';

/* The telegram role of the app, receiving updates by webhook on the app's own HTTP server. */

let redis: RedisTestContext;
let tg: FakeTelegram;
let app: RunningApp | undefined;
let webhookUrl: string;

beforeEach(async () => {
  redis = await useRedis('tg-webhook');
  tg = await startFakeTelegram({ rateLimits: false });
  const port = await freePort();
  webhookUrl = `http://127.0.0.1:${port}/telegram/webhook`;
  app = await startApp(
    loadConfig({
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redis.prefix,
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_WEBHOOK_URL: webhookUrl,
      HTTP_PORT: String(port),
    }),
    new Set(['telegram']),
    silentLogger,
  );
  await waitUntil('setWebhook', () => tg.calls('setWebhook').some((c) => c.status === 200), { timeoutMs: 10_000 });
});

afterEach(async () => {
  await app?.stop();
  app = undefined;
  await tg.close();
  await redis.cleanup();
});

const forgedSubscribe = (group: number) =>
  JSON.stringify({
    update_id: 900001,
    message: {
      message_id: 77,
      date: Math.floor(Date.now() / 1000),
      chat: { id: group, type: 'supergroup', title: 'Newsroom' },
      from: { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' },
      sender_chat: { id: group, type: 'supergroup', title: 'Newsroom' },
      text: '/subscribe',
      entities: [{ type: 'bot_command', offset: 0, length: 10 }],
    },
  });

describe('the Telegram webhook without TELEGRAM_WEBHOOK_SECRET', () => {
  it('generates a secret, keeps it in Redis, gives it to setWebhook, and answers updates Telegram posts with it', async () => {
    const secret = await redis.redis.get(redis.keys.telegramWebhookSecret());
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(tg.calls('setWebhook').at(-1)?.params).toMatchObject({ url: webhookUrl, secret_token: secret });
    const dm = tg.addChat({ type: 'private', user: { id: 4242, first_name: 'Dana' } });
    tg.sendUserMessage({ chatId: dm, from: { id: 4242, first_name: 'Dana' }, text: '/help' });
    const [reply] = await tg.waitForBotReplies(dm, 1, 10_000);
    expect(reply?.text).toContain('/timeline');
  });

  it('refuses a forged update without the secret or with a wrong one (401), and subscribes nothing', async () => {
    const group = tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    const attempts: Array<Record<string, string>> = [{}, { 'x-telegram-bot-api-secret-token': 'guessed-secret' }];
    for (const headers of attempts) {
      const res = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: forgedSubscribe(group) });
      expect(res.status).toBe(401);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(tg.botReplies(group)).toEqual([]);
    expect(await redis.redis.keys(`${redis.prefix}:sub*`)).toEqual([]);
  });

  it('refuses a body over the cap with 413, even with the right secret', async () => {
    const secret = (await redis.redis.get(redis.keys.telegramWebhookSecret()))!;
    const res = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify({ update_id: 1, padding: 'x'.repeat(300 * 1024) }),
    });
    expect(res.status).toBe(413);
  });
});
