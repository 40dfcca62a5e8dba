import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/feeds/parse/parse-feed.js';
import { checkedImageUrl } from '../../../src/feeds/image-address.js';
import { publicAddressesOnly } from '../../../src/feeds/fetch/index.js';
import { createDiscordSender } from '../../../src/platforms/discord/sender.js';
import { createTelegramSender } from '../../../src/platforms/telegram/sender.js';
import { createEntityNames } from '../../../src/app/entity-names.js';
import { loadTopicPack } from '../../../src/news/topic-pack.js';
import type { Destination, OutgoingMessage, Presentation } from '../../../src/delivery/core/types.js';
import type { Story } from '../../../src/news/types.js';
import type { Language } from '../../../src/i18n/languages.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/server.js';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram/server.js';
import { pictureFeeds } from './feed-forms.js';

const labels = createEntityNames(loadTopicPack());
let discord: FakeDiscord;
let tg: FakeTelegram;
let channelId: string;
let chat: number;
beforeEach(async () => {
  discord = await startFakeDiscord();
  channelId = discord.addChannel({ guildId: discord.addGuild().id }).id;
  tg = await startFakeTelegram();
  chat = tg.addChat({ type: 'supergroup', title: 'Newsroom' });
});
afterEach(async () => {
  await discord.close();
  await tg.close();
});

const onDiscord = (): Destination => ({ platform: 'discord', chatId: channelId });
const onTelegram = (): Destination => ({ platform: 'telegram', chatId: String(chat) });
const discordSender = () => createDiscordSender({ token: discord.token, apiUrl: discord.apiUrl, requestTimeoutMs: 2000, labels });
const telegramSender = () => createTelegramSender({ token: tg.token, apiRoot: tg.apiRoot, requestTimeoutMs: 2000, labels });

/** The story the first item of a feed starts, as the poller and the news stage build it. */
async function storyFrom(xml: string, feedUrl: string, fields: Partial<Story> = {}): Promise<Story> {
  const [entry] = (await parseFeed(xml, { baseUrl: feedUrl })).entries;
  if (!entry) throw new Error('no entry');
  const image = checkedImageUrl(entry.image, publicAddressesOnly);
  return {
    id: `s-${entry.guid ?? entry.link}`,
    title: entry.title,
    ...(entry.link ? { link: entry.link } : {}),
    ...(image ? { image } : {}),
    source: new URL(feedUrl).hostname,
    summary: entry.summary ?? '',
    publishedAt: entry.publishedAt ?? '2022-01-05T00:00:00Z',
    entities: ['tokayev', 'almaty', 'csto'],
    score: 3,
    alsoReportedBy: [],
    itemIds: ['i1'],
    ...fields,
  };
}
const alert = (story: Story, presentation?: Presentation, language?: Language): OutgoingMessage => ({
  kind: 'alert',
  stories: [story],
  ...(presentation ? { presentation } : {}),
  ...(language ? { language } : {}),
});

describe.each(pictureFeeds)('a picture given as $form', ({ xml, feedUrl, expected }) => {
  it('reaches Discord as the embed’s thumbnail', async () => {
    const story = await storyFrom(xml, feedUrl);
    expect(story.image).toBe(expected);
    await discordSender().send(onDiscord(), alert(story), 'k1');
    const [posted] = discord.messages(channelId);
    expect((posted?.embeds[0] as { thumbnail?: { url: string } }).thumbnail).toEqual({ url: expected });
  });

  it('reaches Telegram as sendPhoto, the alert its caption within 1024 characters, HTML escaped', async () => {
    const story = await storyFrom(xml, feedUrl);
    const ref = await telegramSender().send(onTelegram(), alert(story), 'k1');
    const [posted] = tg.botReplies(chat);
    expect(posted?.photo).toBe(expected);
    expect(ref.messageIds).toEqual([`photo:${posted?.messageId}`]);
    expect(posted?.text.length).toBeLessThanOrEqual(1024);
    expect(posted?.text.split('\n')[0]).toBe(story.title);
    expect(posted?.parseMode).toBe('HTML');
    expect(posted?.entities.find((e) => e.type === 'text_link')?.url).toBe(story.link);
  });
});

