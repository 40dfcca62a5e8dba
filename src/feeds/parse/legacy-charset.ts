import iconv from 'iconv-lite';

/**
 * Guessing the charset of legacy bytes that declare none (and are not valid UTF-8).
 *
 * Heuristic: decode a sample with each candidate and score how much the result looks like text of that
 * candidate's language. Per non-ASCII character:
 * - a replacement character, C1 control, private-use or non-character rules the candidate out (the bytes do
 *   not fit its grammar, which is what usually happens to multi-byte CJK candidates on other text);
 * - one of the language's most frequent letters scores 3 (lower-case only for scripts with case: KOI8-R and
 *   windows-1251 swap the case ranges, so the wrong one of the two reads as mostly capitals), another letter
 *   of the script 1, a capital 0.5;
 * - common punctuation (NBSP, quotes, dashes, ellipsis, №) scores 0; anything else -2;
 * - a non-Latin letter glued to an ASCII letter scores -1 (accented Latin read as Cyrillic gives `Sгo`);
 *   for windows-1252, an accented letter scores 3 only inside a word that also has ASCII letters.
 * The score is the mean over non-ASCII characters; the best candidate wins, ties go to the earlier one.
 */

interface Candidate {
  encoding: string;
  weigh(char: string, code: number, gluedToAscii: boolean, wordHasAscii: boolean): number;
}

const range = (code: number, from: number, to: number) => code >= from && code <= to;

function cased(common: string, lower: (c: number) => boolean, upper: (c: number) => boolean, script: (c: number) => boolean) {
  return (char: string, code: number, glued: boolean): number => {
    if (!script(code)) return NaN;
    if (glued) return -1;
    if (common.includes(char)) return 3;
    if (lower(code)) return 1;
    if (upper(code)) return 0.5;
    return 1;
  };
}

const cyrillic = cased(
  'оеаинтсрвлкмдпу',
  (c) => range(c, 0x430, 0x44f) || range(c, 0x450, 0x45f),
  (c) => range(c, 0x400, 0x42f),
  (c) => range(c, 0x400, 0x4ff),
);
const greek = cased('αοιετσνηυρ', (c) => range(c, 0x3ac, 0x3ce), (c) => range(c, 0x386, 0x3ab), (c) => range(c, 0x370, 0x3ff));

function uncased(common: string, script: (c: number) => boolean, other = 1) {
  return (char: string, code: number, glued: boolean): number => {
    if (!script(code)) return NaN;
    if (glued) return -1;
    return common.includes(char) ? 3 : other;
  };
}

const hebrew = uncased('יוהלארמתבשנ', (c) => range(c, 0x591, 0x5f4));
const thai = uncased('', (c) => range(c, 0xe01, 0xe5b), 2);
const hanzi = (c: number) => range(c, 0x4e00, 0x9fff);
const kana = (c: number) => range(c, 0x3040, 0x30ff);
const japanese = (_char: string, code: number) => (range(code, 0x3040, 0x309f) ? 3 : kana(code) ? 2 : hanzi(code) ? 1.5 : NaN);
const SIMPLIFIED = '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日';
const TRADITIONAL = '的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前開但因只從想實日';
const chinese = (common: string) => (char: string, code: number) => (!hanzi(code) ? NaN : common.includes(char) ? 3 : 1);
const korean = (_char: string, code: number) => (range(code, 0xac00, 0xd7a3) ? 3 : hanzi(code) ? 0.5 : NaN);

function latin(_char: string, code: number, _glued: boolean, wordHasAscii: boolean): number {
  const letter = (range(code, 0xc0, 0x24f) && code !== 0xd7 && code !== 0xf7) || code === 0x152 || code === 0x153;
  if (!letter) return NaN;
  return wordHasAscii ? 3 : -1;
}

/** Candidates in tie-break order: the region's own legacy charsets first. */
const CANDIDATES: Candidate[] = [
  { encoding: 'windows-1251', weigh: cyrillic },
  { encoding: 'koi8-r', weigh: cyrillic },
  { encoding: 'windows-1252', weigh: latin },
  { encoding: 'iso-8859-7', weigh: greek },
  { encoding: 'windows-1255', weigh: hebrew },
  { encoding: 'tis-620', weigh: thai },
  { encoding: 'shift_jis', weigh: japanese },
  { encoding: 'euc-jp', weigh: japanese },
  { encoding: 'big5', weigh: chinese(TRADITIONAL) },
  { encoding: 'gbk', weigh: chinese(SIMPLIFIED) },
  { encoding: 'euc-kr', weigh: korean },
];

function isNeutral(code: number): boolean {
  return (
    code === 0xa0 || code === 0xab || code === 0xbb || code === 0xa9 || code === 0xae || code === 0xb0 ||
    code === 0xb7 || code === 0x2116 || code === 0x20ac || code === 0x2122 || range(code, 0x2000, 0x206f) ||
    range(code, 0x3000, 0x303f) || range(code, 0xff00, 0xffef)
  );
}

function isImpossible(code: number): boolean {
  return (
    code === 0xfffd || range(code, 0x80, 0x9f) || range(code, 0xe000, 0xf8ff) || code === 0xfffe || code === 0xffff ||
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d)
  );
}

const isAsciiLetter = (code: number | undefined) => code !== undefined && ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);

/** Mean weight of the non-ASCII characters of `text` under `candidate`; -Infinity when ruled out. */
function scoreText(text: string, candidate: Candidate): number {
  let total = 0;
  let count = 0;
  // Tokens: runs of letters/marks (words) and single other characters.
  for (const [token] of text.matchAll(/[\p{L}\p{M}]+|[^\p{L}\p{M}]+/gu)) {
    const chars = Array.from(token);
    const wordHasAscii = /[A-Za-z]/.test(token);
    for (let i = 0; i < chars.length; i++) {
      const char = chars[i] as string;
      const code = char.codePointAt(0) as number;
      if (code < 0x80) continue;
      if (isImpossible(code)) return -Infinity;
      count++;
      if (isNeutral(code)) continue;
      const glued = isAsciiLetter(chars[i - 1]?.codePointAt(0)) || isAsciiLetter(chars[i + 1]?.codePointAt(0));
      const weight = candidate.weigh(char, code, glued, wordHasAscii);
      total += Number.isNaN(weight) ? -2 : weight;
    }
  }
  return count === 0 ? 0 : total / count;
}

/** Sample size for detection: 64 KiB is plenty to tell scripts apart and keeps large feeds cheap. */
const SAMPLE_BYTES = 64 * 1024;

/**
 * Picks the most plausible legacy charset for `body` (see the heuristic above). Never throws; falls back to
 * windows-1252, which maps every byte to some character.
 */
export function detectLegacyEncoding(body: Buffer): string {
  let sample = body.subarray(0, SAMPLE_BYTES);
  if (body.length > SAMPLE_BYTES) {
    // Cut at an ASCII byte so a multi-byte character is not split into a false "impossible" ending.
    let end = sample.length;
    while (end > 0 && (sample[end - 1] as number) >= 0x80) end--;
    sample = sample.subarray(0, end);
  }
  let best = 'windows-1252';
  let bestScore = -Infinity;
  for (const candidate of CANDIDATES) {
    const score = scoreText(iconv.decode(sample, candidate.encoding), candidate);
    if (score > bestScore) {
      best = candidate.encoding;
      bestScore = score;
    }
  }
  return best;
}
