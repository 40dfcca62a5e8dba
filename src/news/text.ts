/** Small text helpers shared by matching, clustering and lookup. Pure functions. */
import { foldVariantCode } from './letters.js';

/**
 * NFC, then `foldVariants`. Keeps the string's length, so offsets found in the result point at the same
 * characters in the input (after NFC).
 */
export function normalizeText(text: string): string {
  return foldVariants(text.normalize('NFC'));
}

const VARIANTS = /[ёЁ’‘ʼ\u00C0-\u024F\u1E00-\u1EFF]/;

/**
 * `ё`→`е`, typographic apostrophes → `'`, Latin letters with diacritics → their base letter (`foldVariantCode`
 * on every code unit), keeping the length; no NFC.
 */
export function foldVariants(text: string): string {
  if (!VARIANTS.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(foldVariantCode(text.charCodeAt(i)));
  return out;
}

const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Kazakh letters
  ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i',
};

/**
 * Lower-case Latin letters, digits and single spaces: Cyrillic (Russian and Kazakh) transliterated,
 * Latin diacritics dropped, everything else a space. "Қасым-Жомарт Тоқаев" → "kasym zhomart tokaev".
 */
export function foldToLatin(text: string): string {
  const lower = text.normalize('NFC').toLowerCase();
  let out = '';
  for (const ch of lower) {
    const t = CYRILLIC_TO_LATIN[ch];
    // Latin diacritics go (é → e, ı → i); Cyrillic is mapped whole, so й stays y and not и.
    const folded = ch.length === 1 ? String.fromCharCode(foldVariantCode(ch.charCodeAt(0))) : ch;
    const base = t ?? folded.normalize('NFD').replace(/\p{M}/gu, '');
    if (t !== undefined) out += t;
    else if ((base >= 'a' && base <= 'z') || (base >= '0' && base <= '9')) out += base;
    else if (ch === "'" || ch === '’') continue;
    else out += ' ';
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Whether a string contains Cyrillic letters. */
export function hasCyrillic(text: string): boolean {
  return /\p{Script=Cyrillic}/u.test(text);
}
