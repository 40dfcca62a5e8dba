import { Api, GrammyError, HttpError } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from './server.js';

let tg: FakeTelegram;
let api: Api;
let clock: number;

beforeEach(async () => {
  clock = 1_700_000_000_000;
  tg = await startFakeTelegram({ now: () => clock });
  api = new Api(tg.token, { apiRoot: tg.apiRoot });
});
afterEach(() => tg.close());

async function refusal(call: Promise<unknown>): Promise<GrammyError> {
  const err = await call.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof GrammyError)) throw new Error(`expected a GrammyError, got ${String(err)}`);
  return err;
}

describe('fake Telegram: routing and bodies', () => {
  it('answers getMe with the bot user', async () => {
    const me = await api.getMe();
    expect(me).toMatchObject({ id: 123456789, is_bot: true, username: 'kazwire_test_bot' });
  });

  it('answers an unknown token with 401 Unauthorized exactly as Telegram', async () => {
    const res = await fetch(`${tg.apiRoot}/bot1:wrong/getMe`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
  });

  it('answers an unknown method with 404 Not Found', async () => {
    const res = await fetch(`${tg.apiRoot}/bot${tg.token}/sendTelepathy`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
  });

  it('reads form-urlencoded, multipart and query parameters', async () => {
    const chatId = tg.addChat({ type: 'private', user: { id: 42 } });
    const form = await fetch(`${tg.apiRoot}/bot${tg.token}/sendMessage`, {
      method: 'POST',
      body: new URLSearchParams({ chat_id: String(chatId), text: '<b>form</b>', parse_mode: 'HTML' }),
    });
    clock += 5000;
    const data = new FormData();
    data.set('chat_id', String(chatId));
    data.set('text', 'multipart');
    data.set('reply_markup', JSON.stringify({ inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] }));
    const multipart = await fetch(`${tg.apiRoot}/bot${tg.token}/sendMessage`, { method: 'POST', body: data });
    clock += 5000;
    const query = await fetch(`${tg.apiRoot}/bot${tg.token}/sendMessage?chat_id=${chatId}&text=query`);
    expect([form.status, multipart.status, query.status]).toEqual([200, 200, 200]);
    const sent = tg.botReplies(chatId);
    expect(sent.map((m) => m.text)).toEqual(['form', 'multipart', 'query']);
    expect(sent[0]?.entities).toEqual([{ type: 'bold', offset: 0, length: 4 }]);
    expect(sent[1]?.replyMarkup).toEqual({ inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] });
  });
});

describe('fake Telegram: sendMessage and editing', () => {
  it('posts to a forum topic and refuses a topic that does not exist', async () => {
    const chatId = tg.addChat({ type: 'supergroup', isForum: true, title: 'Newsroom' });
    const topic = tg.addTopic(chatId, 'Kazakhstan');
    const sent = await api.sendMessage(chatId, 'hello', { message_thread_id: topic });
    expect(sent.message_thread_id).toBe(topic);
    expect(sent.is_topic_message).toBe(true);
    expect(tg.messages(chatId, topic)).toHaveLength(1);
    const err = await refusal(api.sendMessage(chatId, 'x', { message_thread_id: 999 }));
    expect(err.description).toBe('Bad Request: message thread not found');
  });

  it('counts the 4096 limit on visible text after entity parsing and trimming', async () => {
    const chatId = tg.addChat({ type: 'private', user: { id: 42 } });
    const visible = 'x'.repeat(4096);
    await api.sendMessage(chatId, `  <b>${visible}</b>\n`, { parse_mode: 'HTML' });
    clock += 5000;
    const err = await refusal(api.sendMessage(chatId, `${visible}y`));
    expect(err.error_code).toBe(400);
    expect(err.description).toBe('Bad Request: message is too long');
    expect((await refusal(api.sendMessage(chatId, ' \n '))).description).toBe('Bad Request: message text is empty');
  });

  it('refuses entities it cannot parse with the Telegram wording', async () => {
    const chatId = tg.addChat({ type: 'private', user: { id: 42 } });
    const err = await refusal(api.sendMessage(chatId, 'Hi <script>x</script>', { parse_mode: 'HTML' }));
    expect(err.description).toBe('Bad Request: can\'t parse entities: Unsupported start tag "script" at byte offset 3');
  });

  it('refuses callback_data over 64 bytes', async () => {
    const chatId = tg.addChat({ type: 'private', user: { id: 42 } });
    const keyboard = { inline_keyboard: [[{ text: 'x', callback_data: 'ж'.repeat(33) }]] };
    const err = await refusal(api.sendMessage(chatId, 'x', { reply_markup: keyboard }));
    expect(err.description).toBe('Bad Request: BUTTON_DATA_INVALID');
  });

  it('records link preview options', async () => {
    const chatId = tg.addChat({ type: 'private', user: { id: 42 } });
    await api.sendMessage(chatId, 'https://example.kz', { link_preview_options: { is_disabled: true } });
    expect(tg.botReplies(chatId)[0]?.linkPreviewDisabled).toBe(true);
  });

  it('edits a message and refuses an edit that changes nothing', async () => {
    const chatId = tg.addChat({ type: 'group', title: 'g' });
    const sent = await api.sendMessage(chatId, '<b>one</b>', { parse_mode: 'HTML' });
    const edited = await api.editMessageText(chatId, sent.message_id, '<b>two</b>', { parse_mode: 'HTML' });
    expect(edited).toMatchObject({ text: 'two' });
    const err = await refusal(api.editMessageText(chatId, sent.message_id, '<b>two</b>', { parse_mode: 'HTML' }));
    expect(err.description).toMatch(/^Bad Request: message is not modified: /);
    const missing = await refusal(api.editMessageText(chatId, 999, 'x'));
    expect(missing.description).toBe('Bad Request: message to edit not found');
  });
});

