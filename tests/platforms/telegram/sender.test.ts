import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SendError, type Destination, type OutgoingMessage, type SendFailure } from '../../../src/delivery/core/types.js';
import { createTelegramSender } from '../../../src/platforms/telegram/sender.js';
import type { Sender } from '../../../src/delivery/core/types.js';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram/server.js';
import { makeStory } from './stories.js';

let tg: FakeTelegram;
let sender: Sender;
let clock: number;

beforeEach(async () => {
  clock = 1_700_000_000_000;
  tg = await startFakeTelegram({ now: () => clock });
  sender = createTelegramSender({ token: tg.token, apiRoot: tg.apiRoot, requestTimeoutMs: 2000 });
});
afterEach(() => tg.close());

const to = (chatId: number, threadId?: number): Destination => ({
  platform: 'telegram',
  chatId: String(chatId),
  ...(threadId !== undefined ? { threadId: String(threadId) } : {}),
});
const alert = (overrides = {}): OutgoingMessage => ({ kind: 'alert', stories: [makeStory(overrides)] });

async function failureOf(call: Promise<unknown>): Promise<SendFailure> {
  const err = await call.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof SendError)) throw new Error(`expected a SendError, got ${String(err)}`);
  return err.failure;
}

describe('Telegram sender', () => {
  it('posts hostile feed text escaped, so it reads exactly as written', async () => {
    const chat = tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    const title = '<script>alert(1)</script> a < b & c > d';
    const ref = await sender.send(to(chat), alert({ title, summary: '"quotes" stay' }), 'k1');
    const [posted] = tg.botReplies(chat);
    expect(ref.messageIds).toEqual([String(posted?.messageId)]);
    expect(posted?.parseMode).toBe('HTML');
    expect(posted?.sentText).toContain('&lt;script&gt;alert(1)&lt;/script&gt; a &lt; b &amp; c &gt; d');
    expect(posted?.text.split('\n')[0]).toBe(title);
    expect(posted?.text).toContain('"quotes" stay');
    expect(posted?.linkPreviewDisabled).toBe(true);
    expect(posted?.entities.find((e) => e.type === 'text_link')?.url).toBe(makeStoryLink(posted?.sentText));
  });

  it('never posts more than 4096 visible characters, splitting a long digest', async () => {
    tg = await restartWithoutLimits();
    const chat = tg.addChat({ type: 'private', user: { id: 9 } });
    const stories = Array.from({ length: 80 }, (_, i) => makeStory({ title: `Story ${i} ${'headline '.repeat(30)}` }));
    const ref = await sender.send(to(chat), { kind: 'digest', heading: 'Daily digest', stories }, 'k2');
    const posted = tg.botReplies(chat);
    expect(posted.length).toBeGreaterThan(1);
    expect(ref.messageIds).toHaveLength(posted.length);
    for (const m of posted) expect(m.text.length).toBeLessThanOrEqual(4096);
    const oversized = await sender.send(to(chat), alert({ summary: 'long '.repeat(3000) }), 'k3');
    expect(oversized.messageIds).toHaveLength(1);
  });

  it('posts into the forum topic of the destination', async () => {
    const chat = tg.addChat({ type: 'supergroup', isForum: true, title: 'Forum' });
    const topic = tg.addTopic(chat, 'Kazakhstan');
    await sender.send(to(chat, topic), alert(), 'k4');
    expect(tg.messages(chat, topic)).toHaveLength(1);
    expect(tg.calls('sendMessage')[0]?.params.message_thread_id).toBe(topic);
  });

  it('reports a kicked bot, a blocked bot and an unknown chat as destination-gone', async () => {
    const group = tg.addChat({ type: 'group', title: 'g' });
    tg.kickBot(group);
    expect(await failureOf(sender.send(to(group), alert(), 'k'))).toEqual({
      kind: 'destination-gone',
      reason: 'Forbidden: bot was kicked from the group chat',
    });
    const user = tg.addChat({ type: 'private', user: { id: 5 } });
    tg.blockBot(user);
    expect((await failureOf(sender.send(to(user), alert(), 'k'))).kind).toBe('destination-gone');
    expect(await failureOf(sender.send(to(-999), alert(), 'k'))).toEqual({
      kind: 'destination-gone',
      reason: 'Bad Request: chat not found',
    });
  });

  it('reports a migrated group with the new supergroup id', async () => {
    const group = tg.addChat({ type: 'group', title: 'g' });
    const supergroup = tg.migrateGroup(group);
    expect(await failureOf(sender.send(to(group), alert(), 'k'))).toEqual({ kind: 'migrated', newChatId: String(supergroup) });
  });

  it('reports a 429 as rate-limited with retry_after', async () => {
    const chat = tg.addChat({ type: 'private', user: { id: 5 } });
    for (let i = 0; i < 3; i++) await sender.send(to(chat), alert(), `k${i}`);
    expect(await failureOf(sender.send(to(chat), alert(), 'k3'))).toEqual({ kind: 'rate-limited', retryAfterMs: 1000, global: false });
    tg.failNext(1, 429, { retryAfter: 12 });
    clock += 60_000;
    expect(await failureOf(sender.send(to(chat), alert(), 'k4'))).toMatchObject({ retryAfterMs: 12_000 });
  });

  it('reports 502, 500, a timeout and an unreachable server as transient', async () => {
    const chat = tg.addChat({ type: 'private', user: { id: 5 } });
    tg.failNext(1, 502);
    expect((await failureOf(sender.send(to(chat), alert(), 'k'))).kind).toBe('transient');
    tg.failNext(1, 500);
    expect((await failureOf(sender.send(to(chat), alert(), 'k'))).kind).toBe('transient');
    tg.delayResponses(1000);
    const impatient = createTelegramSender({ token: tg.token, apiRoot: tg.apiRoot, requestTimeoutMs: 100 });
    expect((await failureOf(impatient.send(to(chat), alert(), 'k'))).kind).toBe('transient');
    tg.delayResponses(0);
    const nowhere = createTelegramSender({ token: tg.token, apiRoot: 'http://127.0.0.1:9', requestTimeoutMs: 1000 });
    expect((await failureOf(nowhere.send(to(chat), alert(), 'k'))).kind).toBe('transient');
  });

  it('sends plain text once when Telegram cannot parse the HTML, and gives up after that', async () => {
    const chat = tg.addChat({ type: 'private', user: { id: 5 } });
    const parseError = { methods: ['sendMessage'], description: "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0" };
    tg.failNext(1, 400, parseError);
    await sender.send(to(chat), alert({ title: 'A & B' }), 'k1');
    const [posted] = tg.botReplies(chat);
    expect(posted?.parseMode).toBeUndefined();
    expect(posted?.text.startsWith('A & B\n')).toBe(true);

    clock += 10_000;
    tg.failNext(2, 400, parseError);
    const failure = await failureOf(sender.send(to(chat), alert(), 'k2'));
    expect(failure.kind).toBe('rejected');
    expect(tg.calls('sendMessage')).toHaveLength(4);
  });

  it('reports any other 400 as rejected', async () => {
    const chat = tg.addChat({ type: 'private', user: { id: 5 } });
    tg.failNext(1, 400, { description: 'Bad Request: something is off' });
    expect(await failureOf(sender.send(to(chat), alert(), 'k'))).toEqual({ kind: 'rejected', reason: 'Bad Request: something is off' });
  });

  it('edits a posted message, and an edit that changes nothing is fine', async () => {
    const chat = tg.addChat({ type: 'supergroup', title: 's' });
    const story = makeStory();
    const ref = await sender.send(to(chat), { kind: 'alert', stories: [story] }, 'k');
    const grown = { ...story, alsoReportedBy: [{ source: 'Tengrinews', title: 't' }] };
    await sender.edit(to(chat), ref, { kind: 'alert', stories: [grown] });
    expect(tg.botReplies(chat)[0]?.text).toContain('Kazinform · also reported by Tengrinews');
    expect(tg.botReplies(chat)[0]?.editDate).toBeDefined();
    await sender.edit(to(chat), ref, { kind: 'alert', stories: [grown] });
    expect(tg.calls('editMessageText').map((c) => c.status)).toEqual([200, 400]);
    expect((await failureOf(sender.edit(to(chat), { messageIds: ['999'] }, alert()))).kind).toBe('rejected');
  });
});

function makeStoryLink(html: string | undefined): string | undefined {
  return /href="([^"]+)"/.exec(html ?? '')?.[1];
}

async function restartWithoutLimits(): Promise<FakeTelegram> {
  await tg.close();
  const fresh = await startFakeTelegram({ rateLimits: false });
  sender = createTelegramSender({ token: fresh.token, apiRoot: fresh.apiRoot });
  return fresh;
}
