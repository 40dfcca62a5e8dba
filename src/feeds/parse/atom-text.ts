import { MARKUP_ATTRIBUTE } from './markup-text.js';
import { attr, textOf } from './xml-nodes.js';

/**
 * An Atom text construct (title, subtitle, summary, content) as written: `text` is literal, `html` is escaped
 * HTML, `xhtml` is markup inside the element. Atom 0.3's MIME types and `mode` map onto the same three; base64
 * (0.3 `mode="base64"`, or a binary media type) is decoded and read as HTML.
 */
export interface AtomText {
  kind: 'text' | 'html' | 'xhtml';
  /** The element's text; for xhtml its markup as a string (markup-text.ts keeps it whole and in order). */
  value: string;
}

/** Binary media types, whose content is base64: text and XML types never are (a custom type stays text). */
function isBinaryType(type: string): boolean {
  if (type === '' || type.startsWith('text/') || type.includes('xml')) return false;
  if (/^(?:image|audio|video)\//.test(type)) return true;
  return ['application/octet-stream', 'application/pdf', 'application/zip', 'application/gzip', 'application/x-gzip', 'application/ogg'].includes(type);
}

function decodeBase64(text: string): string | undefined {
  const compacted = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compacted)) return undefined;
  return Buffer.from(compacted, 'base64').toString('utf8');
}

/** Reads a text construct; undefined when absent, empty, or out of line (`<content src="...">`). */
export function atomText(element: unknown): AtomText | undefined {
  if (element === undefined) return undefined;
  const type = (attr(element, 'type') ?? '').trim().toLowerCase();
  const mode = (attr(element, 'mode') ?? '').trim().toLowerCase();
  const raw = textOf(element);
  if (raw.trim() === '') return undefined;
  if (mode === 'base64' || isBinaryType(type)) {
    const decoded = decodeBase64(raw);
    return decoded === undefined ? { kind: 'text', value: raw } : { kind: 'html', value: decoded };
  }
  // Markup written as elements is XHTML whatever the type says (a "text" construct cannot hold elements);
  // XHTML whose markup could not be kept whole (markup-text.ts) arrives as its text content.
  if (attr(element, MARKUP_ATTRIBUTE) === '1') return { kind: 'xhtml', value: raw };
  if (type.includes('xhtml')) return { kind: 'text', value: raw };
  if (type === 'html' || type === 'text/html' || mode === 'escaped') return { kind: 'html', value: raw };
  return { kind: 'text', value: raw };
}
