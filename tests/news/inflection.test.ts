import { describe, expect, it } from 'vitest';
import { kazakhLatinSuffixes, kazakhSuffixes, russianForms, wordForms } from '../../src/news/inflection.js';

const formsOf = (word: string, person = false, last = true) => {
  const f = wordForms(word, { person, last });
  return f.endings.map((e) => f.stem + e);
};

describe('Russian declension', () => {
  it('declines a masculine surname, never with feminine endings', () => {
    expect(formsOf('Токаев', true)).toEqual(expect.arrayContaining(['Токаев', 'Токаева', 'Токаеву', 'Токаевым', 'Токаеве', 'Токаевых']));
    expect(formsOf('Токаев', true)).not.toContain('Токаевой');
    expect(formsOf('Мамин', true)).not.toContain('Маминов');
  });

  it('drops the final vowel of an a-noun and declines the rest', () => {
    expect(russianForms('Астана', false)).toEqual({ stem: 'Астан', endings: expect.arrayContaining(['а', 'ы', 'е', 'у', 'ой']) });
    expect(formsOf('Ата')).toEqual(expect.arrayContaining(['Аты', 'Ате']));
  });

  it('declines adjectives, -ия and -ие nouns and -ец demonyms', () => {
    expect(formsOf('казахстанский')).toEqual(expect.arrayContaining(['казахстанская', 'казахстанского', 'казахстанскими']));
    expect(formsOf('Организация', false, false)).toEqual(expect.arrayContaining(['Организации', 'Организацией']));
    expect(formsOf('положение')).toEqual(expect.arrayContaining(['положения', 'положении']));
    expect(formsOf('алматинец')).toEqual(expect.arrayContaining(['алматинцы', 'алматинцев', 'алматинца']));
  });

  it('leaves undeclined words as written', () => {
    expect(russianForms('Алматы', false).endings).toEqual(['']);
    expect(russianForms('Лукашенко', true).endings).toEqual(['']);
  });
});

describe('Kazakh suffixes', () => {
  it('follows vowel harmony', () => {
    expect(kazakhSuffixes('Астана')).toEqual(expect.arrayContaining(['ның', 'да', 'ға', 'дағы']));
    expect(kazakhSuffixes('Астана')).not.toContain('нің');
    expect(kazakhSuffixes('Әбіш')).toEqual(expect.arrayContaining(['тің', 'ке', 'те']));
    expect(kazakhSuffixes('Әбіш')).not.toContain('тың');
  });

  it('assimilates the first consonant of a suffix to the sound before it', () => {
    const qazaqstan = kazakhSuffixes('Қазақстан');
    expect(qazaqstan).toEqual(expect.arrayContaining(['ның', 'ды', 'нан', 'да', 'дық', 'дықтар']));
    expect(qazaqstan).not.toContain('тың');
    const toqaev = kazakhSuffixes('Тоқаев');
    expect(toqaev).toEqual(expect.arrayContaining(['тың', 'қа', 'пен', 'та']));
    expect(toqaev).not.toContain('ға');
  });

  it('chains plural, possessive and case, and declines a word that ends in a possessive', () => {
    expect(kazakhSuffixes('Қазақстан')).toContain('дықтардың');
    expect(kazakhSuffixes('көшбасшысы')).toEqual(expect.arrayContaining(['ның', 'на', 'нда', 'н']));
    expect(kazakhSuffixes('аудан')).toContain('ындағы');
  });

  it('writes the suffixes in Kazakh Latin spellings too, diacritics dropped', () => {
    expect(kazakhLatinSuffixes('qazaqstan')).toEqual(expect.arrayContaining(['da', 'nyn', 'nin', 'ga']));
    expect(kazakhLatinSuffixes('toqaev')).toEqual(expect.arrayContaining(['tyn', 'qa', 'ka', 'pen']));
  });

  it('puts Kazakh suffixes only on the last word of a compound', () => {
    expect(wordForms('Нұр', { person: false, last: false }).endings).not.toContain('да');
    expect(wordForms('Сұлтан', { person: false, last: true }).endings).toContain('да');
  });
});
