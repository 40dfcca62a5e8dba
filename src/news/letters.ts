/**
 * Character tests on UTF-16 code units for the scanning loop of the matcher. Each code unit is read as the
 * matcher searches it: `ё` as `е`, typographic apostrophes as `'`, Latin letters without their diacritics
 * (see `foldVariants` in text.ts).
 * Tests that must agree with a RegExp are answered by that RegExp once per code unit and then kept in a
 * table, so they are exact everywhere and cost one array read in the loop.
 */

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** Whether the code unit is (part of) a letter, digit or combining mark. */
export function isWordCode(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c >= 0x400 && c <= 0x4ff) return c < 0x482 || c > 0x489;
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  if (c >= 0xd800 && c <= 0xdfff) return true; // astral letters (CJK, ...) and emoji alike: part of a word
  return WORD_CHAR.test(String.fromCharCode(c));
}

const fold = (c: number): number => foldCode(c);

/** Lower case of a Latin or Cyrillic (Russian, Kazakh) letter; other code units unchanged. */
export function foldCode(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 0x410 && c <= 0x42f) return c + 32;
  if (c >= 0x400 && c <= 0x40f) return c + 80;
  if (c >= 0xc0 && c <= 0xde && c !== 0xd7) return c + 32;
  // Cyrillic extensions (Kazakh ғ қ ң ү ұ һ ә ө): upper case even, lower case the next code point.
  if (((c >= 0x460 && c <= 0x4bf) || (c >= 0x4d0 && c <= 0x4ff)) && c % 2 === 0) return c + 1;
  return c;
}

/** Key of a word's first two letters, case folded: where a name can start. */
export function bigramKey(a: number, b: number): number {
  return fold(a) * 0x10000 + fold(b);
}

/** Letters NFD does not split into a base and a mark, but that stand for it where diacritics are dropped. */
const LATIN_BASE_EXTRA: Record<string, string> = { ı: 'i', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ħ: 'h', Ħ: 'H', ŧ: 't', Ŧ: 'T' };

/** Base letter of each Latin letter with diacritics (U+00C0..U+024F, U+1E00..U+1EFF); 0 where there is none. */
const LATIN_BASE = new Uint16Array(0x1f00);
for (const [from, to] of [[0xc0, 0x250], [0x1e00, 0x1f00]] as const) {
  for (let c = from; c < to; c++) {
    const ch = String.fromCharCode(c);
    const base = LATIN_BASE_EXTRA[ch] ?? ch.normalize('NFD')[0]!;
    if (base !== ch && /^[A-Za-z]$/.test(base)) LATIN_BASE[c] = base.charCodeAt(0);
  }
}

/**
 * `ё`→`е`, `Ё`→`Е`, typographic apostrophes (’ ‘ ʼ) → `'`, and Latin letters with diacritics → their base
 * letter (ö → o, ñ → n, ğ → g, ı → i), since Kazakh Latin spellings are written with and without them
 * (Aqtöbe, Aqtobe): the code-unit form of `foldVariants`.
 */
export function foldVariantCode(c: number): number {
  if (c < 0xc0) return c;
  if (c < 0x250) return LATIN_BASE[c] || c;
  if (c < 0x2bc) return c;
  if (c === 0x451) return 0x435;
  if (c === 0x401) return 0x415;
  if (c === 0x2bc || c === 0x2018 || c === 0x2019) return 0x27;
  if (c >= 0x1e00 && c < 0x1f00) return LATIN_BASE[c] || c;
  return c;
}

/** `foldVariantCode(c)` for every code unit: a letter as written, for the start of case-sensitive names. */
export const VARIANT: Uint16Array = new Uint16Array(0x10000).map((_, c) => foldVariantCode(c));

/** `foldCode(foldVariantCode(c))` for every code unit: the letter a bigram key is made of. */
export const FOLDED: Uint16Array = new Uint16Array(0x10000).map((_, c) => foldCode(foldVariantCode(c)));

