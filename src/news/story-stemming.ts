/**
 * Word stems for story clustering, per language: Snowball (snowball-stemmers) for English and Russian,
 * and a small suffix stripper for Kazakh, whose endings are data (kazakh-suffixes.ts). Pure.
 */
import { newStemmer } from 'snowball-stemmers';
import type { StoryLanguage } from './story-language.js';
import { KAZAKH_MIN_STEM, KAZAKH_SUFFIXES } from './kazakh-suffixes.js';

const english = newStemmer('english');
const russian = newStemmer('russian');
/** Longest endings first, so -лары goes before -ы. */
const kazakhEndings = [...KAZAKH_SUFFIXES].sort((a, b) => b.length - a.length);
/** Endings peeled off one Kazakh word, at most. */
const KAZAKH_PASSES = 3;

/** Lower case, `ё` as `е`, NFC: the one form every comparison of words uses. */
export function foldWord(word: string): string {
  return word.normalize('NFC').toLowerCase().replace(/ё/g, 'е');
}

/** Stem of a Kazakh word: known endings peeled off, longest first, while the stem keeps 3 letters. */
export function stemKazakh(word: string): string {
  let stem = word;
  for (let pass = 0; pass < KAZAKH_PASSES; pass++) {
    const ending = kazakhEndings.find((e) => stem.endsWith(e) && stem.length - e.length >= KAZAKH_MIN_STEM);
    if (!ending) break;
    stem = stem.slice(0, -ending.length);
  }
  return stem;
}

/**
 * Stem of one word in a language. Cyrillic words in a Kazakh item that carry no Kazakh letter are often
 * Russian (names, loans), but the Kazakh stripper handles them as well as any: Kazakh is the item's language.
 */
export function stemWord(word: string, language: StoryLanguage): string {
  const folded = foldWord(word);
  if (language === 'kk') return stemKazakh(folded);
  if (language === 'ru') return russian.stem(folded);
  return english.stem(folded);
}
