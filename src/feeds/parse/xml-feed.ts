import type { FeedEntry, FeedFormat, ParsedFeed } from '../types.js';
import { FeedParseError } from './errors.js';
import { attributeOf, findRootElement, prepareXml, type RootElement } from './prepare-xml.js';
import { createRssParser, RAW, type RawFeed } from './rss-parser-setup.js';
import { planSalvage } from './salvage.js';
import { normalizeDate } from './dates.js';
import { asBaseUrl, plainText, resolveLink } from './text.js';
import { attr, child, childText, children, textOf, type XmlElement } from './xml-nodes.js';

const HTML_ROOTS = new Set(['html', 'head', 'body']);
const ATOM_NAMESPACES = ['http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#'];

function formatOf(root: RootElement | undefined): Exclude<FeedFormat, 'json'> {
  if (!root) throw new FeedParseError('not_a_feed', 'not a feed: the document has no root element');
  if (root.local === 'rss') return 'rss';
  if (root.local === 'rdf') return 'rdf';
  if (root.local === 'feed') return 'atom';
  if (HTML_ROOTS.has(root.local)) throw new FeedParseError('not_a_feed', `not a feed: the document is an HTML page (<${root.name}>)`);
  throw new FeedParseError('not_a_feed', `not a feed: unknown root element <${root.name}> (expected rss, rdf:RDF or feed)`);
}

/** The sax/xml2js reason on its first line, with line and column folded in. */
function syntaxReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const [first, ...rest] = message.split('\n');
  const where = rest.filter((line) => /^(Line|Column):/.test(line)).join(', ').toLowerCase();
  return where ? `${first} (${where})` : (first ?? message);
}

/** A feed wrapped in an HTML page (`<html><body><feed>...</feed>`), cut out; undefined when there is none. */
function embeddedFeed(xml: string): string | undefined {
  const open = /<(rss|feed|rdf:RDF)[\s>]/.exec(xml);
  if (!open) return undefined;
  const end = xml.lastIndexOf(`</${open[1]}>`);
  return end > open.index ? xml.slice(open.index, end + open[1]!.length + 3) : undefined;
}

async function parseRaw(xml: string, atomPrefix: string | undefined): Promise<RawFeed> {
  return createRssParser(atomPrefix ? { atomPrefix } : {}).parseString(xml);
}

/** Parses the complete entries of a broken document one by one; undefined when none survives. */
async function salvage(xml: string, root: RootElement, format: 'rss' | 'rdf' | 'atom', atomPrefix: string | undefined): Promise<RawFeed | undefined> {
  const plan = planSalvage(xml, root, format);
  const good: string[] = [];
  let entries = 0;
  for (const [element, isEntry] of [...plan.metadata.map((m) => [m, false] as const), ...plan.entries.map((e) => [e, true] as const)]) {
    try {
      await parseRaw(plan.wrap(element), atomPrefix);
      good.push(element);
      if (isEntry) entries++;
    } catch {
      // This element is broken too; the others may not be.
    }
  }
  return entries === 0 ? undefined : parseRaw(plan.wrap(good.join('\n')), atomPrefix);
}

/**
 * Parses an RSS 0.9x/1.0/2.0 or Atom 0.3/1.0 document that is already Unicode text. A document that is not
 * well-formed is salvaged entry by entry (the result has `partial: true`) when any entry is intact.
 */
export async function parseXmlFeed(text: string, baseUrl?: string): Promise<ParsedFeed> {
  let xml = prepareXml(text);
  let root = findRootElement(xml);
  const inner = root && HTML_ROOTS.has(root.local) ? embeddedFeed(xml) : undefined;
  if (inner) {
    xml = inner;
    root = findRootElement(xml);
  }
  const format = formatOf(root);
  const rootElement = root as RootElement;
  const atomPrefix = format === 'atom' && rootElement.prefix && ATOM_NAMESPACES.includes(attributeOf(rootElement.attributes, `xmlns:${rootElement.prefix}`) ?? '') ? rootElement.prefix : undefined;
  let raw: RawFeed;
  let partial = false;
  try {
    raw = await parseRaw(xml, atomPrefix);
  } catch (err) {
    // rss-parser says this of a root with no content at all (`<rss></rss>`): a valid feed without entries.
    if (err instanceof Error && err.message === 'Feed not recognized as RSS 1 or 2.' && format !== 'atom') return { format, entries: [] };
    const salvaged = await salvage(xml, rootElement, format, atomPrefix);
    if (!salvaged) throw new FeedParseError('malformed', `malformed feed: XML syntax error: ${syntaxReason(err)}`, { cause: err });
    raw = salvaged;
    partial = true;
  }
  const rootBase = attributeOf(rootElement.attributes, 'xml:base');
  const language = attributeOf(rootElement.attributes, 'xml:lang');
  const feed = format === 'atom' ? mapAtom(raw, rootBase, baseUrl, language) : mapRss(raw, format, rootBase, baseUrl);
  return partial ? { ...feed, partial } : feed;
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function firstText(element: unknown, names: string[]): string | undefined {
  for (const name of names) {
    const text = childText(element, name);
    if (text) return text;
  }
  return undefined;
}

function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}

