import { decodeHTML } from 'entities/decode';

/**
 * HTML to plain text for summaries and matching: markup gone, entities decoded, blocks kept apart. Pure, and
 * linear in the input whatever it holds (one pass over the markup; each `indexOf` resumes where the last ended),
 * so a description of 8,000 unclosed `<p` or a megabyte of `<` costs what its length costs.
 */

/** Decodes HTML character references as a browser does (the `entities` library, as the feed parser uses). */
export function decodeEntities(text: string): string {
  return text.includes('&') ? decodeHTML(text) : text;
}

const BLOCK_TAGS = new Set(
  'p div br hr li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr td th table thead tbody blockquote section article header footer aside figure figcaption pre main nav'.split(' '),
);
/** Elements whose content is never text. */
const RAW_TEXT_TAGS = new Set(['script', 'style', 'noscript', 'template']);

/** Where markup may start: `<` before a letter, `/`, `!` or `?` (any other `<` is text). */
const MARKUP_START = /<[A-Za-z/!?]/g;
const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isNameChar = (code: number) => isLetter(code) || (code >= 48 && code <= 58) || code === 45;

/**
 * Strips the markup in one pass, as an HTML tokenizer reads it: `<` starts a tag only before a letter (or `/`
 * and a letter), and a tag runs to the next `>`; comments, `<!...>` and `<?...>` vanish; a script, style,
 * noscript or template vanishes with its content; block elements become a paragraph break. Markup left open at
 * the end (a description cut inside a tag or comment) is dropped, as a browser drops it; a `<` that starts no
 * tag (`x < 5`, `<<<`) is text. CDATA sections keep their text.
 */
function stripMarkup(html: string): string {
  const out: string[] = [];
  /** Start of the text not yet copied to `out`. */
  let text = 0;
  let i = 0;
  /** Copies the text before the markup at `lt`, then skips the markup to `end`, leaving `replacement`. */
  const skipTo = (lt: number, end: number, replacement: string) => {
    if (lt > text) out.push(html.slice(text, lt));
    if (replacement) out.push(replacement);
    i = end;
    text = end;
  };
  for (;;) {
    MARKUP_START.lastIndex = i;
    const lt = MARKUP_START.exec(html)?.index ?? -1;
    if (lt === -1) break;
    const next = html.charCodeAt(lt + 1);
    if (next === 33 || next === 63) {
      // '<!' or '<?': a comment, a CDATA section, a declaration or a processing instruction
      if (html.startsWith('<!--', lt)) {
        const end = html.indexOf('-->', lt + 4);
        skipTo(lt, end === -1 ? html.length : end + 3, ' ');
      } else if (html.startsWith('<![CDATA[', lt)) {
        const end = html.indexOf(']]>', lt + 9);
        skipTo(lt, end === -1 ? html.length : end + 3, html.slice(lt + 9, end === -1 ? html.length : end));
      } else {
        const end = html.indexOf('>', lt + 2);
        skipTo(lt, end === -1 ? html.length : end + 1, ' ');
      }
      continue;
    }
    const closing = next === 47; // '/'
    const nameStart = closing ? lt + 2 : lt + 1;
    if (!isLetter(html.charCodeAt(nameStart))) {
      i = lt + 2; // '</' before a non-letter starts no tag: it stays in the text
      continue;
    }
    let nameEnd = nameStart + 1;
    while (nameEnd < html.length && isNameChar(html.charCodeAt(nameEnd))) nameEnd++;
    const end = html.indexOf('>', nameEnd);
    if (end === -1) {
      skipTo(lt, html.length, ''); // a tag cut off by the end of the text: dropped with what follows it
      break;
    }
    // Block and raw-text names are at most 10 letters long ("blockquote"): longer ones need no lookup.
    const name = nameEnd - nameStart <= 10 ? html.slice(nameStart, nameEnd).toLowerCase() : '';
    if (!closing && RAW_TEXT_TAGS.has(name)) {
      const close = new RegExp(`</${name}\\s*>`, 'gi');
      close.lastIndex = end + 1;
      skipTo(lt, close.exec(html) ? close.lastIndex : html.length, ' ');
    } else {
      skipTo(lt, end + 1, BLOCK_TAGS.has(name) ? '\n\n' : '');
    }
  }
  out.push(html.slice(text));
  return out.join('');
}

/**
 * Plain text from HTML or text. Scripts, styles and comments are dropped; block elements become
 * paragraph breaks (`\n\n`); entities are decoded; spaces inside a paragraph collapse to one.
 */
export function htmlToText(html: string): string {
  if (!html) return '';
  return decodeEntities(stripMarkup(html))
    .replace(/\u00AD/g, '') // soft hyphens would split the words that relevance matching looks for
    .split(/\n\s*\n/)
    .map((block) => block.replace(/[\s\u00A0\u2000-\u200B\u202F\u205F\u3000]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}
