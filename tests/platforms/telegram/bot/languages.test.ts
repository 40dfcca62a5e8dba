import { afterEach, describe, expect, it } from 'vitest';
import { commandList } from '../../../../commands/index.js';
import { translator } from '../../../../src/i18n/translator.js';
import { story } from '../../../support/command-doubles.js';
import { aigerim, bolat, NOW, startHarness, telegramChat, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const kazakhUser = { ...aigerim, language_code: 'kk' };
const russianUser = { ...bolat, language_code: 'ru' };

describe('Telegram bot: languages', () => {
  it('sets a command menu for each language Telegram may report, and the default in English, with the same names', async () => {
    h = await startHarness();
    const lists = h.tg.commandLists();
    const menu = (language: string) => lists.get(JSON.stringify(['default', language]));
    const names = commandList.map((c) => c.name);
    for (const language of ['', 'en', 'ru', 'kk']) expect(menu(language)?.map((c) => c.command), language).toEqual(names);
    const describe = (language: string, command: string) => menu(language)?.find((c) => c.command === command)?.description;
    expect(describe('', 'who')).toBe('Who is this? Profile of an actor, related actors and their latest headlines');
    expect(describe('ru', 'who')).toBe(translator('ru').t('who.description'));
    expect(describe('kk', 'who')).toBe('Бұл кім? Тұлғаның профилі, онымен байланысты тұлғалар және соңғы жаңалықтары');
    expect(describe('kk', 'language')).toContain('Жеке чатта арнаны басқару үшін алдымен @арнаны жазыңыз.');
  });

  it('answers a Kazakh-language user in Kazakh in a private chat: text, dates and buttons', async () => {
    const stories = Array.from({ length: 12 }, (_, i) => story(new Date(NOW.getTime() - (i + 1) * 3_600_000).toISOString(), `Tokayev story ${i + 1}`));
    h = await startHarness({ stories });
    const dm = h.tg.addChat({ type: 'private', user: kazakhUser });
    const reply = await h.ask(dm, kazakhUser, '/timeline Тоқаев');
    expect(reply.text.split('\n')[0]).toBe('«Қасым-Жомарт Тоқаев» туралы хроника, соңғы 7 күн');
    expect(reply.text).toContain('12 жаңалық, ескісінен бастап.');
    expect(reply.text).toMatch(/2022 ж\. 10 қаңтар, дүйсенбі/);
    expect(reply.text).toContain('2 беттің 1-беті');
    const buttons = (reply.replyMarkup as { inline_keyboard?: Array<Array<{ text: string }>> } | undefined)?.inline_keyboard?.flat().map((b) => b.text);
    expect(buttons).toEqual(['Келесі »']);
    const help = await h.ask(dm, kazakhUser, '/help');
    expect(help.text).toContain('Kazwire командалары');
    expect(help.text).toContain('Арналар');
  });

  it('answers a group in English while it has chosen no language, whatever the app language of who asks', async () => {
    h = await startHarness();
    const group = h.tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    h.tg.setMember(group, kazakhUser, 'member');
    expect((await h.ask(group, kazakhUser, '/subscriptions')).text).toBe('This channel has no subscriptions. Use /subscribe to start one.');
  });

  it('lets a group administrator choose Kazakh with /language, stored in Redis, and the group is answered in it', async () => {
    h = await startHarness();
    const group = h.tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    h.tg.setMember(group, russianUser, 'administrator');
    h.tg.setMember(group, kazakhUser, 'member');
    const set = await h.ask(group, russianUser, '/language kk');
    expect(set.text).toBe('Енді бұл чатта қазақша жауап беремін және жаңалықтарды қазақша жариялаймын.');
    expect(await h.redis.redis.get(h.redis.keys.chatLanguage('telegram', String(group)))).toBe('kk');
    expect((await h.ask(group, kazakhUser, '/subscriptions')).text).toBe('Бұл арнада жазылым жоқ. Алғашқысын /subscribe арқылы бастаңыз.');
    expect((await h.ask(group, kazakhUser, '/language')).text).toContain('/language командасын қолдану үшін');
    const shown = await h.ask(group, russianUser, '/language');
    expect(shown.text).toContain('Бұл чаттың тілі: Қазақша.');
  });

  it('refuses /language to a plain member of a group and keeps the language as it was', async () => {
    h = await startHarness();
    const group = h.tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    h.tg.setMember(group, kazakhUser, 'member');
    const reply = await h.ask(group, kazakhUser, '/language kk');
    expect(reply.text).toBe('You need permission to manage this channel to use /language.');
    expect(await h.services.languages.get(telegramChat(group))).toBeUndefined();
  });

  it('sets a channel’s language from a private chat, for an administrator of both', async () => {
    h = await startHarness();
    const channel = h.tg.addChat({ type: 'channel', title: 'Steppe Wire', username: 'steppewire' });
    h.tg.setMember(channel, russianUser, 'administrator');
    const dm = h.tg.addChat({ type: 'private', user: russianUser });
    const reply = await h.ask(dm, russianUser, '/language @steppewire ru');
    expect(reply.text).toContain('Теперь в этом чате я отвечаю и публикую новости на русском.');
    expect(await h.services.languages.get(telegramChat(channel))).toBe('ru');
  });
});
