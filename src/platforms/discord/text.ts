import { escapeMarkdown } from '@discordjs/formatters';

const ELLIPSIS = '…';
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** How far back from a cut a space is looked for, and how far past it graphemes may reach (UTF-16 units). */
const SEGMENT_WINDOW = 64;

/**
 * Cuts `text` to at most `max` UTF-16 code units, at a grapheme boundary (never inside an emoji or
 * a letter with its accents), ending with "…" when anything was cut. UTF-16 length is never less than
 * the code-point count Discord checks, so a cut text always fits.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  const limit = max - ELLIPSIS.length;
  // Segmenting is slow (microseconds per grapheme), so only the end is segmented: from the last space
  // shortly before the cut, where a grapheme always starts.
  const space = text.lastIndexOf(' ', limit);
  const from = space >= 0 && limit - space <= SEGMENT_WINDOW ? space : 0;
  let out = text.slice(0, from);
  for (const { segment } of segmenter.segment(text.slice(from, limit + SEGMENT_WINDOW))) {
    if (out.length + segment.length > limit) break;
    out += segment;
  }
  out = out.trimEnd();
  // An escape backslash left dangling by the cut would escape the ellipsis; drop it.
  const trailing = /\\+$/.exec(out)?.[0].length ?? 0;
  if (trailing % 2 === 1) out = out.slice(0, -1);
  return `${out}${ELLIPSIS}`;
}

/**
 * Escapes Discord markdown in message content with discord.js `escapeMarkdown`, masked links, headings
 * and lists included, so an outlet's text cannot format, hide links or shout in a channel.
 */
export function escapeContent(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
}

/**
 * Escapes the same markdown as `escapeContent` for embed text, in one pass: `escapeMarkdown` costs
 * about 2 ms per summary, which adds up over a burst of combined messages. Every character that
 * formats (`* _ ~ \` | [ ] \\`) is escaped wherever it is; headings, quotes, subtext and lists only
 * at the start of a line, where they mean something.
 */
export function escapeFeedText(text: string): string {
  return text
    .replace(/[\\*_~`|[\]]/g, '\\$&')
    .replace(/^(\s*)(#{1,3} |>>?>? |-# |[-+] )/gm, '$1\\$2')
    .replace(/^(\s*\d+)\. /gm, '$1\\. ');
}

/** Collapses runs of whitespace (feeds send newlines and tabs from HTML) into single spaces. */
export function squashWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
