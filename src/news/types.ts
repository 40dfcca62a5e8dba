/**
 * An item that passed identity and de-duplication: new to Kazwire, about to be judged for relevance,
 * clustered into a story, and archived.
 */
export interface NewsItem {
  /** Stable id: from the guid, the canonical link, or a hash of title and date (src/feeds/identity.ts). */
  id: string;
  feedId: string;
  /** Display name of the outlet (feed title, else the link's host). */
  source: string;
  title: string;
  link?: string;
  /**
   * The item's picture: an absolute http(s) URL that passed the feeds' address checks. Kazwire never fetches it;
   * the platforms show it.
   */
  image?: string;
  /** Summary and content as plain text (ingest strips the feed's HTML before the news stage sees it). */
  text: string;
  /** ISO 8601; the fetch time when the feed gives none. */
  publishedAt: string;
  /** ISO 8601 time Kazwire first saw it. */
  seenAt: string;
}

/** A topic-pack entity found in an item. */
export interface EntityMatch {
  /** Entity id from the topic pack, e.g. `tokayev`, `csto`, `kazakhstan`. */
  entityId: string;
  /** The text that matched, as written in the item. */
  matched: string;
  /** Where: title matches weigh more than body matches. */
  field: 'title' | 'text';
}

/** A story: one event, told by one or more outlets. The first item's fields are the story's. */
export interface Story {
  id: string;
  title: string;
  link?: string;
  /** Outlet of the first item. */
  source: string;
  /** The first item's picture, when its feed gave one (see {@link NewsItem.image}). */
  image?: string;
  /** Short extractive summary (2-3 sentences, at most ~300 characters). */
  summary: string;
  /** ISO 8601 publication time of the first item. */
  publishedAt: string;
  /** Entity ids matched across the story's items. */
  entities: string[];
  /** Relevance score of the first item (higher is more relevant). */
  score: number;
  /** Outlets that reported it after the first, in order, with their links. */
  alsoReportedBy: Array<{ source: string; link?: string; title: string }>;
  /** Item ids in the story. */
  itemIds: string[];
}
