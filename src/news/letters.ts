/**
 * Character tests on UTF-16 code units for the scanning loop of the matcher: cheaper than a RegExp per
 * character, exact for Latin, Latin-1 and Cyrillic, and falling back to Unicode properties elsewhere.
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