describe('fake Telegram: chats and membership', () => {
  it('refuses an unknown chat, a kicked bot, a blocked bot and a channel it cannot post in', async () => {
    expect((await refusal(api.sendMessage(-5, 'x'))).description).toBe('Bad Request: chat not found');

    const group = tg.addChat({ type: 'group', title: 'g' });
    tg.kickBot(group);
    const kicked = await refusal(api.sendMessage(group, 'x'));
    expect([kicked.error_code, kicked.description]).toEqual([403, 'Forbidden: bot was kicked from the group chat']);

    const user = tg.addChat({ type: 'private', user: { id: 77 } });
    tg.blockBot(user);
    expect((await refusal(api.sendMessage(user, 'x'))).description).toBe('Forbidden: bot was blocked by the user');

    const channel = tg.addChat({ type: 'channel', title: 'c', botStatus: 'member' });
    expect((await refusal(api.sendMessage(channel, 'x'))).description).toBe(
      'Bad Request: need administrator rights in the channel chat',
    );
  });

  it('answers a migrated group with the new supergroup id', async () => {
    const group = tg.addChat({ type: 'group', title: 'g' });
    const supergroup = tg.migrateGroup(group);
    const err = await refusal(api.sendMessage(group, 'x'));
    expect(err.description).toBe('Bad Request: group chat was upgraded to a supergroup chat');
    expect(err.parameters.migrate_to_chat_id).toBe(supergroup);
    expect(String(supergroup)).toMatch(/^-100\d+$/);
    await api.sendMessage(supergroup, 'moved');
    expect(tg.botReplies(supergroup).map((m) => m.text)).toEqual(['moved']);
  });

  it('reports members and administrators with their statuses', async () => {
    const chat = tg.addChat({ type: 'supergroup', title: 's' });
    tg.setMember(chat, { id: 1, first_name: 'Aru' }, 'creator');
    tg.setMember(chat, { id: 2, first_name: 'Dana' }, 'administrator');
    tg.setMember(chat, { id: 3, first_name: 'Erlan' }, 'member');
    expect((await api.getChatMember(chat, 3)).status).toBe('member');
    expect((await api.getChatMember(chat, tg.bot.id)).status).toBe('member');
    const admins = await api.getChatAdministrators(chat);
    expect(admins.map((a) => [a.user.id, a.status])).toEqual([
      [1, 'creator'],
      [2, 'administrator'],
    ]);
    expect((await api.getChat(chat)).type).toBe('supergroup');
  });
});

