/**
 * Telegram's `parse_mode: 'HTML'`, as strict as the real server (TDLib's parse_html): the same supported tags,
 * the same error wording and the same byte offsets (UTF-8 bytes of the original text). Entity offsets and
 * lengths are UTF-16 code units, like the Bot API's.
 *
 * One deliberate difference: Telegram keeps a bare `&` (or an unsupported named entity such as `&laquo;`)
 * literally, although its documentation says every `&` must be escaped. With `strictAmpersands` (the default)
 * the fake refuses it, so a renderer that forgets to escape `&` fails here instead of in production later.
 */

/** A Bot API MessageEntity (the subset produced by HTML parsing and command detection). */
export interface MessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

/** A parse failure; `message` is the text after "Bad Request: can't parse entities: ". */
export class HtmlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HtmlParseError';
  }
}

const supportedTags = new Set([
  'a', 'b', 'strong', 'i', 'em', 's', 'strike', 'del', 'u', 'ins',
  'tg-spoiler', 'tg-emoji', 'span', 'pre', 'code', 'blockquote',
]);

const entityTypeOfTag: Record<string, string> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough', 'tg-spoiler': 'spoiler', span: 'spoiler',
  code: 'code', pre: 'pre', blockquote: 'blockquote', a: 'text_link', 'tg-emoji': 'custom_emoji',
};

interface OpenTag {
  name: string;
  argument: string;
  expandable: boolean;
  offset: number;
}

/** Options of {@link parseHtml}. */
export interface ParseHtmlOptions {
  /** Refuse a `&` that does not start `&lt; &gt; &amp; &quot;` or a numeric reference. Default true. */
  strictAmpersands?: boolean;
}

/** Parses Telegram HTML into plain text and entities. Throws HtmlParseError with Telegram's wording. */
export function parseHtml(html: string, options: ParseHtmlOptions = {}): { text: string; entities: MessageEntity[] } {
  const strict = options.strictAmpersands ?? true;
  const chars = Array.from(html);
  // Byte offset of each code point, plus one past the end.
  const bytes: number[] = [];
  let b = 0;
  for (const ch of chars) {
    bytes.push(b);
    b += Buffer.byteLength(ch, 'utf8');
  }
  bytes.push(b);
  const at = (i: number): string => chars[i] ?? '';
  const isSpace = (c: string) => c === '' || c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\v' || c === '\f';
  const atEnd = (i: number) => i >= chars.length;

  let text = '';
  const entities: MessageEntity[] = [];
  const stack: OpenTag[] = [];

  /** Decodes the reference at chars[i] === '&'; returns the character and the index after it, or undefined. */
  const decodeEntity = (i: number): { ch: string; next: number } | undefined => {
    let j = i + 1;
    if (at(j) === '#') {
      j++;
      let digits = '';
      let radix = 10;
      if (at(j) === 'x' || at(j) === 'X') {
        radix = 16;
        j++;
        while (/^[0-9a-fA-F]$/.test(at(j))) digits += chars[j++];
      } else {
        while (/^[0-9]$/.test(at(j))) digits += chars[j++];
      }
      if (digits === '') return undefined;
      const code = parseInt(digits, radix);
      if (code === 0 || code > 0x10ffff) return undefined;
      if (code >= 0xd800 && code <= 0xdfff) {
        throw new HtmlParseError(
          'Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units',
        );
      }
      if (at(j) === ';') j++;
      return { ch: String.fromCodePoint(code), next: j };
    }
    let name = '';
    while (/^[a-zA-Z]$/.test(at(j))) name += chars[j++];
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
    const ch = named[name];
    if (ch === undefined) return undefined;
    if (at(j) === ';') j++;
    return { ch, next: j };
  };

  const bareAmpersand = (i: number) => new HtmlParseError(`Unescaped "&" at byte offset ${bytes[i]}`);

  let i = 0;
  while (i < chars.length) {
    const c = at(i);
    if (c === '&') {
      const decoded = decodeEntity(i);
      if (decoded) {
        text += decoded.ch;
        i = decoded.next;
        continue;
      }
      if (strict) throw bareAmpersand(i);
    }
    if (c !== '<') {
      text += c;
      i++;
      continue;
    }

    const begin = bytes[i] ?? 0;
    i++;
    if (at(i) !== '/') {
      const nameStart = i;
      while (!atEnd(i) && !isSpace(at(i)) && at(i) !== '>') i++;
      if (atEnd(i)) throw new HtmlParseError(`Unclosed start tag at byte offset ${begin}`);
      const tagName = chars.slice(nameStart, i).join('').toLowerCase();
      if (!supportedTags.has(tagName)) {
        throw new HtmlParseError(`Unsupported start tag "${tagName}" at byte offset ${begin}`);
      }
      let argument = '';
      let expandable = false;
      while (at(i) !== '>') {
        while (!atEnd(i) && isSpace(at(i))) i++;
        if (atEnd(i)) throw new HtmlParseError(`Unclosed start tag at byte offset ${begin}`);
        if (at(i) === '>') break;
        const attrStart = i;
        while (!atEnd(i) && !isSpace(at(i)) && at(i) !== '=' && at(i) !== '>') i++;
        const attrName = chars.slice(attrStart, i).join('');
        if (attrName === '') {
          throw new HtmlParseError(`Empty attribute name in the tag "${tagName}" at byte offset ${begin}`);
        }
        while (!atEnd(i) && isSpace(at(i))) i++;
        if (atEnd(i)) throw new HtmlParseError(`Unclosed start tag "${tagName}" at byte offset ${begin}`);
        if (at(i) !== '=') {
          if (tagName === 'blockquote' && attrName.toLowerCase() === 'expandable') {
            expandable = true;
            continue;
          }
          throw new HtmlParseError(
            `Expected equal sign in declaration of an attribute of the tag "${tagName}" at byte offset ${begin}`,
          );
        }
        i++;
        while (!atEnd(i) && isSpace(at(i))) i++;
        if (atEnd(i)) throw new HtmlParseError(`Unclosed start tag "${tagName}" at byte offset ${begin}`);
        let value = '';
        if (at(i) !== '"' && at(i) !== "'") {
          const tokenStart = i;
          while (/^[a-zA-Z0-9.-]$/.test(at(i))) i++;
          value = chars.slice(tokenStart, i).join('').toLowerCase();
          if (!isSpace(at(i)) && at(i) !== '>') {
            throw new HtmlParseError(`Unexpected end of name token at byte offset ${bytes[tokenStart]}`);
          }
        } else {
          const quote = at(i++);
          while (!atEnd(i) && at(i) !== quote) {
            if (at(i) === '&') {
              const decoded = decodeEntity(i);
              if (decoded) {
                value += decoded.ch;
                i = decoded.next;
                continue;
              }
              if (strict) throw bareAmpersand(i);
            }
            value += at(i++);
          }
          if (atEnd(i)) throw new HtmlParseError(`Unclosed start tag at byte offset ${begin}`);
          i++;
        }
        const attr = attrName.toLowerCase();
        if (tagName === 'a' && attr === 'href') argument = value;
        else if (tagName === 'code' && attr === 'class' && value.startsWith('language-')) argument = value.slice(9);
        else if (tagName === 'span' && attr === 'class' && value.startsWith('tg-')) argument = value.slice(3);
        else if (tagName === 'tg-emoji' && attr === 'emoji-id') argument = value;
      }
      if (tagName === 'span' && argument !== 'spoiler') {
        throw new HtmlParseError(`Tag "span" must have class "tg-spoiler" at byte offset ${begin}`);
      }
      i++; // past '>'
      stack.push({ name: tagName, argument, expandable, offset: text.length });
      continue;
    }

    // An end tag.
    if (stack.length === 0) throw new HtmlParseError(`Unexpected end tag at byte offset ${begin}`);
    i++;
    const nameStart = i;
    while (!atEnd(i) && !isSpace(at(i)) && at(i) !== '>') i++;
    const endName = chars.slice(nameStart, i).join('').toLowerCase();
    while (!atEnd(i) && isSpace(at(i))) i++;
    if (at(i) !== '>') throw new HtmlParseError(`Unclosed end tag at byte offset ${begin}`);
    i++;
    const open = stack.pop() as OpenTag;
    if (endName !== '' && endName !== open.name) {
      throw new HtmlParseError(
        `Unmatched end tag at byte offset ${begin}, expected "</${open.name}>", found "</${endName}>"`,
      );
    }
    const entity = closeEntity(open, text);
    if (entity) addEntity(entities, entity);
  }

  if (stack.length > 0) {
    throw new HtmlParseError(`Can't find end tag corresponding to start tag "${stack[stack.length - 1]?.name}"`);
  }
  entities.sort((x, y) => x.offset - y.offset || y.length - x.length);
  return { text, entities };
}

