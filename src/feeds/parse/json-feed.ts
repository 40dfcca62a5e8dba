import { z } from 'zod';
import type { FeedEntry, ParsedFeed } from '../types.js';
import { imageUrl } from './entry-image.js';
import { FeedParseError } from './errors.js';
import { normalizeDate } from './dates.js';
import { plainText, resolveLink } from './text.js';

/** A field that is dropped (not fatal) when it has the wrong type: one sloppy item must not sink the feed. */
const text = z.string().optional().catch(undefined);
const author = z.object({ name: text }).optional().catch(undefined);

const jsonFeedItemSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String).optional().catch(undefined),
  url: text,
  external_url: text,
  title: text,
  content_html: text,
  content_text: text,
  summary: text,
  date_published: text,
  date_modified: text,
  author,
  authors: z.array(author).optional().catch(undefined),
  tags: z.array(z.string()).optional().catch(undefined),
  image: text,
  banner_image: text,
});

/**
 * The `version` of a JSON Feed: the spec's URL (`https://jsonfeed.org/version/1.1`, any version), or a bare
 * number (`"1.1"`) as many generators write it.
 */
const version = z.string().trim().regex(/^(?:https?:\/\/(?:www\.)?jsonfeed\.org\/version\/[\w.]+\/?|v?\d+(?:\.\d+)*)$/i);

/** JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1): the parts Kazwire reads. */
const jsonFeedSchema = z.object({
  version,
  title: text,
  home_page_url: text,
  feed_url: text,
  language: text,
  items: z.array(z.unknown()),
});

/** Parses a JSON Feed document. @throws FeedParseError `malformed` (bad JSON) or `not_a_feed` (other JSON). */
export function parseJsonFeed(text: string, baseUrl?: string): ParsedFeed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new FeedParseError('malformed', `malformed feed: JSON syntax error: ${(err as Error).message}`, { cause: err });
  }
  const parsed = jsonFeedSchema.safeParse(json);
  if (!parsed.success) {
    throw new FeedParseError('not_a_feed', 'not a feed: JSON without a JSON Feed "version" and "items" (https://jsonfeed.org)');
  }
  const feed = parsed.data;
  const base = baseUrl ?? feed.feed_url;
  const entries = feed.items.flatMap((value): FeedEntry[] => {
    const item = jsonFeedItemSchema.safeParse(value);
    if (!item.success) return [];
    const i = item.data;
    const entry: FeedEntry = { title: plainText(i.title) };
    const set = <K extends keyof FeedEntry>(key: K, v: FeedEntry[K] | undefined) => {
      if (v !== undefined && v !== '') entry[key] = v;
    };
    set('guid', i.id?.trim());
    set('link', resolveLink(i.url ?? i.external_url, base));
    set('summary', i.summary);
    set('content', i.content_html ?? i.content_text);
    set('publishedAt', normalizeDate(i.date_published ?? i.date_modified));
    set('author', i.authors?.find((a) => a?.name)?.name ?? i.author?.name);
    set('categories', i.tags?.length ? i.tags : undefined);
    set('image', imageUrl(i.image ?? i.banner_image, base) ?? (i.image && i.banner_image ? imageUrl(i.banner_image, base) : undefined));
    return [entry];
  });
  const result: ParsedFeed = { format: 'json', entries };
  const title = plainText(feed.title);
  if (title) result.title = title;
  const link = resolveLink(feed.home_page_url, base);
  if (link) result.link = link;
  if (feed.language) result.language = feed.language;
  return result;
}
