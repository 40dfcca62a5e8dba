/**
 * What story clustering needs to compare items written in different languages. Pure.
 *
 * Words of an English, a Russian and a Kazakh item about one event share nothing, so across languages
 * only the language-neutral features compare: entity ids (`@csto`) and numbers (`#2500`). A small set of
 * those agrees by chance far more often than a whole title does (every item of the week names Tokayev),
 * so a cross-language join also needs evidence of the same event: a shared major number and
 * `CROSS_LANGUAGE_RULE.minSharedEntities` shared entities, one of them distinctive in the window. The
 * clustering script applies the rule; this module names each item's language and the index keys that
 * make such pairs candidates.
 */
import { FEATURE_WEIGHTS, type FeatureSet } from './story-features.js';

/** The languages of the topic pack's names. Latin-script text is read as English. */
export type StoryLanguage = 'en' | 'ru' | 'kk';

/** When two items in different languages may share a story. */
export const CROSS_LANGUAGE_RULE = {
  /** Weight from which a shared number counts as major (not a day of the month or a year). */
  majorNumberWeight: FEATURE_WEIGHTS.number,
  /** Entity ids the two items must share, besides a major number. */
  minSharedEntities: 2,
  /**
   * One shared entity must be distinctive: named by at most this share of the window's stories (0..1;
   * Kazakhstan and Tokayev, named by most, say nothing about which event)...
   */
  distinctiveShare: 0.2,
  /** ...or by at most this many stories, so a quiet window (or a fresh start) can still join. */
  distinctiveFloor: 5,
} as const;

/** Letters Kazakh writes and Russian does not. */
const KAZAKH_LETTER = /[әғқңөұүһі]/u;
const CYRILLIC_LETTERS = /\p{Script=Cyrillic}/gu;
const LATIN_LETTERS = /\p{Script=Latin}/gu;
/** Words that start with a lower-case Cyrillic letter: not names, which Russian outlets may spell the Kazakh way. */
const LOWER_WORDS = /(?<![\p{L}\p{N}])\p{Ll}\p{L}*/gu;
const CYRILLIC_START = /^\p{Script=Cyrillic}/u;
/**
 * Share of lower-case words with a Kazakh-only letter from which a Cyrillic text reads as Kazakh. Kazakh
 * titles have them in one word of two or three; Russian ones in none, even next to "Қасым-Жомарт Тоқаев".
 */
const KAZAKH_WORD_SHARE = 0.2;
/** Characters of title and text read to decide; the features read no further either. */
const SAMPLE_CHARS = 400;

function count(text: string, letters: RegExp): number {
  return text.match(letters)?.length ?? 0;
}

/**
 * The language of an item from its letters: more Cyrillic than Latin is Russian, or Kazakh when enough of
 * its ordinary (lower-case) words have Kazakh-only letters; otherwise English.
 */
export function storyLanguage(title: string, text: string): StoryLanguage {
  const sample = `${title} ${text.slice(0, SAMPLE_CHARS)}`.normalize('NFC');
  if (count(sample, CYRILLIC_LETTERS) <= count(sample, LATIN_LETTERS)) return 'en';
  const words = (sample.match(LOWER_WORDS) ?? []).filter((w) => CYRILLIC_START.test(w));
  const kazakh = words.filter((w) => KAZAKH_LETTER.test(w)).length;
  return words.length > 0 && kazakh >= words.length * KAZAKH_WORD_SHARE ? 'kk' : 'ru';
}

/** Major numbers and entities combined into index keys; more of either adds little and costs a key each. */
const MAX_INDEXED_NUMBERS = 4;
const MAX_INDEXED_ENTITIES = 6;

/**
 * Index keys on language-neutral features, one per major number and entity (`n2500@csto`). A pair that
 * passes the cross-language rule shares a major number and an entity, hence a key, so it is always a
 * candidate, however little its MinHash bands agree. At most 4 numbers (title first) × 6 entities.
 */
export function crossLanguageKeys(features: FeatureSet): string[] {
  const numbers: string[] = [];
  const entities: string[] = [];
  for (const [key, weight] of features) {
    if (key.startsWith('#') && weight >= CROSS_LANGUAGE_RULE.majorNumberWeight) numbers.push(key.slice(1));
    else if (key.startsWith('@')) entities.push(key.slice(1));
  }
  const keys: string[] = [];
  for (const n of numbers.slice(0, MAX_INDEXED_NUMBERS)) {
    for (const e of entities.slice(0, MAX_INDEXED_ENTITIES)) keys.push(`n${n}@${e}`);
  }
  return keys;
}
