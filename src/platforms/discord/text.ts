import { escapeMarkdown } from 'discord.js';

const ELLIPSIS = '…';
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Cuts `text` to at most `max` UTF-16 code units, at a grapheme boundary (never inside an emoji or
 * a letter with its accents), ending with "…" when anything was cut. UTF-16 length is never less than
 * the code-point count Discord checks, so a cut text always fits.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    if (out.length + segment.length + ELLIPSIS.length > max) break;
    out += segment;
  }
  out = out.trimEnd();
  // An escape backslash left dangling by the cut would escape the ellipsis; drop it.
  const trailing = /\\+$/.exec(out)?.[0].length ?? 0;
  if (trailing % 2 === 1) out = out.slice(0, -1);
  return `${out}${ELLIPSIS}`;
}

/**
 * Escapes Discord markdown in text that came from a feed, masked links and headings included,
 * so an outlet's text cannot format, hide links or shout in a channel.
 */
export function escapeFeedText(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
}

/** Collapses runs of whitespace (feeds send newlines and tabs from HTML) into single spaces. */
export function squashWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
