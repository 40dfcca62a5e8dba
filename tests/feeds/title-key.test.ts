import { describe, expect, it } from 'vitest';
import { normaliseTitle, titleKey } from '../../src/feeds/title-key.js';

describe('normaliseTitle', () => {
  it('ignores case, punctuation, quotes and runs of whitespace', () => {
    const a = normaliseTitle('Tokayev: "Fire without warning"  — troops ordered');
    const b = normaliseTitle('TOKAYEV  fire WITHOUT warning, troops ordered!');
    expect(a).toBe('tokayev fire without warning troops ordered');
    expect(b).toBe(a);
  });

  it('reads ё as е, and Russian quotes and dashes as spaces', () => {
    expect(normaliseTitle('«Ещё» — Токаев объявил ЧП')).toBe(normaliseTitle('"Еще" - токаев объявил чп'));
    expect(normaliseTitle('Ёлка в Алматы')).toBe('елка в алматы');
  });

  it('drops soft hyphens and zero-width spaces, and reads full-width and no-break forms as plain ones', () => {
    expect(normaliseTitle('Ка\u00ADзах\u200Bстан\u00A0сегодня')).toBe('казахстан сегодня');
    expect(normaliseTitle('ＣＳＴＯ troops')).toBe('csto troops');
  });

  it('keeps Kazakh letters apart from Russian ones', () => {
    expect(normaliseTitle('Қаңтар оқиғасы: Тоқаев үндеу жасады')).toBe('қаңтар оқиғасы тоқаев үндеу жасады');
    expect(normaliseTitle('Қаңтар')).not.toBe(normaliseTitle('Каңтар'));
  });
});

describe('titleKey', () => {
  it('gives a headline of several words its normalised form', () => {
    expect(titleKey('Tokayev orders troops to fire without warning')).toBe('tokayev orders troops to fire without warning');
    expect(titleKey('Взрыв в Алматы')).toBe('взрыв в алматы');
  });

  it('gives no key to generic or short titles that unrelated items share', () => {
    for (const title of ['News', 'Untitled', 'Без названия', 'Новости', 'Жаңалықтар', 'Latest news', 'Фото', 'Video 3', '05.01.2022', '', '  —  ', 'Breaking: news']) {
      expect(titleKey(title), title).toBeUndefined();
    }
  });
});
