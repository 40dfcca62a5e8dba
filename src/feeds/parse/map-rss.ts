import type { FeedEntry, FeedFormat, ParsedFeed } from '../types.js';
import { atomText } from './atom-text.js';
import { entryImage } from './entry-image.js';
import { categoriesOf, compact, firstDate, firstText, stringField } from './map-common.js';
import { RAW, type RawFeed } from './rss-parser-setup.js';
import { asBaseUrl, plainText, resolveLink } from './text.js';
import { attr, child, childText, children, textOf } from './xml-nodes.js';

/** Published first, then updated; Dublin Core (elements and terms) and Atom elements embedded in RSS included. */
const RSS_DATES = [
  'pubDate', 'dc:date', 'dcterms:issued', 'dcterms:created', 'dcterms:date', 'atom:published', 'published', 'issued',
  'dcterms:modified', 'atom:updated', 'a10:updated', 'updated', 'modified', 'date',
];

/** Children named `name`, directly under the item or inside its `media:group`s. */
function withMediaGroups(element: unknown, name: string): string | undefined {
  return firstText(element, [name]) ?? children(element, 'media:group').map((g) => childText(g, name)).find(Boolean);
}

/** The item's link: the first `<link>` with text (or an `href`), an `atom:link` alternate, else a permalink guid. */
function itemLink(element: unknown, guid: string | undefined, guidIsLink: boolean): string | undefined {
  const links = children(element, 'link');
  const atomLink = children(element, 'atom:link').find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate' && attr(l, 'href'));
  return (
    links.map((l) => textOf(l).trim()).find(Boolean) ??
    links.map((l) => attr(l, 'href')?.trim()).find(Boolean) ??
    attr(atomLink, 'href') ??
    (guidIsLink ? guid : undefined)
  );
}

/** Maps an RSS 0.9x/1.0/2.0 document (as rss-parser read it, raw elements attached) to a ParsedFeed. */
export function mapRss(raw: RawFeed, format: FeedFormat, rootBase: string | undefined, baseUrl: string | undefined): ParsedFeed {
  const channel = raw[RAW];
  const atomLinks = children(channel, 'atom:link');
  const selfLink = atomLinks.find((l) => attr(l, 'rel') === 'self');
  const feedBase = asBaseUrl(attr(channel, 'xml:base') ?? rootBase, baseUrl ?? attr(selfLink, 'href'));
  const ttl = Number.parseInt(childText(channel, 'ttl') ?? '', 10);
  const entries = raw.items.map((item): FeedEntry => {
    const element = item[RAW];
    const base = asBaseUrl(attr(element, 'xml:base'), feedBase);
    const guidElement = child(element, 'guid');
    const guid = textOf(guidElement).trim() || undefined;
    const guidIsLink = guid !== undefined && attr(guidElement, 'isPermaLink') !== 'false' && /^https?:\/\//i.test(guid);
    const description = stringField(item, 'content');
    const summary =
      description ?? firstText(element, ['dc:description', 'itunes:summary', 'summary']) ?? withMediaGroups(element, 'media:description') ?? atomText(child(element, 'atom:summary'))?.value;
    // A non-standard <summary> beside the description is the longer text (feedparser reads it so too).
    const content = childText(element, 'content:encoded') ?? atomText(child(element, 'atom:content'))?.value ?? (description ? childText(element, 'summary') : undefined);
    return compact({
      guid,
      link: resolveLink(itemLink(element, guid, guidIsLink), base),
      title: plainText(textOf(child(element, 'title'))) || plainText(firstText(element, ['dc:title']) ?? withMediaGroups(element, 'media:title') ?? childText(element, 'atom:title')),
      summary,
      content,
      publishedAt: firstDate(element, RSS_DATES),
      author: firstText(element, ['dc:creator', 'author', 'itunes:author']),
      categories: categoriesOf([...children(element, 'category'), ...children(element, 'dc:subject')]),
      image: entryImage({ element, links: children(element, 'atom:link'), html: [content, summary], base }),
    });
  });
  const siteLink = children(channel, 'link').map((l) => textOf(l).trim()).find(Boolean) ?? attr(atomLinks.find((l) => attr(l, 'rel') === 'alternate'), 'href');
  return compact({
    format,
    title: plainText(childText(channel, 'title') ?? firstText(channel, ['dc:title', 'atom:title'])) || undefined,
    link: resolveLink(siteLink, feedBase),
    language: firstText(channel, ['language', 'dc:language']),
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : undefined,
    entries,
  });
}
