import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { detectLegacyEncoding } from './legacy-charset.js';
import { gunzipIfNeeded } from './gzip.js';

/** Where the chosen encoding came from, in the order they are consulted. */
export type EncodingSource = 'bom' | 'header' | 'declaration' | 'utf8' | 'detected';

/** A feed document as Unicode text. */
export interface DecodedFeed {
  text: string;
  /** The encoding the bytes were read as (lower-case iconv-lite name, e.g. `utf-8`, `windows-1251`, `koi8-r`). */
  encoding: string;
  source: EncodingSource;
}

const BOMS: Array<[bytes: number[], encoding: string]> = [
  // UTF-32LE before UTF-16LE: its BOM starts with the UTF-16LE one.
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32le'],
  [[0x00, 0x00, 0xfe, 0xff], 'utf-32be'],
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

function bomOf(body: Buffer): { encoding: string; length: number } | undefined {
  for (const [bytes, encoding] of BOMS) {
    if (body.length >= bytes.length && bytes.every((b, i) => body[i] === b)) return { encoding, length: bytes.length };
  }
  return undefined;
}

/**
 * Maps a declared charset name to the name we decode with, or undefined when unknown (`invalid`, typos).
 * ISO-8859-1 and US-ASCII are read as windows-1252, their superset, as browsers do: feeds that say latin-1
 * routinely contain curly quotes from the 0x80-0x9F range.
 */
export function normalizeEncodingName(name: string | undefined): string | undefined {
  const n = name?.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!n) return undefined;
  if (['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii', 'iso_8859-1'].includes(n)) return 'windows-1252';
  if (n === 'utf8' || n === 'unicode-1-1-utf-8') return 'utf-8';
  if (n === 'x-sjis' || n === 'sjis') return 'shift_jis';
  if (n === 'tis620' || n === 'tis-620' || n === 'windows-874') return 'tis-620';
  return iconv.encodingExists(n) ? n : undefined;
}

/** The `charset` parameter of a Content-Type header, if any. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  return contentType?.match(/;\s*charset\s*=\s*["']?([^"';\s]+)/i)?.[1];
}

/**
 * Sniffs an ASCII-incompatible Unicode form without BOM from how `<` and the next characters are laid out
 * (XML 1.0 appendix F): `3C 00 3F 00` is UTF-16LE, `00 3C 00 3F` UTF-16BE, and the 4-byte forms UTF-32.
 */
function sniffWideUnicode(body: Buffer): string | undefined {
  if (body.length < 4) return undefined;
  const [a, b, c, d] = [body[0], body[1], body[2], body[3]];
  if (a !== 0 && b === 0 && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b === 0 && c === 0 && d !== 0) return 'utf-32be';
  if (a !== 0 && b === 0 && c !== 0 && d === 0) return 'utf-16le';
  if (a === 0 && b !== 0 && c === 0 && d !== 0) return 'utf-16be';
  return undefined;
}

const DECLARATION = /^(?:\s|<!--[\s\S]*?-->)*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']/;

/** The `encoding` of the XML declaration, read from an ASCII-compatible view of the first bytes. */
export function declaredEncoding(head: string): string | undefined {
  return DECLARATION.exec(head)?.[1];
}

/** Single-byte or legacy encodings that a valid, multi-byte UTF-8 document overrides when declared. */
function isUnicode(encoding: string): boolean {
  return encoding.startsWith('utf');
}

/**
 * Decodes UTF-8 that has stray invalid bytes: valid sequences as UTF-8, each invalid byte as windows-1252,
 * so a mostly-UTF-8 feed with a few legacy bytes keeps real letters instead of U+FFFD.
 */
function decodeUtf8Mixed(body: Buffer): string {
  const parts: string[] = [];
  let runStart = 0;
  let i = 0;
  while (i < body.length) {
    const length = utf8SequenceLength(body, i);
    if (length > 0) {
      i += length;
      continue;
    }
    parts.push(body.toString('utf8', runStart, i), iconv.decode(body.subarray(i, i + 1), 'windows-1252'));
    i += 1;
    runStart = i;
  }
  parts.push(body.toString('utf8', runStart));
  return parts.join('');
}

