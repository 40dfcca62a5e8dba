import { describe, expect, it } from 'vitest';
import { crossLanguageKeys, storyLanguage } from '../../src/news/story-language.js';
import { storyFeatures } from '../../src/news/story-features.js';

describe('story language', () => {
  it('reads Latin-script text as English', () => {
    expect(storyLanguage('CSTO to send 2,500 troops to Kazakhstan', '')).toBe('en');
  });

  it('reads Cyrillic text without Kazakh words as Russian', () => {
    expect(storyLanguage('ОДКБ направит в Казахстан около 2500 миротворцев', 'Об этом объявил Никол Пашинян.')).toBe('ru');
  });

  it('reads Cyrillic text whose ordinary words have Kazakh letters as Kazakh', () => {
    expect(storyLanguage('Тоқаев үкіметтің отставкасын қабылдады', '')).toBe('kk');
    expect(storyLanguage('Мемлекет басшысы Астанада кеңес өткізді', '')).toBe('kk');
  });

  it('keeps a Russian title Russian when it spells a name the Kazakh way', () => {
    expect(storyLanguage('Қасым-Жомарт Тоқаев принял отставку правительства', '')).toBe('ru');
  });

  it('decides by the majority script when a Russian text quotes English', () => {
    expect(storyLanguage('Токаев обратился к ОДКБ (CSTO) за помощью', '')).toBe('ru');
  });
});

describe('cross-language index keys', () => {
  it('pairs each major number with each entity', () => {
    const features = storyFeatures({ title: 'CSTO to send 2,500 troops, 40 vehicles', text: '', entities: ['csto', 'kazakhstan'] });
    expect(crossLanguageKeys(features).sort()).toEqual(['n2500@csto', 'n2500@kazakhstan', 'n40@csto', 'n40@kazakhstan']);
  });

  it('indexes neither days of the month nor years', () => {
    const features = storyFeatures({ title: 'Tokayev speaks on 7 January 2022', text: '', entities: ['tokayev'] });
    expect(crossLanguageKeys(features)).toEqual([]);
  });

  it('gives an English and a Russian report of the same figure a common key', () => {
    const en = crossLanguageKeys(storyFeatures({ title: 'CSTO to send 2,500 troops', text: '', entities: ['csto'] }));
    const ru = crossLanguageKeys(storyFeatures({ title: 'ОДКБ направит 2 500 военных', text: '', entities: ['csto'] }));
    expect(en).toEqual(['n2500@csto']);
    expect(ru).toEqual(en);
  });

  it('caps the keys of an item full of numbers and names', () => {
    const title = Array.from({ length: 10 }, (_, i) => `${100 + i} units`).join(' and ');
    const entities = Array.from({ length: 10 }, (_, i) => `e${i}`);
    const keys = crossLanguageKeys(storyFeatures({ title, text: '', entities }));
    expect(keys).toHaveLength(24);
    expect(keys[0]).toBe('n100@e0');
  });
});
