import { Api, GrammyError } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from './server.js';

let tg: FakeTelegram;
let api: Api;
beforeEach(async () => {
  tg = await startFakeTelegram();
  api = new Api(tg.token, { apiRoot: tg.apiRoot });
});
afterEach(() => tg.close());

const opml = '<?xml version="1.0"?><opml version="2.0"><body><outline xmlUrl="https://tengrinews.kz/news.rss"/></body></opml>';

describe('fake Telegram: documents and files', () => {
  it('delivers a document with its caption and caption entities, as a message without text', async () => {
    const chat = tg.addChat({ type: 'private', user: { id: 9 } });
    tg.sendUserDocument({ chatId: chat, from: { id: 9 }, caption: '/feeds import', fileName: 'list.opml', content: opml, mimeType: 'text/x-opml' });
    const [update] = await api.getUpdates({ timeout: 0 });
    const message = update?.message;
    expect(message?.text).toBeUndefined();
    expect(message?.caption).toBe('/feeds import');
    expect(message?.caption_entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    expect(message?.document).toMatchObject({ file_name: 'list.opml', mime_type: 'text/x-opml', file_size: opml.length });
  });

  it('gives the file a path with getFile and serves it under the bot token only', async () => {
    const chat = tg.addChat({ type: 'private', user: { id: 9 } });
    tg.sendUserDocument({ chatId: chat, from: { id: 9 }, fileName: 'list.opml', content: opml });
    const [update] = await api.getUpdates({ timeout: 0 });
    const file = await api.getFile(update!.message!.document!.file_id);
    expect(file.file_size).toBe(opml.length);
    const served = await fetch(`${tg.apiRoot}/file/bot${tg.token}/${file.file_path}`);
    expect(served.status).toBe(200);
    expect(await served.text()).toBe(opml);
    expect((await fetch(`${tg.apiRoot}/file/bot1:wrong/${file.file_path}`)).status).toBe(404);
    expect(tg.fileDownloads).toBe(1);
  });

  it('refuses an unknown file_id and a file over the 20 MB bots may download', async () => {
    const unknown = await api.getFile('BQACAgIAAxkBAAnope').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(GrammyError);
    expect((unknown as GrammyError).description).toBe('Bad Request: invalid file_id');
    const chat = tg.addChat({ type: 'private', user: { id: 9 } });
    tg.sendUserDocument({ chatId: chat, from: { id: 9 }, fileName: 'huge.opml', content: Buffer.alloc(20 * 1024 * 1024 + 1) });
    const [update] = await api.getUpdates({ timeout: 0 });
    const tooBig = await api.getFile(update!.message!.document!.file_id).catch((e: unknown) => e);
    expect((tooBig as GrammyError).description).toBe('Bad Request: file is too big');
  });
});
