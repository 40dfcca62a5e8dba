import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FeedListEntry } from './registry.js';

/**
 * OPML 2.0 (https://opml.org/spec2.opml), the format feed readers import and export subscription lists in:
 * `<opml version="2.0"><head><title/></head><body><outline type="rss" text title xmlUrl/>…</body></opml>`, where
 * outlines may nest (folders). Read and written with fast-xml-parser, which Kazwire already depends on.
 */

/** One `<outline>` that names a feed, with the line of its start tag. */
export interface OpmlOutline extends FeedListEntry {
  line: number;
  /** The `xmlUrl` attribute as written (may be invalid: the caller checks it). */
  url: string;
}

/** A document that is not OPML, or not well-formed XML. */
export class OpmlError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'OpmlError';
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  htmlEntities: true,
  isArray: (name) => name === 'outline',
});

interface OutlineNode {
  '@_xmlUrl'?: unknown;
  '@_title'?: unknown;
  '@_text'?: unknown;
  outline?: OutlineNode[];
}

/**
 * Reads the feeds of an OPML document: every outline with an `xmlUrl`, at any depth, in document order, titled
 * by its `title` (else `text`). Throws OpmlError (with the line) for malformed XML or a document that is not OPML.
 */
export function parseOpml(text: string): OpmlOutline[] {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new OpmlError(`not well-formed XML: ${valid.err.msg}`, valid.err.line);
  const doc = parser.parse(text) as Record<string, unknown>;
  const root = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  if (root !== 'opml') {
    throw new OpmlError(`not an OPML file: its root element is <${root ?? 'nothing'}>, not <opml>`);
  }
  const opml = doc.opml as { body?: { outline?: OutlineNode[] } | string } | undefined;
  const body = typeof opml === 'object' && opml !== null ? opml.body : undefined;
  const lines = outlineStartLines(text);
  const found: OpmlOutline[] = [];
  let index = 0;
  const visit = (nodes: OutlineNode[] | undefined) => {
    for (const node of nodes ?? []) {
      const line = lines[index++] ?? 0;
      const url = attribute(node['@_xmlUrl']);
      if (url !== undefined) {
        const title = attribute(node['@_title']) ?? attribute(node['@_text']);
        found.push(title ? { url, title, line } : { url, line });
      }
      visit(node.outline);
    }
  };
  visit(typeof body === 'object' && body !== null ? body.outline : undefined);
  return found;
}

function attribute(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return String(value).trim();
}

/** The line of each `<outline` start tag, in document order (comments and CDATA blanked out first). */
function outlineStartLines(text: string): number[] {
  const blanked = text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (m) => m.replace(/[^\n]/g, ' '));
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  for (const match of blanked.matchAll(/<outline\b/g)) {
    for (let i = from; i < match.index; i++) if (blanked.charCodeAt(i) === 10) line++;
    from = match.index;
    lines.push(line);
  }
  return lines;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });

/** Writes feeds as an OPML 2.0 document: one `<outline type="rss">` each, titled (the URL when untitled). */
export function toOpml(feeds: FeedListEntry[], options: { title: string; dateCreated?: Date }): string {
  const outlines = feeds.map((f) => {
    const title = f.title?.trim() || f.url;
    return { '@_type': 'rss', '@_text': title, '@_title': title, '@_xmlUrl': f.url };
  });
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    opml: {
      '@_version': '2.0',
      head: { title: options.title, dateCreated: (options.dateCreated ?? new Date()).toUTCString() },
      body: { outline: outlines },
    },
  }) as string;
}
