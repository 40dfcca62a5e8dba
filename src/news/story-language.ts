/**
 * The language of an item, for story clustering: which stemmer reads its words, and whether two items'
 * words can be compared at all (across languages only concepts, names and numbers can). Pure.
 */

/** The languages of the topic pack's names. Latin-script text is read as English. */
export type StoryLanguage = 'en' | 'ru' | 'kk';

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
