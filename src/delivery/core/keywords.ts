/**
 * Plain keyword matching: case-insensitive, whole words, Unicode-aware (Cyrillic and Kazakh letters are word
 * characters). Keywords are never regular expressions: every character is matched literally, and runs of spaces
 * in a phrase match any run of whitespace.
 */

const compiled = new Map<string, RegExp>();
const MAX_CACHED = 5_000;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** The compiled pattern of one keyword, cached because fan-out checks the same keywords for every story. */
function patternFor(keyword: string): RegExp {
  let re = compiled.get(keyword);
  if (!re) {
    const body = keyword
      .normalize('NFC')
      .trim()
      .split(/\s+/u)
      .map(escapeRegExp)
      .join('\\s+');
    // Lookarounds instead of \b: \b only knows ASCII word characters, so it would split "Тоқаев" anywhere.
    re = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_])${body}(?![\\p{L}\\p{N}\\p{M}_])`, 'iu');
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(keyword, re);
  }
  return re;
}

/** True when `keyword` occurs in `text` as a whole word (or phrase), ignoring case. */
export function containsKeyword(text: string, keyword: string): boolean {
  return patternFor(keyword).test(text);
}

/**
 * The include/exclude rule of a subscription: with `keywords`, at least one must occur;
 * none of `exclude` may occur. `text` is usually the story's title and summary.
 */
export function keywordsAllow(text: string, keywords: readonly string[], exclude: readonly string[]): boolean {
  if (keywords.length === 0 && exclude.length === 0) return true;
  const normalized = text.normalize('NFC');
  if (exclude.some((k) => containsKeyword(normalized, k))) return false;
  return keywords.length === 0 || keywords.some((k) => containsKeyword(normalized, k));
}
