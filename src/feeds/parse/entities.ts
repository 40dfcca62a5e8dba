import { decodeHTMLStrict, replaceCodePoint } from 'entities/decode';

/**
 * HTML character references in feeds, through the `entities` library (the HTML5 table, the one browsers use).
 * XML knows only its five predefined entities, so before parsing every HTML name (`&nbsp;`, `&alefsym;`)
 * becomes a numeric reference; after parsing, the same library decodes references left in titles that
 * arrive as escaped HTML. Numeric references to 128-159 mean windows-1252 (`&#146;` is ’), as HTML5 reads them.
 */

/** An `&` and what may follow it: a numeric reference, a name with its `;`, or nothing usable. */
const AMPERSAND = /&(?:#([0-9]{1,7});|#[xX]([0-9a-fA-F]{1,6});|([A-Za-z][A-Za-z0-9]{0,31});)?/g;
const XML_NAMES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

const numeric = (text: string) => [...text].map((c) => `&#${c.codePointAt(0)};`).join('');

/**
 * Makes `&` usable by a strict XML parser: HTML names become numeric references, numeric references to
 * 128-159 become the windows-1252 character they mean, and an `&` that starts no valid reference (a raw `&`
 * in a link, an unknown `&name;`) becomes `&amp;`, so its text survives. Call it on markup outside CDATA only.
 */
export function xmlSafeAmpersands(markup: string): string {
  if (!markup.includes('&')) return markup;
  return markup.replace(AMPERSAND, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined || hex !== undefined) {
      const code = Number.parseInt(dec ?? hex ?? '', dec !== undefined ? 10 : 16);
      return code >= 0x80 && code <= 0x9f ? `&#${replaceCodePoint(code)};` : whole;
    }
    if (name === undefined) return '&amp;';
    if (XML_NAMES.has(name)) return whole;
    const decoded = decodeHTMLStrict(whole);
    return decoded === whole ? '&amp;' + whole.slice(1) : numeric(decoded);
  });
}

/**
 * Decodes the HTML character references left in a title after XML parsing: every HTML5 name, decimal and hex
 * references, 128-159 as windows-1252, invalid code points as U+FFFD. Only references ended by `;` count:
 * this is a second decoding of text the XML parser already decoded, and a literal `?page=1&copy=2` or
 * `Q&notes` must not turn into `©` or `¬`. Unknown names stay as written.
 */
export function decodeHtmlEntities(text: string): string {
  return text.includes('&') ? decodeHTMLStrict(text) : text;
}
