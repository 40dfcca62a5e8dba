import { Api, GrammyError } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from './server.js';

let tg: FakeTelegram;
let api: Api;
let chat: number;
beforeEach(async () => {
  tg = await startFakeTelegram();
  api = new Api(tg.token, { apiRoot: tg.apiRoot });
  chat = tg.addChat({ type: 'supergroup', title: 'Newsroom' });
});
afterEach(() => tg.close());

async function refusal(call: Promise<unknown>): Promise<string> {
  const err = await call.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof GrammyError)) throw new Error(`expected a GrammyError, got ${String(err)}`);
  expect(err.error_code).toBe(400);
  return err.description;
}

describe('fake Telegram: photos', () => {
  it('posts a photo by URL with its caption parsed as HTML, answered with photo sizes and caption entities', async () => {
    const sent = await api.sendPhoto(chat, 'https://cdn.kz/a.jpg', { caption: '<b>Tokayev</b> &amp; CSTO', parse_mode: 'HTML' });
    expect(sent.photo.length).toBeGreaterThan(0);
    expect(sent.caption).toBe('Tokayev & CSTO');
    expect(sent.caption_entities).toEqual([{ type: 'bold', offset: 0, length: 7 }]);
    expect(tg.botReplies(chat)[0]).toMatchObject({ photo: 'https://cdn.kz/a.jpg', text: 'Tokayev & CSTO' });
  });

  it('counts the caption limit after entity parsing: 1024 visible characters pass, 1025 do not', async () => {
    const visible = 'a'.repeat(1024);
    await api.sendPhoto(chat, 'https://cdn.kz/a.jpg', { caption: `<b>${visible}</b>`, parse_mode: 'HTML' });
    expect(await refusal(api.sendPhoto(chat, 'https://cdn.kz/a.jpg', { caption: `${visible}b` }))).toBe('Bad Request: message caption is too long');
  });

  it('refuses a caption it cannot parse, a photo that is no URL, one it cannot fetch, and an edit of the wrong kind', async () => {
    expect(await refusal(api.sendPhoto(chat, 'https://cdn.kz/a.jpg', { caption: 'a < b', parse_mode: 'HTML' }))).toMatch(
      /^Bad Request: can't parse entities: /,
    );
    expect(await refusal(api.sendPhoto(chat, 'not a url'))).toBe('Bad Request: wrong file identifier/HTTP URL specified');
    expect(await refusal(api.sendPhoto(chat, 'javascript://alert(1)'))).toBe('Bad Request: wrong HTTP URL specified');
    expect(await refusal(api.sendPhoto(chat, 'https://cdn.gone.invalid/a.jpg'))).toBe('Bad Request: failed to get HTTP URL content');
    const photo = await api.sendPhoto(chat, 'https://cdn.kz/a.jpg', { caption: 'one' });
    const text = await api.sendMessage(chat, 'two');
    expect(await refusal(api.editMessageText(chat, photo.message_id, 'x'))).toBe('Bad Request: there is no text in the message to edit');
    expect(await refusal(api.editMessageCaption(chat, text.message_id, { caption: 'x' }))).toBe('Bad Request: there is no caption in the message to edit');
    await api.editMessageCaption(chat, photo.message_id, { caption: 'one, updated' });
    expect(await refusal(api.editMessageCaption(chat, photo.message_id, { caption: 'one, updated' }))).toMatch(/message is not modified/);
  });
});
