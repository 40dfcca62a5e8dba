import { describe, expect, it } from 'vitest';
import { nameKey, stripBoilerplate, tokenize } from '../../src/news/story-text.js';

const values = (text: string) => tokenize(text).flatMap((t) => (t.value === undefined ? [] : [t.value]));

describe('story text', () => {
  it('reads counts written the English, Russian and Kazakh way', () => {
    expect(values('about 2,500 troops')).toEqual([2500]);
    expect(values('2 030 военнослужащих и 3 000 человек')).toEqual([2030, 3000]);
    expect(values('7 939 адам')).toEqual([7939]);
  });

  it('reads decimal commas and points, and thousands written as words', () => {
    expect(values('77,18% and 14.5%')).toEqual([77.18, 14.5]);
    expect(values('2,5 тыс. военных, 97 мыңнан астам')).toEqual([2500, 97000]);
  });

  it('marks a number followed by a per cent sign or word as a share, and nothing else', () => {
    const shares = (text: string) => tokenize(text).filter((t) => t.share).map((t) => t.raw);
    expect(shares('Turnout 77% and 61 percent, 52 per cent, 48 процента, 30 пайыз')).toEqual(['77', '61', '52', '48', '30']);
    expect(shares('Tenge passes 500 per dollar')).toEqual([]);
  });

  it('does not read a clock time as a count', () => {
    expect(values('curfew from 23:00 to 07:00')).toEqual([]);
  });

  it('marks the first word of each sentence', () => {
    const starts = tokenize('Tokayev spoke. Troops arrived in Almaty').filter((t) => t.sentenceStart).map((t) => t.raw);
    expect(starts).toEqual(['Tokayev', 'Troops']);
  });

  it('cuts the datelines outlets put before every lead', () => {
    expect(stripBoilerplate('ALMATY, Jan 5 (Reuters) - Protesters took control')).toBe('Protesters took control');
    expect(stripBoilerplate('NUR-SULTAN, January 4. /TASS/. A government commission')).toBe('A government commission');
    expect(stripBoilerplate('НУР-СУЛТАН, 2 янв — РИА Новости. Несколько сотен жителей')).toBe('Несколько сотен жителей');
    expect(stripBoilerplate('Нур-Султан. 4 января. ИНТЕРФАКС-КАЗАХСТАН - Правительственная комиссия')).toBe('Правительственная комиссия');
    expect(stripBoilerplate('Tengrinews.kz – Жители Жанаозена')).toBe('Жители Жанаозена');
    expect(stripBoilerplate('НҰР-СҰЛТАН. ҚазАқпарат – Сейсенбі күні')).toBe('Сейсенбі күні');
  });

  it('cuts a closing call to subscribe', () => {
    expect(stripBoilerplate('Полиция применила газ. Подпишитесь на наш Telegram-канал.')).toBe('Полиция применила газ.');
  });

  it('leaves a lead whose dashes are part of the sentence', () => {
    const lead = 'The CSTO - a Russia-led bloc - said troops would leave';
    expect(stripBoilerplate(lead)).toBe(lead);
  });

  it('gives every spelling and case form of a name one key', () => {
    const keys = (...words: string[]) => new Set(words.map(nameKey));
    expect(keys('Tokayev', 'Tokaev', 'Токаев', 'Тоқаевтың').size).toBe(1);
    expect(keys('Masimov', 'Massimov', 'Масимова').size).toBe(1);
    expect(keys('Ekibastuz', 'Экибастуз', 'Екібастұз').size).toBe(1);
    expect(keys('Kazakhstan', 'Казахстана', 'Қазақстан').size).toBe(1);
  });

  it('keeps different places apart', () => {
    expect(nameKey('Pavlodar')).not.toBe(nameKey('Petropavl'));
    expect(nameKey('Aktau')).not.toBe(nameKey('Aktobe'));
  });
});
