import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../src/news/matcher.js';
import { parseTopicPack } from '../../src/news/topic-pack.js';

/** A small pack whose vetoes are easy to read: a city named like a team, a country with a district homonym. */
const pack = parseTopicPack({
  id: 'test', name: 'Test', description: 'Vetoes',
  givenNames: ['Alina', 'Алина'],
  entities: [
    { id: 'city', kind: 'place', name: 'Riverton', names: { en: ['Riverton'], ru: ['Ривертон'], kk: [] },
      vetoes: [
        { reason: 'the cycling team', near: ['peloton', 'Tour de France'], within: 3 },
        { reason: 'the cycling team', partOf: ['Riverton Pro Team'] },
      ] },
    { id: 'land', kind: 'place', name: 'Landia', names: { en: ['Landia', 'Landian'], ru: [], kk: [] },
      vetoes: [{ reason: 'a district abroad', forms: ['Landian'], near: ['district'], within: 1 }] },
    { id: 'boss', kind: 'person', name: 'Karim Bossov', names: { en: ['Karim Bossov', 'Bossov'], ru: ['Карим Боссов', 'Боссов'], kk: [] } },
  ],
});
const matcher = compileMatcher(pack);
const ids = (title: string, text = '') => matcher.match(title, text).entities.map((e) => e.entityId);

describe('a veto by near words', () => {
  it('takes away a mention with a near word within the window, on either side', () => {
    expect(ids('Riverton leads the peloton')).toEqual([]);
    expect(ids('peloton chases Riverton')).toEqual([]);
    expect(ids('Riverton leads after a long day in the peloton')).toEqual(['city']);
  });

  it('counts words across the title into the text', () => {
    expect(ids('News from Riverton', 'Tour de France resumes today.')).toEqual([]);
    expect(ids('News from Riverton', 'Markets were calm as the Tour de France resumed.')).toEqual(['city']);
  });

  it('counts the entity where it is mentioned elsewhere, reported there', () => {
    expect(matcher.match('Riverton in the peloton', 'Later, rain fell on Riverton and its bridges.').entities).toEqual([
      { entityId: 'city', matched: 'Riverton', field: 'text' },
    ]);
  });

  it('applies only to the forms it names', () => {
    expect(ids('Landian district floods')).toEqual([]);
    expect(ids('Landia district floods')).toEqual(['land']);
  });
});

describe('a veto by a longer name', () => {
  it('takes away a mention inside the longer name, in any case and inflection', () => {
    expect(ids('Riverton Pro Team signs a sprinter')).toEqual([]);
    expect(ids('RIVERTON PRO TEAMS merge')).toEqual([]);
    expect(ids('Riverton professionals')).toEqual(['city']);
    expect(ids('Riverton pro shop opens')).toEqual(['city']);
  });
});

describe('a surname after a given name', () => {
  it("is someone else's after another given name, and the person's own after theirs", () => {
    expect(ids('Alina Bossov wins')).toEqual([]);
    expect(ids('Алина Боссова выиграла')).toEqual([]);
    expect(ids('Karim Bossov wins')).toEqual(['boss']);
    expect(ids('Карима Боссова осудили')).toEqual(['boss']);
    expect(ids('Bossov wins')).toEqual(['boss']);
  });

  it('needs the given name capitalised and right before the surname', () => {
    expect(ids('alina Bossov')).toEqual(['boss']);
    expect(ids('Alina, Bossov said')).toEqual(['boss']);
  });

  it('says why a mention did not count', () => {
    expect(matcher.match('Alina Bossov wins', '').vetoed).toEqual([{ entityId: 'boss', matched: 'Bossov', field: 'title', reason: 'another person of this surname' }]);
  });
});
