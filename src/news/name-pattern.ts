/**
 * How one written name is matched, with its inflected forms: as tokens the matcher compares code unit by
 * code unit (`compileName`, `matchNameAt`), and as the equivalent RegExp source (`namePattern`), which
 * states the rule in a familiar form and is what the tests check the tokens against. Pure.
 *
 * Each word of a name is a stem followed by one of its endings (inflection.ts): the rest of the word must
 * be exactly one of them. So Токаевым and Тоқаевтың are forms of Токаев and Тоқаев, Абишев is not one of Абиш.
 */
import * as letters from './letters.js';
import { CharFlag, SEPARATOR_CLASS, WORD_CLASS } from './letters.js';
import { wordForms } from './inflection.js';

export { WORD_CLASS };

// Local bindings: some loaders turn each use of an imported binding into a getter call, which
// `matchNameAt`, run at many word starts, cannot afford.
const canonicalCode = letters.canonicalCode;
const searchedCanonicalCode = letters.searchedCanonicalCode;
const charFlags = letters.charFlags;
const foldVariantCode = letters.foldVariantCode;
const CHAR_FLAGS = letters.CHAR_FLAGS;
const SEPARATOR = CharFlag.separator;
const NAME_LETTER = CharFlag.nameLetter;
const NAME_LETTER_I = CharFlag.nameLetterI;

const SEPARATORS = new RegExp(`[${SEPARATOR_CLASS}]+`);

/** How a name is read: inflected or exactly as written; a person's (surname declension) or not. */
export interface NameOptions {
  inflect: boolean;
  /** A person's name: -ов/-ев/-ин is a masculine surname (Токаев → Токаева, never Токаевой). Default false. */
  person?: boolean;
}

