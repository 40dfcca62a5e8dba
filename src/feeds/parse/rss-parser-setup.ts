import { createRequire } from 'node:module';
import Parser from 'rss-parser';

const require = createRequire(import.meta.url);

/**
 * rss-parser computes a `contentSnippet` for every description with `/<(?:.|\n)*?>/`, which is quadratic on
 * a field full of unmatched `<` (40,000 of them take seconds). We never use snippets, so the helper is
 * replaced, once per process, by one that does nothing. rss-parser looks it up on its shared utils object at
 * each call, so the replacement takes effect for every parser instance.
 */
const rssUtils = require('rss-parser/lib/utils.js') as { getSnippet: (html: string) => string };
rssUtils.getSnippet = () => '';

/** The raw xml2js element an rss-parser item or feed was built from (attached by {@link createRssParser}). */
export const RAW = Symbol('raw');

/** What rss-parser returns, with the raw elements attached. */
export interface RawFeed {
  [RAW]?: unknown;
  items: Array<Record<string, unknown> & { [RAW]?: unknown }>;
  [field: string]: unknown;
}

interface RssParserInternals {
  parseItemAtom(entry: Record<string, unknown>): Record<string, unknown>;
  parseItemRss(item: Record<string, unknown>, fields: unknown): Record<string, unknown>;
  buildAtomFeed(root: Record<string, unknown>): RawFeed;
  buildRSS(channel: Record<string, unknown>, items: unknown): RawFeed;
  buildRSS2(root: Record<string, unknown>): RawFeed;
  buildRSS0_9(root: Record<string, unknown>): RawFeed;
  buildRSS1(root: Record<string, unknown>): RawFeed;
  parseString(xml: string): Promise<RawFeed>;
}

/** Options for {@link createRssParser}. */
export interface RssParserOptions {
  /** Prefix bound to the Atom namespace on a prefixed root (`<a:feed>`): stripped from every tag name. */
  atomPrefix?: string;
}

/**
 * An rss-parser instance (one per document: xml2js parsers keep state between calls) whose items and feed
 * carry their raw xml2js elements under {@link RAW}, so the mapping can read what rss-parser leaves out
 * (xml:base, Atom 0.3 dates, link relations). Atom entry dates are read by the mapping instead: rss-parser
 * calls `toISOString()` on them unguarded, which throws on an unparseable date.
 */
export function createRssParser(options: RssParserOptions = {}): { parseString(xml: string): Promise<RawFeed> } {
  const prefix = options.atomPrefix ? `${options.atomPrefix}:` : undefined;
  const parser = new Parser({
    defaultRSS: 2,
    xml2js: prefix ? { tagNameProcessors: [(name: string) => (name.startsWith(prefix) ? name.slice(prefix.length) : name)] } : {},
  }) as unknown as RssParserInternals;

  const parseItemAtom = parser.parseItemAtom.bind(parser);
  parser.parseItemAtom = (entry) => {
    const safe = { ...entry, published: undefined, updated: undefined, link: undefined };
    return { ...parseItemAtom(safe), [RAW]: entry };
  };
  const parseItemRss = parser.parseItemRss.bind(parser);
  parser.parseItemRss = (item, fields) => ({ ...parseItemRss(item, fields), [RAW]: item });
  const buildAtomFeed = parser.buildAtomFeed.bind(parser);
  parser.buildAtomFeed = (root) => {
    const feed = root.feed as Record<string, unknown>;
    // rss-parser reads `link[i].$.rel` unguarded; keep only links that have attributes.
    const links = Array.isArray(feed.link) ? feed.link.filter((l: unknown) => typeof l === 'object' && l !== null && '$' in l) : undefined;
    return { ...buildAtomFeed({ ...root, feed: { ...feed, link: links?.length ? links : undefined } }), [RAW]: feed };
  };
  const buildRss = parser.buildRSS.bind(parser);
  parser.buildRSS = (channel, items) => ({ ...buildRss(channel, items), [RAW]: channel });
  // `<rss></rss>` (no channel) is a valid, empty feed, but rss-parser reads `channel[0]` unguarded.
  const withChannel = (element: unknown): Record<string, unknown> => {
    const record = typeof element === 'object' && element !== null ? (element as Record<string, unknown>) : {};
    return Array.isArray(record.channel) && typeof record.channel[0] === 'object' ? record : { ...record, channel: [{}] };
  };
  for (const method of ['buildRSS2', 'buildRSS0_9'] as const) {
    const build = parser[method].bind(parser);
    parser[method] = (root) => build({ ...root, rss: withChannel(root.rss) });
  }
  const buildRss1 = parser.buildRSS1.bind(parser);
  parser.buildRSS1 = (root) => buildRss1({ ...root, 'rdf:RDF': withChannel(root['rdf:RDF']) });
  return parser;
}
