import { decodeHtmlEntities } from './entities.js';

/** Longest title we keep, in characters: titles are headlines, and the cap bounds the work on hostile input. */
export const MAX_TITLE_CHARS = 1000;

/**
 * Removes tags with a linear scan: a `<` without a later `>` ends tag removal, and the rest stays as text.
 * (A regex like `<[^>]*>` rescans to the end at every unmatched `<`, which is quadratic.)
 */
export function stripTags(html: string): string {
  let out = '';
  let i = 0;
  while (i < html.length) {
    const open = html.indexOf('<', i);
    if (open === -1) break;
    const close = html.indexOf('>', open + 1);
    if (close === -1) break;
    out += html.slice(i, open) + ' ';
    i = close + 1;
  }
  return out + html.slice(i);
}

/** Plain text from a possibly-HTML string: tags removed, entities decoded, whitespace collapsed. */
export function plainText(value: string | undefined, maxChars = MAX_TITLE_CHARS): string {
  if (!value) return '';
  const capped = value.length > maxChars * 4 ? value.slice(0, maxChars * 4) : value;
  return literalText(decodeHtmlEntities(stripTags(capped)), maxChars);
}

/** Text that is already plain (an Atom `type="text"` title): whitespace collapsed, length capped, nothing else. */
export function literalText(value: string | undefined, maxChars = MAX_TITLE_CHARS): string {
  if (!value) return '';
  const text = value.replace(/\s+/g, ' ').trim();
  return text.length > maxChars ? text.slice(0, maxChars - 1).trimEnd() + '…' : text;
}

/** A URL usable as a base, or undefined. */
export function asBaseUrl(value: string | undefined, parent?: string): string | undefined {
  const href = value?.trim();
  if (!href) return parent;
  try {
    return new URL(href, parent).href;
  } catch {
    return parent;
  }
}

/**
 * Resolves a link against `base`. Returns the absolute URL when it can be built, the trimmed link as given
 * when it is relative and there is no base, and undefined for empty or script links.
 */
export function resolveLink(href: string | undefined, base: string | undefined): string | undefined {
  const link = href?.trim();
  if (!link) return undefined;
  if (/^(javascript|data|vbscript):/i.test(link)) return undefined;
  try {
    return new URL(link, base).href;
  } catch {
    return link;
  }
}