function categoriesOf(elements: XmlElement[]): string[] | undefined {
  const names = elements.map((c) => (attr(c, 'term') ?? attr(c, 'label') ?? textOf(c)).trim()).filter(Boolean);
  return names.length ? [...new Set(names)] : undefined;
}

const RSS_DATES = ['pubDate', 'dc:date', 'a10:updated', 'atom:published', 'atom:updated', 'published', 'updated', 'date'];

function mapRss(raw: RawFeed, format: FeedFormat, rootBase: string | undefined, baseUrl: string | undefined): ParsedFeed {
  const channel = raw[RAW];
  const selfLink = children(channel, 'atom:link').find((l) => attr(l, 'rel') === 'self');
  const feedBase = asBaseUrl(attr(channel, 'xml:base') ?? rootBase, baseUrl ?? attr(selfLink, 'href'));
  const ttl = Number.parseInt(childText(channel, 'ttl') ?? '', 10);
  const entries = raw.items.map((item): FeedEntry => {
    const element = item[RAW];
    const base = asBaseUrl(attr(element, 'xml:base'), feedBase);
    const guidElement = child(element, 'guid');
    const guid = textOf(guidElement).trim() || undefined;
    const guidIsLink = guid !== undefined && attr(guidElement, 'isPermaLink') !== 'false' && /^https?:\/\//i.test(guid);
    const atomLink = children(element, 'atom:link').find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
    const link = childText(element, 'link') ?? attr(atomLink, 'href') ?? (guidIsLink ? guid : undefined);
    return compact({
      guid,
      link: resolveLink(link, base),
      title: plainText(textOf(child(element, 'title'))),
      summary: stringField(item, 'content'),
      content: childText(element, 'content:encoded'),
      publishedAt: normalizeDate(firstText(element, RSS_DATES)),
      author: firstText(element, ['dc:creator', 'author', 'itunes:author']),
      categories: categoriesOf([...children(element, 'category'), ...children(element, 'dc:subject')]),
    });
  });
  return compact({
    format,
    title: plainText(childText(channel, 'title')) || undefined,
    link: resolveLink(childText(channel, 'link'), feedBase),
    language: firstText(channel, ['language', 'dc:language']),
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : undefined,
    entries,
  });
}

/** The entry's web page: the `alternate` link (HTML first), else a link written as text. */
function atomLink(links: XmlElement[]): string | undefined {
  const alternates = links.filter((l) => attr(l, 'href') && (attr(l, 'rel') ?? 'alternate') === 'alternate');
  const html = alternates.find((l) => /html/i.test(attr(l, 'type') ?? 'text/html')) ?? alternates[0];
  if (html) return attr(html, 'href');
  return links.map((l) => (typeof l === 'string' ? l.trim() : '')).find(Boolean);
}

const ATOM_DATES = ['published', 'issued', 'created', 'updated', 'modified'];

function mapAtom(raw: RawFeed, rootBase: string | undefined, baseUrl: string | undefined, language: string | undefined): ParsedFeed {
  const feed = raw[RAW];
  const selfLink = children(feed, 'link').find((l) => attr(l, 'rel') === 'self');
  const feedBase = asBaseUrl(rootBase, baseUrl ?? attr(selfLink, 'href'));
  const entries = raw.items.map((item): FeedEntry => {
    const element = item[RAW];
    const base = asBaseUrl(attr(element, 'xml:base'), feedBase);
    return compact({
      guid: childText(element, 'id'),
      link: resolveLink(atomLink(children(element, 'link')), base),
      title: plainText(textOf(child(element, 'title'))),
      summary: stringField(item, 'summary'),
      content: stringField(item, 'content'),
      publishedAt: normalizeDate(firstText(element, ATOM_DATES)),
      author: childText(child(element, 'author'), 'name'),
      categories: categoriesOf(children(element, 'category')),
    });
  });
  return compact({
    format: 'atom' as const,
    title: plainText(childText(feed, 'title')) || undefined,
    link: resolveLink(atomLink(children(feed, 'link')), feedBase),
    language,
    entries,
  });
}