/** One word of a name. */
export interface NameToken {
  /** Its stem, as written for the search: lower case for case-insensitive use. */
  letters: string;
  /** What may complete the word after the stem ('' when the stem alone is a form). */
  endings: string[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A short all-capitals name (CSTO, KNB, ОДКБ, ҰҚК): matched exactly, case-sensitively. */
export function isAcronym(name: string): boolean {
  return name.length <= 5 && /^[\p{Lu}\p{N}]+$/u.test(name) && /\p{L}.*\p{L}/u.test(name);
}

/**
 * The tokens of a name, written as it should be searched (already lower-cased for case-insensitive use).
 * Words may be separated by spaces or dashes.
 */
export function nameTokens(written: string, options: NameOptions): NameToken[] {
  const words = written.split(SEPARATORS).filter(Boolean);
  return words.map((w, i) => {
    if (!options.inflect) return { letters: w, endings: [''] };
    const forms = wordForms(w, { person: options.person ?? false, last: i === words.length - 1 });
    return { letters: forms.stem, endings: forms.endings };
  });
}

/** RegExp source for a name's tokens: what `matchNameAt` matches, minus the word boundary after it. */
export function namePattern(written: string, options: NameOptions): string {
  const sources = nameTokens(written, options).map((t) => {
    const endings = t.endings.filter(Boolean).map(escapeRegExp);
    if (endings.length === 0) return escapeRegExp(t.letters);
    return `${escapeRegExp(t.letters)}(?:${endings.join('|')}${t.endings.includes('') ? '|' : ''})`;
  });
  return sources.join(`[${SEPARATOR_CLASS}]+`);
}

/**
 * One token's endings as `matchNameAt` compares them: a trie over the codes compared (`canonicalCode`, or
 * as written when case-sensitive), walked while the rest of the word is read, so nothing is allocated.
 */
interface EndingNode {
  next: Map<number, EndingNode>;
  /** An ending stops here. */
  end: boolean;
}

/** Every distinct ending set, by id: names share them (most Cyrillic nouns take the same endings). */
const endingSets: EndingNode[] = [];
const endingSetIds = new Map<string, number>();

const endingSetIdsByRaw = new Map<string, number>();

function endingSetId(endings: string[], caseSensitive: boolean): number {
  const raw = `${caseSensitive ? 1 : 0}:${endings.join('|')}`;
  const byRaw = endingSetIdsByRaw.get(raw);
  if (byRaw !== undefined) return byRaw;
  const id = newEndingSetId(endings, caseSensitive);
  endingSetIdsByRaw.set(raw, id);
  return id;
}

function newEndingSetId(endings: string[], caseSensitive: boolean): number {
  const coded = [...new Set(endings.map((e) => (caseSensitive ? e : [...e].map((ch) => String.fromCharCode(canonicalCode(ch.charCodeAt(0)))).join(''))))];
  const key = `${caseSensitive ? 1 : 0}:${coded.sort().join('|')}`;
  let id = endingSetIds.get(key);
  if (id === undefined) {
    const root: EndingNode = { next: new Map(), end: false };
    for (const e of coded) {
      let node = root;
      for (let i = 0; i < e.length; i++) {
        const c = e.charCodeAt(i);
        let child = node.next.get(c);
        if (!child) node.next.set(c, (child = { next: new Map(), end: false }));
        node = child;
      }
      node.end = true;
    }
    id = endingSets.length;
    endingSets.push(root);
    endingSetIds.set(key, id);
  }
  return id;
}

/** A name ready for `matchNameAt`. */
export interface CompiledName {
  caseSensitive: boolean;
  /**
   * Per token: its letter count, the id of its ending set, then its letters as compared: as written when
   * case-sensitive, else their `canonicalCode`. One flat array, read in one place.
   */
  program: Uint16Array;
  /**
   * The third letter as compared, when the first word has three or more, else -1: most words that start
   * like a name differ from it there, and one comparison saves a call to `matchNameAt`.
   */
  third: number;
  /** Words in the name. */
  words: number;
  /** Letters of its stems: with `words`, orders names longest first, so a full name is taken over a part of it. */
  size: number;
}

/** Compiles one written name (lower-cased already when case-insensitive). */
export function compileName(written: string, options: NameOptions & { caseSensitive: boolean }): CompiledName {
  const code = options.caseSensitive ? (c: number) => c : canonicalCode;
  const program: number[] = [];
  const tokens = nameTokens(written, options);
  for (const t of tokens) {
    program.push(t.letters.length, endingSetId(t.endings, options.caseSensitive));
    for (let i = 0; i < t.letters.length; i++) program.push(code(t.letters.charCodeAt(i)));
  }
  return {
    caseSensitive: options.caseSensitive,
    program: Uint16Array.from(program),
    third: (program[0] ?? 0) >= 3 ? program[4]! : -1,
    words: tokens.length,
    size: tokens.reduce((n, t) => n + t.letters.length, 0),
  };
}

/** Longer names first: more words, then more letters. */
export function byLengthDescending(a: CompiledName, b: CompiledName): number {
  return b.words - a.words || b.size - a.size;
}

/**
 * Where the name ends when it is written at `start` of a text and not followed by another letter; -1 when
 * it is not. The text is given as its first `length` UTF-16 code units in `units`, read through
 * `foldVariantCode`. Equal to running `namePattern` followed by `(?![WORD_CLASS])` as a sticky RegExp
 * (flag `i` unless case-sensitive): after each stem, the letters up to the next non-letter must be one of
 * its endings, so there is only one place the match can end.
 */
export function matchNameAt(name: CompiledName, units: Uint16Array, length: number, start: number): number {
  // Module bindings read in a loop are loaded and checked again at every iteration; locals are not.
  const program = name.program;
  const cs = name.caseSensitive;
  const flagsOf = CHAR_FLAGS;
  const letter = cs ? NAME_LETTER : NAME_LETTER_I;
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
    let node: EndingNode | undefined = endingSets[program[k + 1]!]!;
    k += 2;
    if (p + count > n) return -1;
    for (const last = k + count; k < last; k++, p++) {
      const u = units[p]!;
      if ((cs ? foldVariantCode(u) : searchedCanonicalCode(u)) !== program[k]) return -1;
    }
    // The rest of the word must be one of the endings.
    let q = p;
    while (q < n && (flagsAt(flagsOf, units[q]!) & letter) !== 0) {
      node = node.next.get(cs ? foldVariantCode(units[q]!) : searchedCanonicalCode(units[q]!));
      if (node === undefined) return -1;
      q++;
    }
    if (!node.end) return -1;
    p = q;
  }
  return p;
}

function flagsAt(table: Readonly<Uint8Array>, c: number): number {
  const f = table[c]!;
  return f !== 0 ? f : charFlags(c);
}
