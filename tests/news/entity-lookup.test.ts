import { describe, expect, it } from 'vitest';
import { createEntityLookup, editDistance } from '../../src/news/entity-lookup.js';
import { loadTopicPack } from '../../src/news/topic-pack.js';

const lookup = createEntityLookup(loadTopicPack());
const idOf = (q: string) => lookup.find(q).entity?.id;

describe('entity lookup', () => {
  it('finds an entity by any spelling, script or alias', () => {
    for (const q of ['Tokayev', 'Tokaev', 'tokaev', 'Токаев', 'Тоқаев', 'Kassym-Jomart', 'Kassym-Jomart Tokayev']) expect(idOf(q), q).toBe('tokayev');
    expect(idOf('Elbasy')).toBe('nazarbayev');
    expect(idOf('ОДКБ')).toBe('csto');
    expect(idOf('Nur-Sultan')).toBe('astana');
    expect(idOf('Қанды қаңтар')).toBe('january-2022-unrest');
    expect(idOf('security-council')).toBe('security-council');
  });

  it('finds declined forms', () => {
    expect(idOf('Токаева')).toBe('tokayev');
    expect(idOf('Тоқаевтың')).toBe('tokayev');
    expect(idOf('Назарбаевым')).toBe('nazarbayev');
    expect(idOf('Нұр-Сұлтанда')).toBe('astana');
    expect(idOf('Алма-Аты')).toBe('almaty');
  });

  it('finds Kazakh Latin spellings, metonyms and honorifics', () => {
    for (const q of ['Toqaev', 'Toqayev', 'Akorda', 'Ақорда']) expect(idOf(q), q).toBe('tokayev');
    for (const q of ['Elbasy', 'Елбасы', 'Лидер нации']) expect(idOf(q), q).toBe('nazarbayev');
    expect(idOf('Qazaqstan')).toBe('kazakhstan');
    expect(idOf('Aqtöbe')).toBe('aktobe');
    expect(idOf('Almatı')).toBe('almaty');
  });

  it('does not take a longer surname for a watched one', () => {
    expect(lookup.find('Абишев').entity).toBeUndefined();
    expect(lookup.find('Алматов').entity).toBeUndefined();
  });

  it('forgives a typo', () => {
    expect(idOf('Tokayv')).toBe('tokayev');
    expect(idOf('Nazarbayv')).toBe('nazarbayev');
    expect(idOf('Masimof')).toBe('massimov');
  });

  it('suggests up to three near names for an unknown one', () => {
    const r = lookup.find('Trump');
    expect(r.entity).toBeUndefined();
    expect(r.suggestions.length).toBeGreaterThan(0);
    expect(r.suggestions.length).toBeLessThanOrEqual(3);
    const near = lookup.find('Lukashevich');
    expect(near.entity).toBeUndefined();
    expect(near.suggestions[0]?.id).toBe('lukashenko');
  });

  it('answers an empty query with nothing', () => {
    expect(lookup.find('  ')).toEqual({ suggestions: [] });
  });

  it('counts a swap of two letters as one edit', () => {
    expect(editDistance('tokayev', 'tokyaev')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
