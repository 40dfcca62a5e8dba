import { createRequire } from 'node:module';
import Parser from 'rss-parser';
import { renameTag } from './namespaces.js';

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
  setISODate(item: Record<string, unknown>): void;
}

/** Options for {@link createRssParser}. */
export interface RssParserOptions {
  /** Namespace prefixes to rename in every tag name (see namespaces.ts): `{ rss: '', a10: 'atom' }`. */
  renames?: Record<string, string>;
}

/**
 * An rss-parser instance (one per document: xml2js parsers keep state between calls) whose items and feed
 * carry their raw xml2js elements under {@link RAW}, so the mapping can read what rss-parser leaves out
 * (xml:base, Atom 0.3 dates, link relations). Atom entry dates are read by the mapping instead: rss-parser
 * calls `toISOString()` on them unguarded, which throws on an unparseable date.
 */
export function createRssParser(options: RssParserOptions = {}): { parseString(xml: string): Promise<RawFeed> } {
  const parser = new Parser({
    defaultRSS: 2,
    xml2js: options.renames ? { tagNameProcessors: [renameTag(options.renames)] } : {},
  }) as unknown as RssParserInternals;
  // rss-parser's `isoDate` (from `new Date()`, which follows the process TZ) is unused: dates.ts reads dates.
  parser.setISODate = () => {};

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
  // rss-parser reads `channel[0]` unguarded and takes items from one place only. Real feeds leave the channel
  // out (`<rss><item>`), put RSS 1.0 items inside the channel, or RSS 2.0 items beside it: read them all.
  const build = (root: unknown, rdf: boolean): RawFeed => {
    const element = isRecord(root) ? root : {};
    const channel = Array.isArray(element.channel) && isRecord(element.channel[0]) ? element.channel[0] : rdf ? {} : element;
    const items = [...arrayOf(channel.item), ...(channel === element ? [] : arrayOf(element.item))];
    return parser.buildRSS(channel, items);
  };
  parser.buildRSS2 = (root) => build(root.rss, false);
  parser.buildRSS0_9 = (root) => build(root.rss, false);
  parser.buildRSS1 = (root) => build(root['rdf:RDF'], true);
  return parser;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
