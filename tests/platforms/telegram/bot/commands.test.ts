import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { commandList } from '../../../../commands/index.js';
import { aigerim, bolat, startHarness, waitFor, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Telegram bot: commands', () => {
  it('registers every neutral command in the menu at start-up, from the same list as the handlers', async () => {
    h = await startHarness();
    const menu = h.tg.commandLists().get(JSON.stringify(['default', '']));
    expect(menu?.map((c) => c.command)).toEqual(commandList.map((c) => c.name));
    for (const entry of menu ?? []) expect([...entry.description].length).toBeLessThanOrEqual(256);
    expect(menu?.find((c) => c.command === 'subscribe')?.description).toContain('put a @channel first');
    expect(h.tg.calls('deleteWebhook')).toHaveLength(1);
  });

  it('answers /who@botname in a group, as HTML without link previews', async () => {
    h = await startHarness();
    const group = h.tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    const reply = await h.ask(group, aigerim, '/who@kazwire_test_bot tokayev');
    expect(reply.text).toContain('Kassym-Jomart Tokayev');
    expect(reply.parseMode).toBe('HTML');
    expect(reply.linkPreviewDisabled).toBe(true);
    expect(reply.entities).toContainEqual({ type: 'bold', offset: 0, length: 'Kassym-Jomart Tokayev'.length });
  });

  it('ignores a command addressed to another bot', async () => {
    h = await startHarness();
    const group = h.tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    h.tg.sendUserMessage({ chatId: group, from: aigerim, text: '/who@other_news_bot tokayev' });
    const reply = await h.ask(group, aigerim, '/help@kazwire_test_bot');
    expect(reply.text).toContain('Kazwire commands');
    expect(h.tg.botReplies(group)).toHaveLength(1);
    expect(h.tg.calls('sendMessage')).toHaveLength(1);
  });

  it('shows text from an argument escaped, exactly as typed', async () => {
    h = await startHarness();
    const group = h.tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    const reply = await h.ask(group, aigerim, '/who <b>boss</b> & <a href="tg://x">co</a>');
    expect(reply.text).toContain('No actor named "<b>boss</b> & <a href="tg://x">co</a>".');
    expect(reply.sentText).toContain('&lt;b&gt;boss&lt;/b&gt; &amp; &lt;a href=&quot;tg://x&quot;&gt;co&lt;/a&gt;');
    expect(reply.entities.filter((e) => e.type === 'text_link' || e.type === 'bold')).toEqual([]);
  });

  it('answers /start in a private chat with the help, including how to manage a channel from there', async () => {
    h = await startHarness();
    const dm = h.tg.addChat({ type: 'private', user: aigerim });
    const reply = await h.ask(dm, aigerim, '/start');
    expect(reply.text).toContain('Kazwire commands');
    expect(reply.text).toContain('/subscribe @mychannel tokayev');
  });

  it('gives a flooding user one polite refusal, then silence, while others are still answered', async () => {
    h = await startHarness({ rateLimit: { limit: 3, windowMs: 60_000 } });
    const group = h.tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    for (let i = 0; i < 7; i++) h.tg.sendUserMessage({ chatId: group, from: aigerim, text: '/help' });
    const rateKey = h.redis.keys.commandRate('telegram', String(aigerim.id));
    await waitFor(async () => Number(await h!.redis.redis.get(rateKey)) === 7, 'every /help to reach the rate limit');
    h.tg.sendUserMessage({ chatId: group, from: bolat, text: '/help' });
    await h.tg.waitForBotReplies(group, 5);
    await new Promise((r) => setTimeout(r, 200));
    const texts = h.tg.botReplies(group).map((m) => m.text);
    expect(texts).toHaveLength(5);
    // Three answers for the flooding user, one for the other user.
    expect(texts.filter((t) => t.startsWith('Kazwire commands'))).toHaveLength(4);
    expect(texts.filter((t) => t.includes('You are sending commands faster than I can answer'))).toHaveLength(1);
  });

  it('logs a failed reply with what Telegram said and keeps answering', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    h = await startHarness({ bot: { logger: pino({ level: 'warn' }, sink) } });
    const group = h.tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    h.tg.failNext(1, 400, { methods: ['sendMessage'], description: 'Bad Request: not enough rights to send text messages to the chat' });
    h.tg.sendUserMessage({ chatId: group, from: aigerim, text: '/help' });
    await waitFor(() => lines.some((l) => l.msg === 'telegram update failed'), 'the failure to be logged');
    expect(lines.find((l) => l.msg === 'telegram update failed')).toMatchObject({
      chatId: group,
      userId: aigerim.id,
      method: 'sendMessage',
      errorCode: 400,
      description: 'Bad Request: not enough rights to send text messages to the chat',
    });
    expect((await h.ask(group, aigerim, '/help')).text).toContain('Kazwire commands');
  });
});
