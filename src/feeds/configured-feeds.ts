import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/env.js';
import { OpmlError, parseFeedList, type FeedListProblem } from './feed-list.js';
import type { FeedListEntry } from './registry.js';

/** Where the configured (default) feed list comes from, and what it holds. */
export interface ConfiguredFeeds {
  entries: FeedListEntry[];
  /** e.g. `FEEDS_FILE /etc/kazwire/feeds.opml + FEED_URLS`, or `topic pack kazakhstan`. */
  source: string;
  /** Bad lines of FEEDS_FILE, skipped (the good ones are used). */
  problems: FeedListProblem[];
}

/**
 * The default feed list: FEEDS_FILE (one URL a line, or OPML) and FEED_URLS together when either is set, else
 * the topic pack's list. A FEEDS_FILE that is missing or unreadable as a whole is a ConfigError; its bad lines
 * are returned as problems and skipped.
 */
export function configuredFeeds(options: { feedUrls?: string[]; feedsFile?: string; pack: { id: string; feeds: string[] } }): ConfiguredFeeds {
  const { feedUrls, feedsFile, pack } = options;
  if (!feedsFile && !feedUrls) return { entries: pack.feeds.map((url) => ({ url })), source: `topic pack ${pack.id}`, problems: [] };
  const entries: FeedListEntry[] = [];
  let problems: FeedListProblem[] = [];
  const sources: string[] = [];
  if (feedsFile) {
    let text: string;
    try {
      text = readFileSync(feedsFile, 'utf8');
    } catch (err) {
      throw new ConfigError([`FEEDS_FILE: cannot read ${feedsFile} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`]);
    }
    try {
      const parsed = parseFeedList(text);
      entries.push(...parsed.entries);
      problems = parsed.problems;
    } catch (err) {
      if (err instanceof OpmlError) throw new ConfigError([`FEEDS_FILE ${feedsFile}: ${err.message}`]);
      throw err;
    }
    sources.push(`FEEDS_FILE ${feedsFile}`);
  }
  if (feedUrls) {
    entries.push(...feedUrls.map((url) => ({ url })));
    sources.push('FEED_URLS');
  }
  return { entries, source: sources.join(' + '), problems };
}