/** Length of the valid UTF-8 sequence at `i`, or 0 when the byte there does not start one. */
function utf8SequenceLength(body: Buffer, i: number): number {
  const b0 = body[i] as number;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const b = body[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const [lo, hi] = b0 === 0xe0 ? [0xa0, 0xbf] : b0 === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const [lo, hi] = b0 === 0xf0 ? [0x90, 0xbf] : b0 === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** How much of the non-ASCII content is valid UTF-8 (0..1); 1 when there is no non-ASCII byte. */
function utf8Share(body: Buffer): number {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < body.length; ) {
    if ((body[i] as number) < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceLength(body, i);
    if (length > 0) {
      valid += length;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return valid + invalid === 0 ? 1 : valid / (valid + invalid);
}

function hasNonAscii(body: Buffer): boolean {
  return body.some((b) => b >= 0x80);
}

/** Removes the `encoding` pseudo-attribute so an XML parser does not re-interpret already-decoded text. */
function stripDeclaredEncoding(text: string): string {
  return text.replace(/^((?:\s|<!--[\s\S]*?-->)*<\?xml\s[^>]*?)\s+encoding\s*=\s*["'][^"']*["']/, '$1');
}

/** Options for {@link decodeFeedBytes}. */
export interface DecodeOptions {
  /** Cap on the gunzipped size of a raw gzip body, in bytes (default 16 MiB). */
  maxBytes?: number;
}

/**
 * Turns a feed body into Unicode text. Raw gzip bytes (1f 8b) are gunzipped first (capped). The encoding
 * is taken from, in order: a BOM; the Content-Type charset; the XML declaration (read through an
 * ASCII-compatible view, or the UTF-16/32 form sniffed from `<` without BOM); UTF-8 when the bytes are
 * valid UTF-8; else a guess among the legacy charsets (see legacy-charset.ts).
 * Unknown declared names fall through to detection. A declared legacy charset is overridden by UTF-8 when
 * the bytes are valid UTF-8 with multi-byte sequences (servers and templates often keep a stale declaration).
 * A declared UTF-8 whose bytes are mostly not UTF-8 falls through to detection. Never throws on encoding
 * problems.
 * @throws FeedParseError only for a corrupt or oversized gzip body.
 */
export function decodeFeedBytes(body: Buffer, contentType?: string, options: DecodeOptions = {}): DecodedFeed {
  const bytes = gunzipIfNeeded(body, options.maxBytes);
  const bom = bomOf(bytes);
  if (bom) {
    const content = bytes.subarray(bom.length);
    const text = bom.encoding === 'utf-8' && !isUtf8(content) ? decodeUtf8Mixed(content) : iconv.decode(content, bom.encoding);
    return { text: stripDeclaredEncoding(text), encoding: bom.encoding, source: 'bom' };
  }
  const wide = sniffWideUnicode(bytes);
  if (wide) return { text: stripDeclaredEncoding(iconv.decode(bytes, wide)), encoding: wide, source: 'declaration' };

  const validUtf8 = isUtf8(bytes);
  const multibyteUtf8 = validUtf8 && hasNonAscii(bytes);
  const declared: Array<[string | undefined, EncodingSource]> = [
    [normalizeEncodingName(charsetFromContentType(contentType)), 'header'],
    [normalizeEncodingName(declaredEncoding(bytes.subarray(0, 1024).toString('latin1'))), 'declaration'],
  ];
  for (const [encoding, source] of declared) {
    if (!encoding || (isUnicode(encoding) && encoding !== 'utf-8')) continue; // UTF-16/32 without BOM or zero bytes: a lie
    if (encoding === 'utf-8') {
      if (validUtf8) return { text: stripDeclaredEncoding(bytes.toString('utf8')), encoding, source };
      if (utf8Share(bytes) >= 0.5) return { text: stripDeclaredEncoding(decodeUtf8Mixed(bytes)), encoding, source };
      continue;
    }
    if (multibyteUtf8) break; // contradicted by the bytes: prefer UTF-8 below
    return { text: stripDeclaredEncoding(iconv.decode(bytes, encoding)), encoding, source };
  }
  if (validUtf8) return { text: stripDeclaredEncoding(bytes.toString('utf8')), encoding: 'utf-8', source: 'utf8' };
  const guessed = detectLegacyEncoding(bytes);
  return { text: stripDeclaredEncoding(iconv.decode(bytes, guessed)), encoding: guessed, source: 'detected' };
}