/** Flags of `charFlags`. Names end in `_I` when they answer as a case-insensitive (`i` flag) RegExp would. */
export const CharFlag = {
  /** Set on every code unit `charFlags` has classified: a 0 in `CHAR_FLAGS` means "not yet". */
  known: 1,
  /** `isWordCode`: a word starts where a word code unit follows a non-word one. */
  word: 1 << 1,
  /** Between the words of a name: white space or a dash. */
  separator: 1 << 2,
  /** A Cyrillic letter, as in an inflectional ending. */
  cyrillic: 1 << 3,
  cyrillicI: 1 << 4,
  /** A letter or digit of the packs' scripts: a name must not be followed by one. */
  nameLetter: 1 << 5,
  nameLetterI: 1 << 6,
  /** A combining mark NFC may compose with the letter before it: the text must be normalised first. */
  combining: 1 << 7,
} as const;

const KNOWN = CharFlag.known;

/** Letters and digits of the scripts the packs use (Latin with diacritics, Russian and Kazakh Cyrillic). */
export const WORD_CLASS = 'A-Za-z0-9\\u00C0-\\u024F\\u0400-\\u04FF';
/** Cyrillic letters of an inflectional ending. */
export const CYRILLIC_CLASS = '\\u0400-\\u04FF';
/** What may stand between the words of a name. */
export const SEPARATOR_CLASS = '\\s\\u00A0\\-\\u2010\\u2011\\u2013';

const testers: Array<[number, RegExp]> = [
  [CharFlag.separator, new RegExp(`^[${SEPARATOR_CLASS}]$`)],
  [CharFlag.cyrillic, new RegExp(`^[${CYRILLIC_CLASS}]$`)],
  [CharFlag.cyrillicI, new RegExp(`^[${CYRILLIC_CLASS}]$`, 'i')],
  [CharFlag.nameLetter, new RegExp(`^[${WORD_CLASS}]$`)],
  [CharFlag.nameLetterI, new RegExp(`^[${WORD_CLASS}]$`, 'i')],
  [CharFlag.combining, /^[\u0300-\u036F\u0483-\u0489]$/],
];

const flags = new Uint8Array(0x10000);

/**
 * `charFlags` of each code unit classified so far, 0 for the others: for loops that read it directly and
 * call `charFlags` only where it holds 0. Read only.
 */
export const CHAR_FLAGS: Readonly<Uint8Array> = flags;

function classify(c: number): number {
  const v = foldVariantCode(c);
  const s = String.fromCharCode(v);
  let f = KNOWN | (isWordCode(v) ? CharFlag.word : 0);
  for (const [flag, re] of testers) if (re.test(s)) f |= flag;
  flags[c] = f;
  return f;
}

/** The `CharFlag`s of a code unit as the matcher reads it (after `foldVariantCode`). */
export function charFlags(c: number): number {
  const f = flags[c]!;
  return f !== 0 ? f : classify(c);
}

const canonical = new Uint16Array(0x10000);

/**
 * What a case-insensitive, non-Unicode RegExp compares a code unit by (ECMAScript's Canonicalize): its
 * upper case when that is one code unit and does not turn a non-ASCII letter into an ASCII one.
 */
export function canonicalCode(c: number): number {
  const known = canonical[c]!;
  if (known !== 0) return known;
  const upper = String.fromCharCode(c).toUpperCase();
  const u = upper.length === 1 ? upper.charCodeAt(0) : c;
  const result = c >= 0x80 && u < 0x80 ? c : u;
  canonical[c] = result;
  return result;
}

const searched = new Uint16Array(0x10000);

/** `canonicalCode(foldVariantCode(c))`: what a case-insensitive name compares a code unit of the text by. */
export function searchedCanonicalCode(c: number): number {
  const known = searched[c]!;
  if (known !== 0) return known;
  return (searched[c] = canonicalCode(foldVariantCode(c)));
}
