import { decodeHTMLStrict, replaceCodePoint } from 'entities/decode';

/**
 * HTML character references in feeds, through the `entities` library (the HTML5 table, the one browsers use).
 * XML knows only its five predefined entities, so before parsing every HTML name (`&nbsp;`, `&alefsym;`)
 * becomes a numeric reference; after parsing, the same library decodes references left in titles that
 * arrive as escaped HTML. Numeric references to 128-159 mean windows-1252 (`&#146;` is ’), as HTML5 reads them.
 */

/**
 * The `&`s to rewrite: numeric references to 128-159 (decimal or hex, any leading zeros), and any `&` that does
 * not start one of XML's own references (the five predefined, decimal, hex), with the name that follows it.
 */
const AMPERSAND = /&#0*(12[89]|1[3-5][0-9]);|&#[xX]0*([89][0-9a-fA-F]);|&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});)(?:([A-Za-z][A-Za-z0-9]{0,31});)?/g;

/** HTML name -> its numeric references (or `&amp;name;` for no name), computed once per name. */
const named = new Map<string, string>();

function numericReferenceOf(name: string): string {
  let reference = named.get(name);
  if (reference === undefined) {
    const whole = `&${name};`;
    const decoded = decodeHTMLStrict(whole);
    reference = decoded === whole ? `&amp;${name};` : [...decoded].map((c) => `&#${c.codePointAt(0)};`).join('');
    if (named.size < 4096) named.set(name, reference);
  }
  return reference;
}

/**
 * Makes `&` usable by a strict XML parser: HTML names become numeric references, numeric references to
 * 128-159 become the windows-1252 character they mean, and an `&` that starts no valid reference (a raw `&`
 * in a link, an unknown `&name;`) becomes `&amp;`, so its text survives. Call it on markup outside CDATA only.
 */
export function xmlSafeAmpersands(markup: string): string {
  if (!markup.includes('&')) return markup;
  return markup.replace(AMPERSAND, (_whole, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined) return `&#${replaceCodePoint(Number.parseInt(dec, 10))};`;
    if (hex !== undefined) return `&#${replaceCodePoint(Number.parseInt(hex, 16))};`;
    return name === undefined ? '&amp;' : numericReferenceOf(name);
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
