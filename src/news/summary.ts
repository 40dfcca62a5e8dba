import { htmlToText } from './html-text.js';

/** A guess good enough for sentence rules: Kazakh letters → kk, other Cyrillic → ru, else en. */
export function guessLocale(text: string): 'kk' | 'ru' | 'en' {
  if (/[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/.test(text)) return 'kk';
  if (/[\u0400-\u04FF]/.test(text)) return 'ru';
  return 'en';
}

/** Feed boilerplate that says nothing about the story (WordPress appends it to every description). */
const BOILERPLATE = [/\bThe post .{1,300}? appeared first on .{1,200}?\.?$/s, /\s*(?:Continue reading|Read more)\s*(?:…|\.\.\.)?\s*$/i];

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(locale: string, granularity: 'sentence' | 'grapheme'): Intl.Segmenter {
  const key = `${locale}:${granularity}`;
  let s = segmenters.get(key);
  if (!s) segmenters.set(key, (s = new Intl.Segmenter(locale, { granularity })));
  return s;
}

/** Cuts text to at most `max` characters (ellipsis included) at a word boundary, never inside a grapheme. */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = Math.max(1, max - 1);
  const head = text.slice(0, room + 1);
  const lastSpace = head.search(/\s\S*$/);
  if (lastSpace >= room / 2) return `${head.slice(0, lastSpace).replace(/[\s,;:–—-]+$/, '')}…`;
  // No usable space (a long URL, a compound): cut between graphemes.
  let cut = '';
  for (const { segment } of segmenter('en', 'grapheme').segment(text)) {
    if (cut.length + segment.length > room) break;
    cut += segment;
  }
  return `${cut}…`;
}

/**
 * A short extractive summary: the first 2-3 sentences that fit in `maxChars`.
 * HTML is stripped and entities decoded; a block element ends a sentence. When even the first sentence
 * is too long it is cut at a word boundary with an ellipsis. Empty input gives ''.
 * @param htmlOrText description or content, HTML or plain text
 * @param maxChars longest summary, in UTF-16 code units (default 300)
 */
export function summarize(htmlOrText: string, maxChars = 300): string {
  let text = htmlToText(htmlOrText ?? '');
  for (const pattern of BOILERPLATE) text = text.replace(pattern, '').trim();
  if (!text) return '';
  const sentences: string[] = [];
  const seg = segmenter(guessLocale(text), 'sentence');
  for (const block of text.split('\n\n')) {
    for (const { segment } of seg.segment(block)) {
      const s = segment.trim();
      if (s) sentences.push(s);
    }
    // A heading or list item has no full stop; give it one so it reads as a sentence when joined.
    const last = sentences.length - 1;
    if (last >= 0 && !/[.!?…。:;"»”)]$/u.test(sentences[last]!)) sentences[last] += '.';
    if (sentences.length >= 3) break;
  }
  let summary = '';
  for (const s of sentences.slice(0, 3)) {
    const next = summary ? `${summary} ${s}` : s;
    if (next.length > maxChars) break;
    summary = next;
  }
  return summary || truncateAtWord(sentences[0] ?? text, maxChars);
}
