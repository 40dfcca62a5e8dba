import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
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

  it('has no webhook route when polling', async () => {
    h = await startHarness();
    expect(h.bot.handleWebhook).toBeUndefined();
  });
});
