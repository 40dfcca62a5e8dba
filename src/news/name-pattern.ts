/**
 * How one written name is matched, with its inflected forms: as tokens the matcher compares code unit by
 * code unit (`compileName`, `matchNameAt`), and as the equivalent RegExp source (`namePattern`), which
 * states the rule in a familiar form and is what the tests check the tokens against. Pure.
 */
import * as letters from './letters.js';
import { CharFlag, CYRILLIC_CLASS, SEPARATOR_CLASS, WORD_CLASS } from './letters.js';

export { WORD_CLASS };

// Local bindings: some loaders turn each use of an imported binding into a getter call, which
// `matchNameAt`, run at many word starts, cannot afford.
const canonicalCode = letters.canonicalCode;
const searchedCanonicalCode = letters.searchedCanonicalCode;
const charFlags = letters.charFlags;
const foldVariantCode = letters.foldVariantCode;
const CHAR_FLAGS = letters.CHAR_FLAGS;
const SEPARATOR = CharFlag.separator;
const CYRILLIC_LETTER = CharFlag.cyrillic;
const CYRILLIC_LETTER_I = CharFlag.cyrillicI;
const NAME_LETTER = CharFlag.nameLetter;
const NAME_LETTER_I = CharFlag.nameLetterI;

/** Longest inflectional ending accepted after a Cyrillic stem (Қазақстандағы: +дағы, Тоқаевтың: +тың). */
const MAX_SUFFIX = 5;
const CYRILLIC = /[\u0400-\u04FF]/;
const ENDS_IN_VOWEL = /[аяыиеэоуюьйәөұүі]$/i;
const SEPARATORS = new RegExp(`[${SEPARATOR_CLASS}]+`);

/** One word of a name. */
export interface NameToken {
  /** Its letters (the stem when inflected), as written for the search: lower case for case-insensitive use. */
  letters: string;
  /** How many Cyrillic letters of an ending may follow; 0: none. */
  maxEnding: number;
  /** Whether an English plural `s` may follow. */
  plural: boolean;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A short all-capitals name (CSTO, KNB, ОДКБ, ҰҚК): matched exactly, case-sensitively. */
export function isAcronym(name: string): boolean {
  return name.length <= 5 && /^[\p{Lu}\p{N}]+$/u.test(name) && /\p{L}.*\p{L}/u.test(name);
}

function token(word: string, inflect: boolean): NameToken {
  if (!inflect) return { letters: word, maxEnding: 0, plural: false };
  if (CYRILLIC.test(word)) {
    if (word.length < 4) return { letters: word, maxEnding: 0, plural: false };
    // Russian declension changes a final vowel (Астана → Астане, Организация → Организации), so it is
    // left out of the stem; consonant-final stems keep every letter (Токаев → Токаева, Тоқаевтың).
    const stem = word.length >= 5 && ENDS_IN_VOWEL.test(word) ? word.slice(0, -1) : word;
    return { letters: stem, maxEnding: MAX_SUFFIX + (stem.length < word.length ? 1 : 0), plural: false };
  }
  // English: plural only; a possessive ('s) already ends the word.
  return { letters: word, maxEnding: 0, plural: true };
}

/**
 * The tokens of a name, written as it should be searched (already lower-cased for case-insensitive use).
 * Words may be separated by spaces or dashes.
 */
export function nameTokens(written: string, options: { inflect: boolean }): NameToken[] {
  return written.split(SEPARATORS).filter(Boolean).map((w) => token(w, options.inflect));
}

/** RegExp source for a name's tokens: what `matchNameAt` matches, minus the word boundary after it. */
export function namePattern(written: string, options: { inflect: boolean }): string {
  const sources = nameTokens(written, options).map(
    (t) => `${escapeRegExp(t.letters)}${t.maxEnding > 0 ? `[${CYRILLIC_CLASS}]{0,${t.maxEnding}}` : ''}${t.plural ? 's?' : ''}`,
  );
  return sources.join(`[${SEPARATOR_CLASS}]+`);
}

/** A name ready for `matchNameAt`. */
export interface CompiledName {
  caseSensitive: boolean;
  /**
   * Per token: its letter count, `maxEnding`, `plural` (1 or 0), then its letters as compared: as written
   * when case-sensitive, else their `canonicalCode`. One flat array, read in one place.
   */
  program: Uint16Array;
  /**
   * The third letter as compared, when the first word has three or more, else -1: most words that start
   * like a name differ from it there, and one comparison saves a call to `matchNameAt`.
   */
  third: number;
  /** Length of `namePattern`'s source: longer names are tried first. */
  patternLength: number;
}

/** Compiles one written name (lower-cased already when case-insensitive). */
export function compileName(written: string, options: { inflect: boolean; caseSensitive: boolean }): CompiledName {
  const code = options.caseSensitive ? (c: number) => c : canonicalCode;
  const program: number[] = [];
  for (const t of nameTokens(written, options)) {
    program.push(t.letters.length, t.maxEnding, t.plural ? 1 : 0);
    for (let i = 0; i < t.letters.length; i++) program.push(code(t.letters.charCodeAt(i)));
  }
  return {
    caseSensitive: options.caseSensitive,
    program: Uint16Array.from(program),
    third: (program[0] ?? 0) >= 3 ? program[5]! : -1,
    patternLength: namePattern(written, options).length,
  };
}

const S_CANONICAL = 0x53; // 'S'
const S = 0x73; // 's'

/**
 * Where the name ends when it is written at `start` of a text and not followed by another letter; -1 when
 * it is not. The text is given as its first `length` UTF-16 code units in `units`, read through
 * `foldVariantCode`. Equal to running `namePattern` followed by `(?![WORD_CLASS])` as a sticky RegExp
 * (flag `i` unless case-sensitive): every quantifier of that pattern is followed by something it cannot
 * match, so its greedy first try is its only possible one.
 */
export function matchNameAt(name: CompiledName, units: Uint16Array, length: number, start: number): number {
  // Module bindings read in a loop are loaded and checked again at every iteration; locals are not.
  const program = name.program;
  const cs = name.caseSensitive;
  const flagsOf = CHAR_FLAGS;
  const cyrillic = cs ? CYRILLIC_LETTER : CYRILLIC_LETTER_I;
  const n = length;
  let p = start;
  let k = 0;
  while (k < program.length) {
    if (k > 0) {
      if (p >= n || (flagsAt(flagsOf, units[p]!) & SEPARATOR) === 0) return -1;
      do p++;
      while (p < n && (flagsAt(flagsOf, units[p]!) & SEPARATOR) !== 0);
    }
    const count = program[k]!;
    const maxEnding = program[k + 1]!;
    const plural = program[k + 2]!;
    k += 3;
    if (p + count > n) return -1;
    for (const last = k + count; k < last; k++, p++) {
      const u = units[p]!;
      if ((cs ? foldVariantCode(u) : searchedCanonicalCode(u)) !== program[k]) return -1;
    }
    if (maxEnding > 0) {
      const end = Math.min(n, p + maxEnding);
      while (p < end && (flagsAt(flagsOf, units[p]!) & cyrillic) !== 0) p++;
    } else if (plural === 1 && p < n) {
      const u = units[p]!;
      if (cs ? foldVariantCode(u) === S : searchedCanonicalCode(u) === S_CANONICAL) p++;
    }
  }
  if (p < n && (flagsAt(flagsOf, units[p]!) & (cs ? NAME_LETTER : NAME_LETTER_I)) !== 0) return -1;
  return p;
}

function flagsAt(table: Readonly<Uint8Array>, c: number): number {
  const f = table[c]!;
  return f !== 0 ? f : charFlags(c);
}
