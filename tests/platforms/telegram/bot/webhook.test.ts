import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { commandList } from '../../../../commands/index.js';
import { createTelegramBot } from '../../../../src/platforms/telegram/bot/index.js';
import { aigerim, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  await h?.close();
  h = undefined;
  server = undefined;
});

/** An HTTP server like the app's: the webhook route first, 404 for the rest. */
async function webhookServer(): Promise<{ url: string; port: number; mount(handler: NonNullable<Harness['bot']['handleWebhook']>): void }> {
  let handler: NonNullable<Harness['bot']['handleWebhook']> | undefined;
  server = createServer((req, res) => {
    void (async () => {
      if (handler && (await handler(req, res))) return;
      res.writeHead(404).end('not found\n');
    })();
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/telegram/webhook`, port, mount: (h) => (handler = h) };
}

describe('Telegram bot: webhook', () => {
  it('sets the webhook with its secret and answers commands Telegram posts to it', async () => {
    const web = await webhookServer();
    h = await startHarness({ start: false, bot: { webhookUrl: web.url, webhookSecret: 'kw-secret_1' } });
    web.mount(h.bot.handleWebhook!);
    await h.bot.start();
    expect(h.tg.calls('setWebhook')[0]?.params).toMatchObject({ url: web.url, secret_token: 'kw-secret_1' });
    expect(h.tg.calls('getUpdates')).toEqual([]);

    const dm = h.tg.addChat({ type: 'private', user: aigerim });
    const reply = await h.ask(dm, aigerim, '/who tokayev');
    expect(reply.text).toContain('Kassym-Jomart Tokayev');
  });

  it('refuses a post without the secret and leaves other requests to the server', async () => {
    const web = await webhookServer();
    h = await startHarness({ start: false, bot: { webhookUrl: web.url, webhookSecret: 'kw-secret_1' } });
    web.mount(h.bot.handleWebhook!);
    await h.bot.start();
    const forged = await fetch(web.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ update_id: 1, message: { message_id: 1, date: 0, chat: { id: 5, type: 'private', first_name: 'X' }, text: '/help' } }),
    });
    expect(forged.status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${web.port}/telegram/webhook`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${web.port}/elsewhere`, { method: 'POST' })).status).toBe(404);
    expect(h.tg.calls('sendMessage')).toEqual([]);
  });

  it('refuses an update with a wrong secret, whatever it claims, and handles none of it', async () => {
    const web = await webhookServer();
    h = await startHarness({ start: false, bot: { webhookUrl: web.url, webhookSecret: 'kw-secret_1' } });
    web.mount(h.bot.handleWebhook!);
    await h.bot.start();
    const group = h.tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    const forged = await fetch(web.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'kw-secret_2' },
      body: JSON.stringify({
        update_id: 7,
        message: {
          message_id: 1,
          date: 0,
          chat: { id: group, type: 'supergroup', title: 'Newsroom' },
          from: { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' },
          sender_chat: { id: group, type: 'supergroup', title: 'Newsroom' },
          text: '/subscribe',
          entities: [{ type: 'bot_command', offset: 0, length: 10 }],
        },
      }),
    });
    expect(forged.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.tg.calls('sendMessage')).toEqual([]);
    expect(await h.store.listForDestination({ platform: 'telegram', chatId: String(group) })).toEqual([]);
  });

  it('refuses a body over the cap with 413 before reading it, declared or streamed', async () => {
    const web = await webhookServer();
    h = await startHarness({ start: false, bot: { webhookUrl: web.url, webhookSecret: 'kw-secret_1', maxWebhookBodyBytes: 64 * 1024 } });
    web.mount(h.bot.handleWebhook!);
    await h.bot.start();
    const post = (chunked: boolean) =>
      new Promise<number>((resolve, reject) => {
        const headers: Record<string, string> = { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'kw-secret_1' };
        if (!chunked) headers['content-length'] = String(50 * 1024 * 1024);
        const req = request(web.url, { method: 'POST', headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        // A little over the cap in 16 KiB pieces; the declared length is never sent in full.
        const piece = Buffer.alloc(16 * 1024, 0x20);
        for (let i = 0; i < 6; i++) req.write(piece);
        if (chunked) req.end();
      });
    expect(await post(false)).toBe(413);
    expect(await post(true)).toBe(413);
    expect(h.tg.calls('sendMessage')).toEqual([]);
  });

  it('cannot be built for a webhook without a secret', async () => {
    h = await startHarness({ start: false });
    const { tg, services, redis } = h;
    const build = () =>
      createTelegramBot({
        token: tg.token,
        apiRoot: tg.apiRoot,
        commands: commandList,
        services,
        redis: redis.redis,
        keys: redis.keys,
        ownerIds: [],
        webhookUrl: 'https://kazwire.example/telegram/webhook',
      });
    expect(build).toThrow(/secret/);
  });

  it('has no webhook route when polling', async () => {
    h = await startHarness();
    expect(h.bot.handleWebhook).toBeUndefined();
  });
});