describe('pictures on Telegram', () => {
  const [withPicture] = pictureFeeds;
  const base = () => storyFrom(withPicture!.xml, withPicture!.feedUrl, { title: 'Protesters <storm> the akimat & police withdraw' });

  it('escapes feed text in the caption, so it reads as written', async () => {
    await telegramSender().send(onTelegram(), alert(await base()), 'k1');
    const [posted] = tg.botReplies(chat);
    expect(posted?.sentText).toContain('Protesters &lt;storm&gt; the akimat &amp; police withdraw');
    expect(posted?.text.split('\n')[0]).toBe('Protesters <storm> the akimat & police withdraw');
  });

  it('sends a text with the article’s link preview when the alert does not fit a caption', async () => {
    const story = { ...(await base()), summary: 'A long account of the day. '.repeat(60) };
    await telegramSender().send(onTelegram(), alert(story), 'k1');
    const [posted] = tg.botReplies(chat);
    expect(posted?.photo).toBeUndefined();
    expect(posted?.text.length).toBeGreaterThan(1024);
    expect(posted?.linkPreviewDisabled).toBe(false);
    expect(posted?.linkPreviewUrl).toBe(story.link);
  });

  it('falls back to text with the link preview when Telegram cannot fetch the picture', async () => {
    const story = { ...(await base()), image: 'https://cdn.unreachable.invalid/a.jpg' };
    const ref = await telegramSender().send(onTelegram(), alert(story), 'k1');
    const [posted] = tg.botReplies(chat);
    expect(posted?.photo).toBeUndefined();
    expect(ref.messageIds).toEqual([String(posted?.messageId)]);
    expect(posted?.linkPreviewUrl).toBe(story.link);
  });

  it('shows no picture nor preview when the subscription turned previews off, and a preview when it asked', async () => {
    const story = await base();
    await telegramSender().send(onTelegram(), alert(story, { preview: false }), 'k1');
    const noPicture = await storyFrom(pictureFeeds[1]!.xml, pictureFeeds[1]!.feedUrl, { image: undefined });
    delete noPicture.image;
    await telegramSender().send(onTelegram(), alert(noPicture), 'k2');
    await telegramSender().send(onTelegram(), alert(noPicture, { preview: true }), 'k3');
    const [off, plain, asked] = tg.botReplies(chat);
    expect(off?.photo).toBeUndefined();
    expect(off?.linkPreviewDisabled).toBe(true);
    expect(plain?.linkPreviewDisabled).toBe(true);
    expect(asked?.linkPreviewDisabled).toBe(false);
    expect(asked?.linkPreviewUrl).toBe(noPicture.link);
  });

  it('edits a photo alert’s caption when more outlets report the story', async () => {
    const sender = telegramSender();
    const story = await base();
    const ref = await sender.send(onTelegram(), alert(story), 'k1');
    await sender.edit(onTelegram(), ref, alert({ ...story, alsoReportedBy: [{ source: 'Tengrinews', title: 't', link: 'https://tengrinews.kz/a' }] }));
    const [posted] = tg.botReplies(chat);
    expect(posted?.photo).toBeDefined();
    expect(posted?.text).toContain('also reported by Tengrinews');
    expect(posted?.text.length).toBeLessThanOrEqual(1024);
  });

  it('names actors and places in the reader’s language, places on their own line', async () => {
    await telegramSender().send(onTelegram(), alert(await base(), {}, 'ru'), 'k1');
    const [posted] = tg.botReplies(chat);
    expect(posted?.text).toContain('Упомянуты: Касым-Жомарт Токаев, Организация Договора о коллективной безопасности (ОДКБ)\nМеста: Алматы');
  });
});

describe('pictures and names on Discord', () => {
  it('shows actors and places by name in their own fields, and no picture when previews are off', async () => {
    const story = await storyFrom(pictureFeeds[0]!.xml, pictureFeeds[0]!.feedUrl);
    await discordSender().send(onDiscord(), alert(story, { preview: false }, 'kk'), 'k1');
    const [posted] = discord.messages(channelId);
    const embed = posted?.embeds[0] as { thumbnail?: unknown; fields: Array<{ name: string; value: string }> };
    expect(embed.thumbnail).toBeUndefined();
    expect(embed.fields.map((f) => [f.name, f.value])).toEqual([
      ['Аталғандар', 'Қасым-Жомарт Тоқаев, Ұжымдық қауіпсіздік туралы шарт ұйымы (ҰҚШҰ)'],
      ['Орындар', 'Алматы'],
    ]);
  });

  it('is refused by the fake as by Discord when a thumbnail is not an http(s) URL', async () => {
    const story = await storyFrom(pictureFeeds[0]!.xml, pictureFeeds[0]!.feedUrl);
    const res = await fetch(`${discord.apiUrl}/v10/channels/${channelId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${discord.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ embeds: [{ title: story.title, thumbnail: { url: 'ftp://cdn.kz/a.jpg' } }] }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('URL_TYPE_INVALID_SCHEME');
  });
});
