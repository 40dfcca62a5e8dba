import type { FeedEntry, ParsedFeed } from '../types.js';
import { atomText, type AtomText } from './atom-text.js';
import { entryImage } from './entry-image.js';
import { categoriesOf, compact, firstDate, firstText } from './map-common.js';
import { RAW, type RawFeed } from './rss-parser-setup.js';
import { asBaseUrl, literalText, plainText, resolveLink } from './text.js';
import { attr, child, childText, children, type XmlElement } from './xml-nodes.js';

/** A text construct as a plain-text title: HTML and XHTML lose their tags, literal text is kept as it is. */
function titleOf(text: AtomText | undefined): string {
  if (!text) return '';
  return text.kind === 'text' ? literalText(text.value) : plainText(text.value);
}

/** A text construct as a summary or content (possibly HTML): base64 decoded, out-of-line content (`src`) none. */
function bodyOf(element: unknown): string | undefined {
  return atomText(element)?.value;
}

/** A `media:description`, of the entry or of its `media:group`. */
function mediaDescription(element: unknown): string | undefined {
  return firstText(element, ['media:description']) ?? children(element, 'media:group').map((g) => childText(g, 'media:description')).find(Boolean);
}

/** The entry's web page: the `alternate` link (HTML first), else a link written as text. */
export function atomLink(links: XmlElement[]): string | undefined {
  const alternates = links.filter((l) => attr(l, 'href') && (attr(l, 'rel') ?? 'alternate') === 'alternate');
  const html = alternates.find((l) => /html/i.test(attr(l, 'type') ?? 'text/html')) ?? alternates[0];
  if (html) return attr(html, 'href');
  return links.map((l) => (typeof l === 'string' ? l.trim() : '')).find(Boolean);
}

/** Published first (Atom 1.0 `published`, 0.3 `issued`/`created`, Dublin Core terms), then updated. */
const ATOM_DATES = ['published', 'issued', 'created', 'dcterms:issued', 'dcterms:created', 'dc:date', 'updated', 'modified', 'dcterms:modified'];

/** Maps an Atom 0.3/1.0 document (as rss-parser read it, raw elements attached) to a ParsedFeed. */
export function mapAtom(raw: RawFeed, rootBase: string | undefined, baseUrl: string | undefined, language: string | undefined): ParsedFeed {
  const feed = raw[RAW];
  const selfLink = children(feed, 'link').find((l) => attr(l, 'rel') === 'self');
  const feedBase = asBaseUrl(rootBase, baseUrl ?? attr(selfLink, 'href'));
  const entries = raw.items.map((item): FeedEntry => {
    const element = item[RAW];
    const base = asBaseUrl(attr(element, 'xml:base'), feedBase);
    const links = children(element, 'link');
    const summary = bodyOf(child(element, 'summary')) ?? mediaDescription(element);
    const content = bodyOf(child(element, 'content'));
    return compact({
      guid: childText(element, 'id'),
      link: resolveLink(atomLink(links), base),
      title: titleOf(atomText(child(element, 'title'))) || plainText(firstText(element, ['dc:title', 'media:title'])),
      summary,
      content,
      publishedAt: firstDate(element, ATOM_DATES),
      author: childText(child(element, 'author'), 'name') ?? firstText(element, ['dc:creator']),
      categories: categoriesOf(children(element, 'category')),
      image: entryImage({ element, links, html: [content, summary], base }),
    });
  });
  return compact({
    format: 'atom' as const,
    title: titleOf(atomText(child(feed, 'title'))) || plainText(firstText(feed, ['dc:title'])) || undefined,
    link: resolveLink(atomLink(children(feed, 'link')), feedBase),
    language,
    entries,
  });
}
