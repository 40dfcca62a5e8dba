import { describe, expect, it } from 'vitest';
import { who } from '../../commands/index.js';
import { runCommand } from '../../src/commands/dispatch.js';
import { renderReplyText } from '../../src/commands/render-text.js';
import type { ActorProfile } from '../../src/commands/services.js';
import { archiveOf, channel, makeServices, member, profileDirectory, story } from '../support/command-doubles.js';

const now = () => new Date('2022-01-08T12:00:00Z');

const tokayev: ActorProfile = {
  id: 'tokayev',
  name: 'Kassym-Jomart Tokayev',
  native: { kk: 'Қасым-Жомарт Тоқаев', ru: 'Касым-Жомарт Токаев' },
  role: 'President of Kazakhstan',
  biography: 'Diplomat and former prime minister; president since 2019.',
  keyDates: [
    { date: '2019-03-20', event: 'Became president' },
    { date: '2022-01-05', event: 'Took over the Security Council' },
  ],
  related: ['nazarbayev'],
};

const stories = [
  story('2022-01-07T10:00:00Z', 'Tokayev addresses the nation', ['tokayev'], ['Tengrinews', 'Reuters']),
  story('2022-01-06T03:00:00Z', 'CSTO troops arrive', ['csto', 'tokayev']),
  story('2022-01-05T20:30:00Z', 'Tokayev dismisses the government', ['tokayev']),
  story('2022-01-02T09:00:00Z', 'New year address', ['tokayev']),
  story('2021-12-20T09:00:00Z', 'Year-end summit', ['tokayev']),
];

function services() {
  return makeServices({
    profiles: profileDirectory([tokayev]),
    archive: archiveOf(stories, { coMentions: async () => [{ entityId: 'csto', count: 4 }, { entityId: 'nazarbayev', count: 2 }] }),
  });
}

async function whois(args: Record<string, unknown> | string[], s = services()) {
  const reply = await runCommand(who, args, member, channel, s, { now });
  return { reply: reply!, text: renderReplyText(reply!) };
}

describe('/who', () => {
  it('shows the profile: names, role, biography with key dates, related actors, mentions and latest headlines', async () => {
    const { reply, text } = await whois({ name: 'tokayev' });
    expect(reply.title).toBe('Kassym-Jomart Tokayev');
    expect(reply.private).toBeFalsy();
    expect(text).toContain('Native spelling: Қасым-Жомарт Тоқаев / Касым-Жомарт Токаев');
    expect(text).toContain('Role: President of Kazakhstan');
    expect(text).toContain('Diplomat and former prime minister; president since 2019.');
    expect(text).toContain('2019-03-20: Became president');
    // Curated relations first, then co-mentions from the archive, without repeats.
    expect(text).toContain('Related: Nursultan Nazarbayev, CSTO');
    expect(text).toContain('Mentions: 4 in the last 7 days, 5 in the last 30 days');
    const headlines = reply.blocks.flatMap((b) => (b.kind === 'links' ? b.items.map((i) => i.label) : []));
    expect(headlines).toEqual(['Tokayev addresses the nation', 'CSTO troops arrive', 'Tokayev dismisses the government']);
    expect(text).toContain('2022-01-07 10:00 UTC · 16:00 Almaty · 2 outlets');
  });

  it('finds the actor from Cyrillic and Kazakh spellings and from several words', async () => {
    expect((await whois({ name: 'Токаев' })).reply.title).toBe('Kassym-Jomart Tokayev');
    expect((await whois({ name: 'Тоқаев' })).reply.title).toBe('Kassym-Jomart Tokayev');
    expect((await whois(['Kassym-Jomart', 'Tokayev'])).reply.title).toBe('Kassym-Jomart Tokayev');
  });

  it('answers a typo with suggestions, privately', async () => {
    const { reply, text } = await whois({ name: 'Tokayeb' });
    expect(reply.private).toBe(true);
    expect(text).toContain('No actor named "Tokayeb". Did you mean: Kassym-Jomart Tokayev?');
  });

  it('answers an unknown name without suggestions plainly', async () => {
    const { text } = await whois({ name: 'Gandalf' });
    expect(text.trim()).toBe('No actor named "Gandalf".');
  });

  it('still answers from the archive for an actor without a profile', async () => {
    const { reply, text } = await whois({ name: 'Smailov' });
    expect(reply.title).toBe('Alikhan Smailov');
    expect(text).toContain('No profile on file for Alikhan Smailov yet');
    expect(text).toContain('Mentions: 0 in the last 7 days, 0 in the last 30 days');
  });
});

describe('/who in the reader’s language', () => {
  const translated: ActorProfile = {
    ...tokayev,
    translations: {
      kk: { role: 'Қазақстан Президенті', biography: 'Дипломат, бұрынғы премьер-министр; 2019 жылдан бері президент.' },
      ru: { role: 'Президент Казахстана', keyDates: [{ date: '20 марта 2019', event: 'становится президентом' }] },
    },
  };
  const kazakhReader = { ...member, languageHints: ['kk'] };
  const russianReader = { ...member, languageHints: ['ru-RU'] };

  it('shows the profile in Kazakh where the file has it, names of actors in Kazakh, and English for what it lacks', async () => {
    const s = makeServices({ profiles: profileDirectory([translated]), archive: archiveOf(stories) });
    const reply = (await runCommand(who, { name: 'Тоқаев' }, kazakhReader, channel, s, { now }))!;
    const text = renderReplyText(reply);
    expect(reply.title).toBe('Қасым-Жомарт Тоқаев');
    expect(text).toContain('Дипломат, бұрынғы премьер-министр; 2019 жылдан бері президент.');
    expect(text).toContain('Лауазымы: Қазақстан Президенті');
    expect(text).toContain('Байланысты: Нұрсұлтан Назарбаев');
    expect(text).toContain('Аталу саны: соңғы 7 күнде 4, соңғы 30 күнде 5');
    expect(text).toContain('2019-03-20: Became president');
    expect(text).toContain('── Соңғы жаңалықтар ──');
  });

  it('shows Russian key dates and role from the file, and the English biography it lacks', async () => {
    const s = makeServices({ profiles: profileDirectory([translated]), archive: archiveOf(stories) });
    const text = renderReplyText((await runCommand(who, { name: 'tokayev' }, russianReader, channel, s, { now }))!);
    expect(text).toContain('Должность: Президент Казахстана');
    expect(text).toContain('20 марта 2019: становится президентом');
    expect(text).toContain('Diplomat and former prime minister; president since 2019.');
  });

  it('says the archive is empty instead of counting no mentions', async () => {
    const s = makeServices({ profiles: profileDirectory([tokayev]) });
    const text = renderReplyText((await runCommand(who, { name: 'tokayev' }, member, channel, s, { now }))!);
    expect(text).toContain('Mentions: none yet: the archive is still empty');
    expect(text).not.toContain('0 in the last 7 days');
  });
});