describe('fake Telegram: rate limits', () => {
  it('allows a burst of 3 in one chat, then answers 429 with retry_after', async () => {
    const chat = tg.addChat({ type: 'private', user: { id: 42 } });
    for (let i = 0; i < 3; i++) await api.sendMessage(chat, `m${i}`);
    const err = await refusal(api.sendMessage(chat, 'm3'));
    expect(err.error_code).toBe(429);
    expect(err.description).toBe('Too Many Requests: retry after 1');
    expect(err.parameters.retry_after).toBe(1);
    clock += 1000;
    await api.sendMessage(chat, 'm3');
    expect(tg.tooManyRequestsServed).toBe(1);
  });

  it('allows 20 messages per minute in a group', async () => {
    const chat = tg.addChat({ type: 'supergroup', title: 's' });
    for (let i = 0; i < 20; i++) {
      await api.sendMessage(chat, `m${i}`);
      clock += 1000;
    }
    const err = await refusal(api.sendMessage(chat, 'late'));
    // The first of the 20 (sent 20 s ago) leaves the one-minute window in 40 s.
    expect(err.parameters.retry_after).toBe(40);
  });

  it('allows about 30 messages per second across chats', async () => {
    const chats = Array.from({ length: 31 }, (_, i) => tg.addChat({ type: 'private', user: { id: 1000 + i } }));
    for (const chat of chats.slice(0, 30)) await api.sendMessage(chat, 'x');
    const err = await refusal(api.sendMessage(chats[30] as number, 'x'));
    expect(err.error_code).toBe(429);
  });
});

describe('fake Telegram: scenarios', () => {
  it('fails the next calls with 502 as an nginx page, then recovers', async () => {
    tg.failNext(1, 502);
    const err = await api.getMe().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((await api.getMe()).id).toBe(tg.bot.id);
  });

  it('fails with a JSON 500 and a scripted 429', async () => {
    tg.failNext(1, 500);
    expect((await refusal(api.getMe())).error_code).toBe(500);
    tg.failNext(1, 429, { retryAfter: 7 });
    expect((await refusal(api.getMe())).parameters.retry_after).toBe(7);
    expect(tg.tooManyRequestsServed).toBe(1);
  });

  it('keeps failing during an outage', async () => {
    tg.outage(true, 500);
    expect((await refusal(api.getMe())).error_code).toBe(500);
    expect((await refusal(api.getMe())).error_code).toBe(500);
    tg.outage(false);
    await api.getMe();
  });

  it('delays answers so that a client timeout can be seen', async () => {
    tg.delayResponses(1500);
    const impatient = new Api(tg.token, { apiRoot: tg.apiRoot, timeoutSeconds: 0.2 });
    const err = await impatient.getMe().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
  });

  it('records every call', async () => {
    await api.getMe();
    await api.getChat(-1).catch(() => undefined);
    expect(tg.calls().map((c) => [c.method, c.status])).toEqual([
      ['getMe', 200],
      ['getChat', 400],
    ]);
  });
});

describe('fake Telegram: commands and webhooks', () => {
  it('stores command lists per scope and validates them', async () => {
    const chat = tg.addChat({ type: 'supergroup', title: 's' });
    await api.setMyCommands([{ command: 'subscribe', description: 'Subscribe this chat' }]);
    await api.setMyCommands([{ command: 'timeline', description: 'Timeline' }], { scope: { type: 'chat', chat_id: chat } });
    expect((await api.getMyCommands()).map((c) => c.command)).toEqual(['subscribe']);
    expect((await api.getMyCommands({ scope: { type: 'chat', chat_id: chat } })).map((c) => c.command)).toEqual(['timeline']);
    expect((await refusal(api.setMyCommands([{ command: 'Bad-Name', description: 'x' }]))).description).toBe(
      'Bad Request: BOT_COMMAND_INVALID',
    );
    expect((await refusal(api.setMyCommands([{ command: 'ok', description: '' }]))).description).toBe(
      'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID',
    );
    const many = Array.from({ length: 101 }, (_, i) => ({ command: `c${i}`, description: 'd' }));
    expect((await refusal(api.setMyCommands(many))).description).toBe('Bad Request: BOT_COMMANDS_TOO_MUCH');
    await api.deleteMyCommands();
    expect(await api.getMyCommands()).toEqual([]);
  });

  it('refuses getUpdates with 409 while a webhook is set', async () => {
    await api.setWebhook('https://bot.example.kz/hook');
    const err = await refusal(api.getUpdates());
    expect(err.error_code).toBe(409);
    expect((await api.getWebhookInfo()).url).toBe('https://bot.example.kz/hook');
    await api.deleteWebhook();
    expect(await api.getUpdates()).toEqual([]);
  });

  it('refuses a plain HTTP webhook that is not on loopback', async () => {
    const err = await refusal(api.setWebhook('http://bot.example.kz/hook'));
    expect(err.description).toBe('Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
  });
});
