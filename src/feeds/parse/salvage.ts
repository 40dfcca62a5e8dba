import type { RootElement } from './prepare-xml.js';

/** Most entries a salvage pass tries to recover; beyond that a broken document is not worth the work. */
const MAX_SALVAGED_ENTRIES = 2000;

/**
 * The complete `<tag ...>...</tag>` elements of `xml`, found with `indexOf` (linear, whatever the input).
 * Self-closing `<tag/>` elements carry nothing and are skipped.
 */
function completeElements(xml: string, tag: string, limit: number): string[] {
  const found: string[] = [];
  const close = `</${tag}>`;
  let i = 0;
  while (found.length < limit) {
    const open = xml.indexOf(`<${tag}`, i);
    if (open === -1) break;
    const next = xml.charAt(open + tag.length + 1);
    if (!/[\s>/]/.test(next)) {
      i = open + tag.length + 1;
      continue;
    }
    const startEnd = xml.indexOf('>', open);
    if (startEnd === -1) break;
    if (xml.charAt(startEnd - 1) === '/') {
      i = startEnd + 1;
      continue;
    }
    const end = xml.indexOf(close, startEnd);
    if (end === -1) break;
    found.push(xml.slice(open, end + close.length));
    i = end + close.length;
  }
  return found;
}

/** A salvage plan: candidate entry elements and how to wrap a selection of them into a small document. */
export interface SalvagePlan {
  /** Simple feed-level elements (title, link, language, ttl) found before the first entry. */
  metadata: string[];
  entries: string[];
  wrap(inner: string): string;
}

/**
 * When a feed is not well-formed (truncated, an unclosed element, a stray close tag), its entries are often
 * intact one by one. This cuts the document into its complete entry elements and feed-level basics, to be
 * parsed one at a time inside a wrapper built from the original root start tag. `renames` are the document's
 * namespace prefix renames (namespaces.ts).
 */
export function planSalvage(xml: string, root: RootElement, format: 'rss' | 'rdf' | 'atom', renames: Record<string, string> = {}): SalvagePlan {
  // The document's own elements may be prefixed (`<a:entry>`, `<rss:item>`): the prefix renamed to none.
  const own = Object.entries(renames).find(([, to]) => to === '')?.[0];
  const prefix = own ? `${own}:` : '';
  const entryTag = format === 'atom' ? `${prefix}entry` : `${prefix}item`;
  const entries = completeElements(xml, entryTag, MAX_SALVAGED_ENTRIES);
  const firstEntry = xml.indexOf(`<${entryTag}`);
  const head = xml.slice(0, firstEntry === -1 ? Math.min(xml.length, 64 * 1024) : firstEntry);
  const metadata = ['title', 'link', 'language', 'ttl'].flatMap((tag) => completeElements(head, `${prefix}${tag}`, 1));
  const open = `<${root.name}${root.attributes.replace(/\/\s*$/, '')}>`;
  const close = `</${root.name}>`;
  const wrap =
    format === 'rss'
      ? (inner: string) => `${open}<channel>${inner}</channel>${close}`
      : format === 'rdf'
        ? (inner: string) => `${open}<channel></channel>${inner}${close}`
        : (inner: string) => `${open}${inner}${close}`;
  return { metadata, entries, wrap };
}
