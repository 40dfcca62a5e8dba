/**
 * HTML named character references that feeds use in XML without declaring them (`&nbsp;` is the usual one).
 * XML knows only the five predefined entities, so before parsing these become numeric references; after
 * parsing, the same table decodes entities left in titles that arrive as escaped HTML.
 */

/** Latin-1 names for U+00A0..U+00FF, in code point order. */
const LATIN1_NAMES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute ' +
  'micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig ' +
  'Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash ' +
  'Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc ' +
  'euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml ' +
  'yacute thorn yuml';

const OTHER_NAMES: Record<string, number> = {
  quot: 0x22, amp: 0x26, apos: 0x27, lt: 0x3c, gt: 0x3e,
  OElig: 0x152, oelig: 0x153, Scaron: 0x160, scaron: 0x161, Yuml: 0x178, fnof: 0x192, circ: 0x2c6, tilde: 0x2dc,
  ensp: 0x2002, emsp: 0x2003, thinsp: 0x2009, zwnj: 0x200c, zwj: 0x200d, lrm: 0x200e, rlm: 0x200f,
  ndash: 0x2013, mdash: 0x2014, lsquo: 0x2018, rsquo: 0x2019, sbquo: 0x201a, ldquo: 0x201c, rdquo: 0x201d,
  bdquo: 0x201e, dagger: 0x2020, Dagger: 0x2021, bull: 0x2022, hellip: 0x2026, permil: 0x2030, prime: 0x2032,
  Prime: 0x2033, lsaquo: 0x2039, rsaquo: 0x203a, oline: 0x203e, frasl: 0x2044, euro: 0x20ac, trade: 0x2122,
  larr: 0x2190, uarr: 0x2191, rarr: 0x2192, darr: 0x2193, harr: 0x2194, minus: 0x2212, infin: 0x221e,
  ne: 0x2260, le: 0x2264, ge: 0x2265, loz: 0x25ca, spades: 0x2660, clubs: 0x2663, hearts: 0x2665, diams: 0x2666,
  Alpha: 0x391, alpha: 0x3b1, Beta: 0x392, beta: 0x3b2, Gamma: 0x393, gamma: 0x3b3, Delta: 0x394, delta: 0x3b4,
  pi: 0x3c0, Omega: 0x3a9, omega: 0x3c9, mu: 0x3bc, sigma: 0x3c3, lambda: 0x3bb, numero: 0x2116,
};

/** Entity name -> code point. Case-sensitive, as in HTML. */
export const htmlEntities: ReadonlyMap<string, number> = new Map<string, number>([
  ...LATIN1_NAMES.split(' ').map((name, i): [string, number] => [name, 0xa0 + i]),
  ...Object.entries(OTHER_NAMES),
]);

/** An `&` that does not start one of XML's own references (the five predefined, decimal, hex). */
const NOT_XML_REFERENCE = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)([A-Za-z][A-Za-z0-9]{0,31};)?/g;

/**
 * Makes `&` usable by a strict XML parser: known HTML names become numeric references, and an `&` that does
 * not start a valid reference (a raw `&` in a link, an unknown `&name;`) becomes `&amp;`, so its text survives.
 * Call it on markup outside CDATA sections only.
 */
export function xmlSafeAmpersands(markup: string): string {
  return markup.replace(NOT_XML_REFERENCE, (_whole, ref?: string) => {
    if (ref === undefined) return '&amp;';
    const code = htmlEntities.get(ref.slice(0, -1));
    return code === undefined ? '&amp;' + ref : `&#${code};`;
  });
}

function fromCodePoint(code: number, whole: string): string {
  // Surrogates and out-of-range numbers would make invalid strings; keep the text as written instead.
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0) return whole;
  return String.fromCodePoint(code);
}

/** Decodes HTML character references (named from the table, decimal and hex); unknown names stay as written. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));?/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined) return fromCodePoint(Number.parseInt(dec, 10), whole);
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16), whole);
    const code = htmlEntities.get(name ?? '');
    return code === undefined ? whole : String.fromCodePoint(code);
  });
}
