import type { FeedFormat, ParsedFeed } from '../types.js';
import { FeedParseError } from './errors.js';
import { mapAtom } from './map-atom.js';
import { mapRss } from './map-rss.js';
import { prefixRenames } from './namespaces.js';
import { attributeOf, findRootElement, prepareXml, type RootElement } from './prepare-xml.js';
import { createRssParser, type RawFeed } from './rss-parser-setup.js';
import { planSalvage } from './salvage.js';
import { wrapMarkupText } from './markup-text.js';
import { repairCloseTags } from './xml-repair.js';

const HTML_ROOTS = new Set(['html', 'head', 'body']);

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

async function parseRaw(xml: string, renames: Record<string, string> | undefined): Promise<RawFeed> {
  return createRssParser(renames ? { renames } : {}).parseString(xml);
}

/** Parses the complete entries of a broken document one by one; undefined when none survives. */
async function salvage(xml: string, root: RootElement, format: 'rss' | 'rdf' | 'atom', renames: Record<string, string> | undefined): Promise<RawFeed | undefined> {
  const plan = planSalvage(xml, root, format, renames);
  const good: string[] = [];
  let entries = 0;
  for (const [element, isEntry] of [...plan.metadata.map((m) => [m, false] as const), ...plan.entries.map((e) => [e, true] as const)]) {
    try {
      await parseRaw(plan.wrap(element), renames);
      good.push(element);
      if (isEntry) entries++;
    } catch {
      // This element is broken too; the others may not be.
    }
  }
  return entries === 0 ? undefined : parseRaw(plan.wrap(good.join('\n')), renames);
}

/**
 * Reads a document that strict XML refuses. Its mismatched close tags are mended first; when the mended
 * document parses and keeps every complete entry the text has, it is whole. Otherwise (a truncated download,
 * an element left open that swallows the entries after it) the entries are salvaged one by one (`partial`).
 * Undefined when no entry survives either way.
 */
async function recover(xml: string, root: RootElement, format: 'rss' | 'rdf' | 'atom', renames: Record<string, string> | undefined): Promise<{ raw: RawFeed; partial: boolean } | undefined> {
  const repaired = repairCloseTags(xml);
  // Mended, the text elements whose close tag was wrong can have their markup kept whole too.
  const source = repaired.repairs > 0 ? wrapMarkupText(repaired.xml) : xml;
  const whole = repaired.repairs > 0 && repaired.balanced ? await parseRaw(source, renames).catch(() => undefined) : undefined;
  if (whole && whole.items.length >= planSalvage(source, root, format, renames).entries.length) return { raw: whole, partial: false };
  const salvaged = await salvage(source, root, format, renames);
  if (whole && whole.items.length >= (salvaged?.items.length ?? 0)) return { raw: whole, partial: false };
  return salvaged && { raw: salvaged, partial: true };
}

/**
 * Parses an RSS 0.9x/1.0/2.0 or Atom 0.3/1.0 document that is already Unicode text. A document with mismatched
 * close tags is mended; one that is otherwise not well-formed is salvaged entry by entry (the result has
 * `partial: true`) when any entry is intact.
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
  const renames = prefixRenames(xml, format);
  let raw: RawFeed;
  let partial = false;
  try {
    raw = await parseRaw(xml, renames);
  } catch (err) {
    // rss-parser says this of a root with no content at all (`<rss></rss>`): a valid feed without entries.
    if (err instanceof Error && err.message === 'Feed not recognized as RSS 1 or 2.' && format !== 'atom') return { format, entries: [] };
    const recovered = await recover(xml, rootElement, format, renames);
    if (!recovered) throw new FeedParseError('malformed', `malformed feed: XML syntax error: ${syntaxReason(err)}`, { cause: err });
    ({ raw, partial } = recovered);
  }
  const rootBase = attributeOf(rootElement.attributes, 'xml:base');
  const language = attributeOf(rootElement.attributes, 'xml:lang');
  const feed = format === 'atom' ? mapAtom(raw, rootBase, baseUrl, language) : mapRss(raw, format, rootBase, baseUrl);
  return partial ? { ...feed, partial } : feed;
}
