import { describe, expect, it } from 'vitest';
import { storyLanguage } from '../../src/news/story-language.js';

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
