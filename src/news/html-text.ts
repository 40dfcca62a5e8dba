/** HTML to plain text for summaries: markup gone, entities decoded, blocks kept apart. Pure. */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', ndash: '–', mdash: '—', hellip: '…',
  laquo: '«', raquo: '»', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', bull: '•',
  middot: '·', copy: '©', reg: '®', trade: '™', euro: '€', pound: '£', yen: '¥', cent: '¢', deg: '°',
  times: '×', divide: '÷', minus: '−', plusmn: '±', shy: '', zwnj: '', zwj: '', thinsp: '\u2009',
  ensp: '\u2002', emsp: '\u2003', prime: '′', Prime: '″', sect: '§', para: '¶', frac12: '½', frac14: '¼',
  frac34: '¾', eacute: 'é', egrave: 'è', agrave: 'à', aacute: 'á', oacute: 'ó', uuml: 'ü', ouml: 'ö', auml: 'ä',
  szlig: 'ß', ccedil: 'ç', iacute: 'í', ntilde: 'ñ', numero: '№', larr: '←', rarr: '→',
};

/** Decodes named (`&amp;`), decimal (`&#1058;`) and hexadecimal (`&#x422;`) character references. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      // Invalid or surrogate code points become U+FFFD, as browsers do.
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

const BLOCK_TAGS =
  'p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|thead|tbody|blockquote|section|article|header|footer|aside|figure|figcaption|pre|main|nav';

/**
 * Plain text from HTML or text. Scripts, styles and comments are dropped; block elements become
 * paragraph breaks (`\n\n`); entities are decoded; spaces inside a paragraph collapse to one.
 */
export function htmlToText(html: string): string {
  if (!html) return '';
  let s = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(new RegExp(`<\\/?(?:${BLOCK_TAGS})\\b[^>]*>`, 'gi'), '\n\n')
    .replace(/<\/?[A-Za-z][^>]*>/g, '');
  s = decodeEntities(s);
  return s
    .split(/\n\s*\n/)
    .map((block) => block.replace(/[\s\u00A0\u2000-\u200B\u202F\u205F\u3000]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}
