import { describe, expect, it } from 'vitest';
import { foldWord, stemKazakh, stemWord } from '../../src/news/story-stemming.js';

describe('story stemming', () => {
  it('gives English inflections one stem (Snowball)', () => {
    expect(stemWord('resigned', 'en')).toBe(stemWord('resignation', 'en'));
    expect(stemWord('troops', 'en')).toBe(stemWord('troop', 'en'));
    expect(stemWord('Protesters', 'en')).toBe('protest');
  });

  it('gives Russian case forms one stem (Snowball)', () => {
    expect(stemWord('отставку', 'ru')).toBe(stemWord('отставке', 'ru'));
    expect(stemWord('аэропорта', 'ru')).toBe(stemWord('аэропорт', 'ru'));
    expect(stemWord('задержали', 'ru')).toBe(stemWord('задержан', 'ru'));
  });

  it('peels stacked Kazakh endings off to the root', () => {
    expect(stemKazakh('әскерлерінің')).toBe('әскер');
    expect(stemKazakh('үкіметтің')).toBe('үкімет');
    expect(stemWord('Қазақстанда', 'kk')).toBe(stemWord('Қазақстаннан', 'kk'));
  });

  it('keeps a short Kazakh root whole', () => {
    expect(stemKazakh('ел')).toBe('ел');
    expect(stemKazakh('елде')).toBe('елде');
  });

  it('reads ё as е and ignores case', () => {
    expect(foldWord('Начнётся')).toBe('начнется');
  });
});
