import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileConcepts, loadConceptVocabulary } from '../../src/news/story-concepts.js';
import { foldWord, stemWord } from '../../src/news/story-stemming.js';
import { loadTopicPack } from '../../src/news/topic-pack.js';

const pack = loadTopicPack();
const concepts = compileConcepts(pack.conceptVocabulary);
const found = (text: string, lang: 'en' | 'ru' | 'kk' = 'en') => {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(foldWord);
  return [...new Set(concepts.find(words, lang === 'kk' ? words.map((w) => stemWord(w, lang)) : undefined).map((c) => c.conceptId))].sort();
};

describe('event vocabulary', () => {
  it('is loaded with the bundled pack from its concepts file', () => {
    expect(pack.concepts).toBe('concepts.json');
    expect(pack.conceptVocabulary?.concepts.length).toBeGreaterThan(50);
  });

  it('gives the English, Russian and Kazakh words of one event the same concepts', () => {
    expect(found('Kazakh government resigns')).toEqual(['government', 'resign']);
    expect(found('Правительство ушло в отставку', 'ru')).toEqual(['government', 'resign']);
    expect(found('Үкімет отставкаға кетті', 'kk')).toEqual(['government', 'resign']);
  });

  it('tells a storm warning from a storming, and a pensioner from pensions', () => {
    expect(found('Storm warning issued for Karaganda region')).toEqual(['storm', 'weather-warning']);
    expect(found('Штормовое предупреждение: метель и ветер', 'ru')).toEqual(['storm', 'weather-warning']);
    expect(found('Storm warning issued for Karaganda region')).not.toContain('seize');
    expect(found('Protesters stormed the city hall')).toContain('seize');
    expect(found('Nazarbayev says he is a pensioner')).toEqual(['pensioner']);
    expect(found('Пенсионер получил пенсию', 'ru')).toEqual(['pensioner', 'salary-pension']);
  });

  it('gives snow and its clearing the same concept in three languages', () => {
    expect(found('Almaty deploys 700 snowploughs after overnight snowfall')).toContain('snow');
    expect(found('Акимат вывел снегоуборочную технику', 'ru')).toContain('snow');
    expect(found('Алматыда қалың қар жауды', 'kk')).toContain('snow');
  });

  it('gives an emergency landing the same concept in three languages', () => {
    expect(found('Plane makes emergency landing in Aktobe')).toContain('emergency-landing');
    expect(found('Самолет экстренно сел в Актобе', 'ru')).toContain('emergency-landing');
    expect(found('Ұшақ Ақтөбеге шұғыл қонды', 'kk')).toContain('emergency-landing');
  });

  it('matches inflected forms by their beginning and short words only whole', () => {
    expect(found('Аэропорт Алматы захвачен, рейсы отменены', 'ru')).toContain('airport');
    expect(found('fire broke out')).toContain('blaze');
    expect(found('the president fired his security chief')).not.toContain('blaze');
  });

  it('matches a phrase word by word', () => {
    expect(found('ordered forces to fire without warning')).toEqual(expect.arrayContaining(['shoot', 'without-warning']));
    expect(found('открывать огонь без предупреждения', 'ru')).toEqual(expect.arrayContaining(['shoot', 'without-warning']));
  });

  it('meets a short Kazakh word through its stem', () => {
    expect(found('аяздың салдарынан', 'kk')).toContain('frost');
  });

  it('refuses a vocabulary with a duplicate id or a concept without words, naming the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kw-concepts-'));
    const file = path.join(dir, 'concepts.json');
    writeFileSync(file, JSON.stringify({ concepts: [{ id: 'troops', en: ['troop'] }, { id: 'troops', ru: ['войск'] }, { id: 'empty' }] }));
    expect(() => loadConceptVocabulary(file)).toThrow(/concepts\.json[\s\S]*duplicate concept id troops[\s\S]*concept empty has no words/);
  });

  it('says which file it could not read', () => {
    expect(() => loadConceptVocabulary('/nonexistent/concepts.json')).toThrow(/cannot read concept vocabulary \/nonexistent\/concepts\.json/);
  });
});
