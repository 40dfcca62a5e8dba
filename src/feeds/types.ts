/** One entry as read from a feed, before identity, relevance or clustering. Text fields are decoded Unicode. */
export interface FeedEntry {
  /** RSS guid / Atom id / JSON Feed id, trimmed; absent when the feed gives none. */
  guid?: string;
  /** The entry's link, absolute (resolved against the feed URL / xml:base) when it could be. */
  link?: string;
  /** Plain-text title (may be empty when the feed gives none). */
  title: string;
  /** Description / summary, possibly HTML. */
  summary?: string;
  /** Full content (content:encoded, Atom content, JSON content_html/content_text), possibly HTML. */
  content?: string;
  /** Publication (or update) time as an ISO 8601 string, when the feed gives a parseable one. */
  publishedAt?: string;
  author?: string;
  categories?: string[];
  /**
   * The item's picture, as an absolute http(s) URL resolved against the item's base: from `media:content`
   * (an image), `media:thumbnail`, an image `enclosure`, `itunes:image`, JSON Feed `image`/`banner_image`, an
   * Atom `link rel="enclosure"` of an image type, else the first `<img src>` of the content or description.
   * Parsed only: never fetched by the parser.
   */
  image?: string;
}

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

/** A parsed feed document. */
export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  /** The site's link (not the feed URL). */
  link?: string;
  language?: string;
  /** RSS `<ttl>` in minutes, when given: a hint to poll no more often than that. */
  ttlMinutes?: number;
  /**
   * True when the document was not well-formed and its entries were recovered one by one (a truncated
   * download, an unclosed element): the entries are real, but some may be missing.
   */
  partial?: boolean;
  entries: FeedEntry[];
}
