/** Turns one written name into a RegExp source that also accepts its inflected forms. Pure. */

/** Letters and digits of the scripts the packs use (Latin with diacritics, Russian and Kazakh Cyrillic). */
export const WORD_CLASS = 'A-Za-z0-9\\u00C0-\\u024F\\u0400-\\u04FF';
const CYRILLIC_LETTER = '\\u0400-\\u04FF';
/** Longest inflectional ending accepted after a Cyrillic stem (Қазақстандағы: +дағы, Тоқаевтың: +тың). */
const MAX_SUFFIX = 5;
const CYRILLIC = /[\u0400-\u04FF]/;
const ENDS_IN_VOWEL = /[аяыиеэоуюьйәөұүі]$/i;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A short all-capitals name (CSTO, KNB, ОДКБ, ҰҚК): matched exactly, case-sensitively. */
export function isAcronym(name: string): boolean {
  return name.length <= 5 && /^[\p{Lu}\p{N}]+$/u.test(name) && /\p{L}.*\p{L}/u.test(name);
}

function tokenPattern(token: string, inflect: boolean): string {
  if (!inflect) return escapeRegExp(token);
  if (CYRILLIC.test(token)) {
    if (token.length < 4) return escapeRegExp(token);
    // Russian declension changes a final vowel (Астана → Астане, Организация → Организации), so it is
    // left out of the stem; consonant-final stems keep every letter (Токаев → Токаева, Тоқаевтың).
    const stem = token.length >= 5 && ENDS_IN_VOWEL.test(token) ? token.slice(0, -1) : token;
    return `${escapeRegExp(stem)}[${CYRILLIC_LETTER}]{0,${MAX_SUFFIX + (stem.length < token.length ? 1 : 0)}}`;
  }
  // English: plural only; a possessive ('s) already ends the word.
  return `${escapeRegExp(token)}s?`;
}

/**
 * RegExp source for a name, written as it should be searched (already lower-cased for
 * case-insensitive use). Words may be separated by spaces or dashes.
 */
export function namePattern(written: string, options: { inflect: boolean }): string {
  const tokens = written.split(/[\s\u00A0\-\u2010\u2011\u2013]+/).filter(Boolean);
  return tokens.map((t) => tokenPattern(t, options.inflect)).join('[\\s\\u00A0\\-\\u2010\\u2011\\u2013]+');
}
