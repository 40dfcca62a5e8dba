import { describe, expect, it } from 'vitest';
import { scorePair, timeFactor, type IndexedItem, type TermStats } from '../../src/news/story-similarity.js';
import type { StoryFeatures } from '../../src/news/story-features.js';

const stats: TermStats = { idf: () => 1, boilerplate: () => 1, generation: 0 };
let seq = 0;
function item(feedId: string, language: StoryFeatures['language'], terms: string[], hours = 0, head?: string, titleNames: string[] = []): IndexedItem {
  const features: StoryFeatures = { language, terms: new Map(terms.map((t) => [t, 1])), titleNames, ...(head ? { head } : {}) };
  return { itemId: `i${++seq}`, feedId, publishedAtMs: hours * 3_600_000, features };
}

describe('story similarity', () => {
  it('compares two languages on concepts, entities and counts only', () => {
    const en = item('a', 'en', ['w:en:troop', 'c:troops', 'e:csto', 'n:35']);
    const ru = item('b', 'ru', ['w:ru:войск', 'c:troops', 'e:csto', 'n:35']);
    const pair = scorePair(en, ru, stats, 48);
    expect(pair.crossLanguage).toBe(true);
    expect(pair.words).toBe(0);
    expect(pair.score).toBeGreaterThan(0.5);
  });

  it('scores 0 for a pair that shares names only', () => {
    const a = item('a', 'en', ['e:tokayev', 'e:kazakhstan', 'w:en:farmer']);
    const b = item('b', 'en', ['e:tokayev', 'e:kazakhstan', 'w:en:chess']);
    expect(scorePair(a, b, stats, 48)).toMatchObject({ weak: true, score: 0 });
  });

  it('lets two reports of one outlet in one language join only when nearly identical', () => {
    const a = item('f', 'en', ['w:en:heat', 'w:en:pavlodar', 'c:heating']);
    const b = item('f', 'en', ['w:en:heat', 'w:en:petropavl', 'c:heating']);
    expect(scorePair(a, b, stats, 48).veto).toBe('same outlet');
    expect(scorePair(a, item('f', 'en', ['w:en:heat', 'w:en:pavlodar', 'c:heating']), stats, 48).veto).toBeUndefined();
    expect(scorePair(a, item('f', 'ru', ['w:ru:тепл', 'c:heating']), stats, 48).veto).toBeUndefined();
  });

  it('never joins two titles that open with different names', () => {
    const a = item('a', 'en', ['c:heating', 'w:en:heat'], 0, 'pavla');
    const b = item('b', 'en', ['c:heating', 'w:en:heat'], 0, 'patra');
    expect(scorePair(a, b, stats, 48).veto).toBe('different heads');
  });

  it('counts against a join titles that share no concept and each say something the other item never mentions', () => {
    // A title concept weighs 2, the lead's 1: a plane's emergency landing and a new terminal at one airport.
    const titled = (feedId: string, title: string[], lead: string[]): IndexedItem => {
      const a = item(feedId, 'en', lead);
      for (const t of title) a.features.terms.set(t, 2);
      return a;
    };
    const landing = titled('a', ['c:emergency-landing', 'e:aktobe'], ['c:airport', 'c:flights']);
    const terminal = titled('b', ['c:opening', 'c:terminal', 'e:aktobe'], ['c:airport']);
    const otherLanding = titled('c', ['c:emergency-landing', 'e:aktobe'], ['c:airport']);
    expect(scorePair(landing, terminal, stats, 48).whatConflict).toBe(true);
    expect(scorePair(landing, otherLanding, stats, 48).whatConflict).toBe(false);
    // A title whose concept the other item says in its lead agrees with it.
    const told = titled('d', ['c:opening', 'e:aktobe'], ['c:emergency-landing', 'c:airport']);
    expect(scorePair(landing, told, stats, 48).whatConflict).toBe(false);
    expect(scorePair(landing, terminal, stats, 48).score).toBeLessThan(scorePair(landing, otherLanding, stats, 48).score * 0.6);
  });

  it('counts against a join titles that share a count of different things', () => {
    const counted = (feedId: string, what: string[]): IndexedItem => {
      const a = item(feedId, 'ru', ['w:ru:генпрокуратур', 'w:ru:событ', 'c:killed']);
      for (const k of ['n:24', 'n:25']) a.features.terms.set(k, 1.5);
      a.features.counted = { 'n:24': what, 'n:25': what };
      return a;
    };
    const dead = counted('a', ['c:killed']);
    const alsoDead = counted('b', ['c:killed']);
    const children = counted('c', ['c:injured', 'c:children']);
    expect(scorePair(children, dead, stats, 48).countConflict).toBe('different things');
    expect(scorePair(alsoDead, dead, stats, 48).countConflict).toBeUndefined();
    expect(scorePair(children, dead, stats, 48).score).toBeCloseTo(scorePair(alsoDead, dead, stats, 48).score * 0.5);
  });

  it('counts two titles naming different sites of one city against a join, as two cities', () => {
    const airport = item('a', 'en', ['e:almaty', 'c:seize', 'c:protest', 'c:airport', 'c:flights'], 0, undefined, ['almaty', 'c:airport']);
    const cityHall = item('b', 'kk', ['e:almaty', 'c:seize', 'c:protest', 'c:city-hall', 'c:blaze'], 2, undefined, ['almaty', 'c:city-hall']);
    const pair = scorePair(airport, cityHall, stats, 48);
    expect(pair.slotConflict).toBe(2);
    expect(pair.score).toBeLessThan(0.33);
    // A report that names the airport only in its lead is no conflict.
    const sameAirport = item('c', 'ru', ['e:almaty', 'c:seize', 'c:protest', 'c:airport', 'c:delays'], 1, undefined, ['almaty']);
    expect(scorePair(airport, sameAirport, stats, 48).slotConflict).toBe(0);
    expect(scorePair(airport, sameAirport, stats, 48).score).toBeGreaterThan(0.33);
  });

  it('weakens with time apart: full within 6 hours, half a day later, 0.3 at the end of the window', () => {
    expect(timeFactor(3, 48)).toBe(1);
    expect(timeFactor(24, 48)).toBeCloseTo(0.5);
    expect(timeFactor(48, 48)).toBeCloseTo(0.3);
    expect(timeFactor(12, 48)).toBeGreaterThan(timeFactor(20, 48));
  });
});
