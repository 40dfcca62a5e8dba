import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { run } from '@grammyjs/runner';
import { Api, Bot } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectCommands } from './inject.js';
import { startFakeTelegram, type FakeTelegram } from './server.js';

let tg: FakeTelegram;
let api: Api;

beforeEach(async () => {
  tg = await startFakeTelegram({ rateLimits: false });
  api = new Api(tg.token, { apiRoot: tg.apiRoot });
});
afterEach(() => tg.close());

const user = { id: 501, first_name: 'Aigerim', username: 'aigerim' };

describe('fake Telegram: long polling', () => {
  it('holds getUpdates until an update arrives', async () => {
    const chat = tg.addChat({ type: 'private', user });
    const polling = api.getUpdates({ timeout: 20 });
    await new Promise((r) => setTimeout(r, 100));
    const updateId = tg.sendUserMessage({ chatId: chat, from: user, text: 'hello' });
    const updates = await polling;
    expect(updates.map((u) => u.update_id)).toEqual([updateId]);
    expect(updates[0]?.message?.text).toBe('hello');
  });

  it('returns nothing when the timeout passes without an update', async () => {
    expect(await api.getUpdates({ timeout: 1 })).toEqual([]);
  });

  it('keeps an update until a later offset confirms it', async () => {
    const chat = tg.addChat({ type: 'private', user });
    const first = tg.sendUserMessage({ chatId: chat, from: user, text: 'a' });
    const second = tg.sendUserMessage({ chatId: chat, from: user, text: 'b' });
    expect((await api.getUpdates({ limit: 1 })).map((u) => u.update_id)).toEqual([first]);
    expect((await api.getUpdates()).map((u) => u.update_id)).toEqual([first, second]);
    expect((await api.getUpdates({ offset: first + 1 })).map((u) => u.update_id)).toEqual([second]);
    expect(await api.getUpdates({ offset: second + 1 })).toEqual([]);
  });

  it('leaves out update types the bot did not allow', async () => {
    const chat = tg.addChat({ type: 'private', user });
    tg.sendUserMessage({ chatId: chat, from: user, text: 'a' });
    expect(await api.getUpdates({ allowed_updates: ['callback_query'] })).toEqual([]);
  });

  it('ends a waiting getUpdates with 409 when another one starts', async () => {
    const first = api.getUpdates({ timeout: 20 }).then(
      () => 'answered',
      (e: { error_code?: number }) => e.error_code,
    );
    await new Promise((r) => setTimeout(r, 100));
    await api.getUpdates({ timeout: 0 });
    expect(await first).toBe(409);
  });

  it('marks /cmd and /cmd@bot as bot_command entities', () => {
    expect(detectCommands('/subscribe@kazwire_test_bot tokayev')).toEqual([{ type: 'bot_command', offset: 0, length: 27 }]);
    expect(detectCommands('see /who now')).toEqual([{ type: 'bot_command', offset: 4, length: 4 }]);
    expect(detectCommands('a/b')).toEqual([]);
  });
});

describe('fake Telegram: a real grammY bot', () => {
  it('starts with bot.start(), receives a command, replies, and stops', async () => {
    const chat = tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    const bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot } });
    bot.command('timeline', (ctx) => ctx.reply(`timeline for ${ctx.match || 'everything'}`));
    let started!: () => void;
    const ready = new Promise<void>((r) => (started = r));
    const running = bot.start({ onStart: () => started(), timeout: 5 });
    await ready;
    tg.sendUserMessage({ chatId: chat, from: user, text: '/timeline@kazwire_test_bot astana' });
    const [reply] = await tg.waitForBotReplies(chat);
    expect(reply?.text).toBe('timeline for astana');
    await bot.stop();
    await running;
    expect(tg.calls('deleteWebhook')).toHaveLength(1);
  });

  it('runs under @grammyjs/runner, answers a button press, and stops', async () => {
    const chat = tg.addChat({ type: 'private', user });
    const bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot } });
    bot.command('start', (ctx) =>
      ctx.reply('Pick one', { reply_markup: { inline_keyboard: [[{ text: 'Astana', callback_data: 'city:astana' }]] } }),
    );
    bot.callbackQuery(/^city:(.+)$/, async (ctx) => {
      await ctx.answerCallbackQuery({ text: 'Saved' });
      await ctx.editMessageText(`Following ${ctx.match[1]}`);
    });
    await bot.init();
    const runner = run(bot, { runner: { fetch: { timeout: 5 } } });
    tg.sendUserMessage({ chatId: chat, from: user, text: '/start' });
    const [prompt] = await tg.waitForBotReplies(chat);
    tg.pressButton({ chatId: chat, messageId: prompt?.messageId ?? 0, from: user, data: 'city:astana' });
    for (let i = 0; i < 500 && tg.botReplies(chat)[0]?.text !== 'Following astana'; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await runner.stop();
    expect(tg.botReplies(chat)[0]?.text).toBe('Following astana');
    expect(tg.botReplies(chat)[0]?.replyMarkup).toBeUndefined();
    expect(tg.callbackAnswers().map((q) => q.answered?.text)).toEqual(['Saved']);
  });
});

describe('fake Telegram: webhooks', () => {
  it('posts updates to the webhook with the secret token header', async () => {
    const received: Array<{ secret: string | undefined; body: string }> = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ secret: req.headers['x-telegram-bot-api-secret-token'] as string | undefined, body });
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    try {
      const { port } = hook.address() as AddressInfo;
      await api.setWebhook(`http://127.0.0.1:${port}/tg`, { secret_token: 's3cret' });
      const chat = tg.addChat({ type: 'private', user });
      tg.sendUserMessage({ chatId: chat, from: user, text: '/start' });
      for (let i = 0; i < 200 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(received[0]?.secret).toBe('s3cret');
      expect(JSON.parse(received[0]?.body ?? '{}').message.text).toBe('/start');
      expect((await api.getWebhookInfo()).pending_update_count).toBe(0);
    } finally {
      hook.closeAllConnections();
      await new Promise((r) => hook.close(r));
    }
  });
});
