import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../src/news/matcher.js';
import { loadTopicPack } from '../../src/news/topic-pack.js';

const matcher = compileMatcher(loadTopicPack());
const ids = (title: string, text = '') => matcher.match(title, text).entities.map((e) => e.entityId).sort();

describe('entity matcher', () => {
  it('finds English names, with possessives and typographic apostrophes', () => {
    expect(ids("Tokayev's decree")).toEqual(['tokayev']);
    expect(ids('Tokayev’s decree')).toEqual(['tokayev']);
    expect(ids('', 'Kassym-Jomart Tokayev spoke to Nursultan Nazarbayev')).toEqual(['nazarbayev', 'tokayev']);
    expect(ids('Kazakhstanis queue for fuel')).toEqual(['kazakhstan']);
  });

  it('finds Russian names in their declined forms', () => {
    for (const form of ['Токаев', 'Токаева', 'Токаеву', 'Токаевым', 'Токаеве']) expect(ids(form), form).toEqual(['tokayev']);
    expect(ids('Встреча с Назарбаевым')).toEqual(['nazarbayev']);
    expect(ids('Протесты в Казахстане')).toEqual(['kazakhstan']);
    expect(ids('В Астане и Алматы')).toEqual(['almaty', 'astana']);
    expect(ids('Решение Организации Договора о коллективной безопасности')).toEqual(['csto']);
  });

  it('finds Kazakh names with Kazakh letters and endings', () => {
    expect(ids('Тоқаевтың жарлығы')).toEqual(['tokayev']);
    expect(ids('Тоқаевқа хат')).toEqual(['tokayev']);
    expect(ids('Қазақстанда төтенше жағдай')).toEqual(['kazakhstan']);
    expect(ids('Жаңаөзенде наразылық')).toEqual(['zhanaozen']);
  });

  it('reads ё as е and ignores case', () => {
    expect(ids('ТОКАЕВ')).toEqual(['tokayev']);
    expect(ids('tokayev')).toEqual(['tokayev']);
    expect(ids('Сердюкове', '')).toEqual(['serdyukov']);
  });

  it('matches acronyms exactly and only in capitals', () => {
    expect(ids('ОДКБ направит войска')).toEqual(['csto']);
    expect(ids('CSTO troops', 'the KNB and ҰҚК')).toEqual(['csto', 'knb']);
    expect(ids('knobs and knb', 'Csto')).toEqual([]);
    expect(ids('KNBX or XKNB')).toEqual([]);
  });

  it('does not match a name inside a longer word', () => {
    expect(ids('Astanaevsky street')).toEqual([]);
    expect(ids('Путинизм')).toEqual(['putin']); // a short ending is an inflection, within bounds
    expect(ids('Путинизмами')).toEqual([]);
    expect(ids('Kazakhstanfest', 'Aktaubank, Almatyx')).toEqual([]);
  });

  it('matches Xi only as Xi Jinping', () => {
    expect(ids('Xi Jinping sends message', 'Си Цзиньпина поддержал')).toEqual(['xi']);
    expect(ids('Xi says', 'taxi xi')).toEqual([]);
  });

  it('keeps a surname that is also a common word to its written capitalisation', () => {
    expect(ids('', 'мамин кот')).toEqual([]);
    expect(ids('', 'Правительство Мамина ушло в отставку')).toEqual(['mamin']);
  });

  it('finds an entity named inside another name too', () => {
    expect(ids('Kazakh Security Council meets')).toEqual(['kazakhstan', 'security-council']);
  });

  it('reports what was written and where', () => {
    const m = matcher.match('Протест', 'Заявление ТОКАЕВА');
    expect(m.entities).toEqual([{ entityId: 'tokayev', matched: 'ТОКАЕВА', field: 'text' }]);
  });
});

describe('relevance', () => {
  it('is relevant for a core entity anywhere', () => {
    expect(matcher.match('Tokayev speaks', '')).toMatchObject({ relevant: true, score: 2 });
    expect(matcher.match('Weather', 'Nazarbayev was absent.')).toMatchObject({ relevant: true, score: 1 });
  });

  it('is not relevant for context entities alone, even several in a title', () => {
    expect(matcher.match('Putin meets Lukashenko', 'Xi Jinping also attended.')).toMatchObject({ relevant: false });
    expect(matcher.match('Putin and Kazakhstan', '').relevant).toBe(true);
  });

  it('needs a place in the title, or two places, to be relevant on places alone', () => {
    expect(matcher.match('Cafe review', 'The chef was born in Almaty.').relevant).toBe(false);
    expect(matcher.match('Almaty airport reopens', '').relevant).toBe(true);
    expect(matcher.match('Flights', 'From Almaty to Shymkent.').relevant).toBe(true);
  });

  it('ignores an unrelated text', () => {
    expect(matcher.match('Stock markets rise', 'The central bank held rates.')).toEqual({ entities: [], score: 0, relevant: false });
  });
});