function closeEntity(open: OpenTag, text: string): MessageEntity | undefined {
  const offset = open.offset;
  const length = text.length - offset;
  if (length <= 0) return undefined;
  const type = entityTypeOfTag[open.name] ?? 'bold';
  switch (open.name) {
    case 'a': {
      const url = normalizeUrl(open.argument || text.slice(offset));
      return url ? { type, offset, length, url } : undefined;
    }
    case 'code':
      return open.argument ? { type, offset, length, language: open.argument } : { type, offset, length };
    case 'blockquote':
      return { type: open.expandable ? 'expandable_blockquote' : 'blockquote', offset, length };
    case 'tg-emoji':
      return open.argument ? { type, offset, length, custom_emoji_id: open.argument } : undefined;
    default:
      return { type, offset, length };
  }
}

/** `<pre><code class="language-x">` over the same text is one pre entity with a language, as in Telegram. */
function addEntity(entities: MessageEntity[], entity: MessageEntity): void {
  if (entity.type === 'pre') {
    const last = entities[entities.length - 1];
    if (last?.type === 'code' && last.language && last.offset === entity.offset && last.length === entity.length) {
      entities.pop();
      entities.push({ type: 'pre', offset: entity.offset, length: entity.length, language: last.language });
      return;
    }
  }
  entities.push(entity);
}

/**
 * Telegram drops a link whose URL it cannot accept (the text stays, unlinked), and adds `http://` to a bare
 * host name. Accepted schemes: http, https, tg, ton, ftp.
 */
export function normalizeUrl(raw: string): string | undefined {
  const value = raw.trim();
  if (value === '' || /\s/.test(value)) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (!['http:', 'https:', 'tg:', 'ton:', 'ftp:'].includes(url.protocol)) return undefined;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.hostname.includes('.') && url.hostname !== 'localhost') {
    return undefined;
  }
  return url.href;
}
