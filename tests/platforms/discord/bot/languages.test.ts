import { afterEach, describe, expect, it } from 'vitest';
import { botHarness, recentStories, text, type BotHarness } from './harness.js';

let h: BotHarness;
afterEach(() => h.close());

type Embed = { title?: string; description?: string; fields?: Array<{ name: string; value: string }>; footer?: { text: string } };
type Button = { label?: string };
const embedsOf = (r: { embeds?: unknown[] }) => (r.embeds ?? []) as Embed[];
const allText = (embeds: Embed[]) =>
  embeds.map((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text].join('\n')).join('\n');
const buttonsOf = (r: { components?: unknown[] }) =>
  ((r.components ?? []) as Array<{ components?: Button[] }>).flatMap((row) => row.components ?? []).map((b) => b.label);

describe('Discord replies in the reader’s language', () => {
  it('answers a Russian-locale interaction in Russian: text, dates, page line and buttons', async () => {
    h = await botHarness({ stories: recentStories(12) });
    await h.startBot();
    const first = await h.discord.dispatchInteraction({ channelId: h.channel.id, commandName: 'timeline', options: [text('query', 'Токаев')], locale: 'ru' })
      .firstResponse;
    const said = allText(embedsOf(first));
    expect(embedsOf(first)[0]?.title).toBe('Хроника по теме «Касым-Жомарт Токаев» за последние 7 дней');
    expect(said).toContain('12 новостей, от старых к новым.');
    expect(said).toContain('Страница 1 из 2');
    expect(said).toMatch(/\b\d{1,2} (января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4}/);
    expect(buttonsOf(first)).toEqual(['« Назад', 'Дальше »']);
  });

  it('falls back to the server’s language, then English, when Kazwire does not speak the user’s locale', async () => {
    h = await botHarness();
    await h.startBot();
    const german = await h.discord.dispatchInteraction({ channelId: h.channel.id, commandName: 'feeds', locale: 'de' }).firstResponse;
    expect(allText(embedsOf(german))).toContain('No feeds yet.');
    const russianServer = await h.discord.dispatchInteraction({ channelId: h.channel.id, commandName: 'feeds', locale: 'de', guildLocale: 'ru' }).firstResponse;
    expect(allText(embedsOf(russianServer))).toContain('Лент пока нет.');
  });

  it('refuses a member in their language, privately', async () => {
    h = await botHarness();
    await h.startBot();
    const first = await h.discord.dispatchInteraction({ channelId: h.channel.id, commandName: 'subscribe', userId: h.member.id, locale: 'ru' }).firstResponse;
    expect(first).toMatchObject({ ephemeral: true });
    expect(allText(embedsOf(first))).toContain('Чтобы использовать /subscribe, нужно право управлять этим каналом.');
  });

  it('lets a manager choose Kazakh for the channel, which then wins over every member’s locale', async () => {
    h = await botHarness();
    await h.startBot();
    const set = await h.discord.dispatchInteraction({ channelId: h.channel.id, commandName: 'language', options: [text('language', 'kk')] }).firstResponse;
    expect(allText(embedsOf(set))).toContain('Енді бұл чатта қазақша жауап беремін және жаңалықтарды қазақша жариялаймын.');
    const reply = await h.discord.dispatchInteraction({ channelId: h.channel.id, commandName: 'subscribe', options: [text('topic', 'tokayev')], locale: 'ru' })
      .firstResponse;
    expect(embedsOf(reply)[0]?.title).toBe('Жазылым рәсімделді');
    expect(allText(embedsOf(reply))).toContain('Бұл арна Қасым-Жомарт Тоқаев туралы жаңалықтарды жарияланған бойда алады.');
    const refused = await h.discord.dispatchInteraction({ channelId: h.channel.id, commandName: 'language', options: [text('language', 'en')], userId: h.member.id })
      .firstResponse;
    expect(allText(embedsOf(refused))).toContain('/language командасын қолдану үшін осы арнаны басқару құқығы керек.');
  });
});
