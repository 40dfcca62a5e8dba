import { decodeHtmlEntities } from './entities.js';
import { attr, children, type XmlElement } from './xml-nodes.js';

const IMAGE_EXTENSION = /\.(?:jpe?g|png|gif|webp|avif|bmp|svg)(?:[?#]|$)/i;

/**
 * An absolute http(s) URL for an image, or undefined. Relative URLs resolve against `base`; a protocol-relative
 * one (`//cdn...`) without a base is taken as https. `data:` and other schemes are refused: the image is fetched
 * later by a client that must not be sent elsewhere.
 */
export function imageUrl(href: string | undefined, base: string | undefined): string | undefined {
  const raw = href?.trim();
  if (!raw) return undefined;
  try {
    const url = base === undefined && raw.startsWith('//') ? new URL(`https:${raw}`) : new URL(raw, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** True when a media element or enclosure describes an image (medium, MIME type, else the file name). */
function isImage(element: XmlElement, urlAttribute: string): boolean {
  const medium = attr(element, 'medium')?.toLowerCase();
  if (medium) return medium === 'image';
  const type = attr(element, 'type')?.toLowerCase();
  if (type) return type.startsWith('image/');
  return IMAGE_EXTENSION.test(attr(element, urlAttribute) ?? '');
}

/** `media:content` and `media:thumbnail` of an item, with those inside its `media:group`s. */
function mediaElements(item: unknown, name: 'media:content' | 'media:thumbnail'): XmlElement[] {
  return [...children(item, name), ...children(item, 'media:group').flatMap((group) => children(group, name))];
}

/**
 * The `src` of the first `<img>` of some HTML (linear: each tag is read once), skipping 1x1 tracking pixels and
 * `data:` placeholders, and preferring a lazy-loaded image's `data-src`.
 */
export function firstImgSrc(html: string | undefined): string | undefined {
  if (!html || !html.includes('<')) return undefined;
  const img = /<img\b/gi;
  for (let match = img.exec(html); match; match = img.exec(html)) {
    const end = html.indexOf('>', match.index);
    if (end === -1) return undefined;
    const tag = html.slice(match.index, end);
    img.lastIndex = end;
    const value = (name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag)?.slice(1).find((v) => v !== undefined);
    if (value('width') === '1' && value('height') === '1') continue;
    // A lazy-loaded image keeps a placeholder (often a data: URL) in src and the picture in data-src.
    const src = [value('data-src'), value('src')].find((v) => v && !/^\s*data:/i.test(v));
    if (src) return decodeHtmlEntities(src);
  }
  return undefined;
}

/** Where the picture of an RSS item or Atom entry may be written, in the order they are tried. */
export interface ImageSources {
  /** The raw item or entry element. */
  element: unknown;
  /** Atom links of the entry (`rel="enclosure"`), when it is one. */
  links?: XmlElement[];
  /** HTML whose first `<img>` is the last resort: content first, then the description. */
  html: Array<string | undefined>;
  base: string | undefined;
}

/**
 * The item's picture: `media:content` that is an image, `media:thumbnail`, an image `enclosure`,
 * `itunes:image`, an Atom `link rel="enclosure"` of an image type, else the first `<img src>` of the HTML.
 */
export function entryImage({ element, links = [], html, base }: ImageSources): string | undefined {
  const candidates: Array<() => string | undefined> = [
    () => attr(mediaElements(element, 'media:content').find((m) => isImage(m, 'url')), 'url'),
    () => attr(mediaElements(element, 'media:thumbnail').find((m) => attr(m, 'url')) ?? children(mediaElements(element, 'media:content')[0], 'media:thumbnail')[0], 'url'),
    () => attr(children(element, 'enclosure').find((e) => isImage(e, 'url')), 'url'),
    () => attr(children(element, 'itunes:image')[0], 'href') ?? attr(children(element, 'itunes:image')[0], 'url'),
    () => attr(links.find((l) => attr(l, 'rel') === 'enclosure' && isImage(l, 'href')), 'href'),
    ...html.map((h) => () => firstImgSrc(h)),
  ];
  for (const candidate of candidates) {
    const url = imageUrl(candidate(), base);
    if (url) return url;
  }
  return undefined;
}
