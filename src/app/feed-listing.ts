import type { FeedHealth, FeedRegistryLike } from '../commands/services.js';
import type { Config } from '../config/env.js';
import { configuredFeeds } from '../feeds/configured-feeds.js';
import { normaliseFeedUrl } from '../feeds/feed-id.js';
import type { RemovedFeed } from '../feeds/registry.js';
import type { Logger } from '../log.js';

/**
 * The feed list /feeds shows: the registry's feeds, and the configured ones (FEEDS_FILE, FEED_URLS or the topic
 * pack) that the poller has not put in it yet, as never polled. A process that answers commands may start before
 * the poller, and "no feeds" would then be wrong. Feeds an operator removed stay out, as the poller keeps them.
 */
export function withConfiguredFeeds(
  admin: FeedRegistryLike,
  removedFeeds: () => Promise<RemovedFeed[]>,
  options: { config: Config; pack: { id: string; feeds: string[] }; log: Logger },
): FeedRegistryLike {
  const urls = configuredUrls(options);
  return {
    ...admin,
    async list() {
      const [list, removed] = await Promise.all([admin.list(), removedFeeds()]);
      const known = new Set([...list.map((f) => same(f.url)), ...removed.map((r) => same(r.url))]);
      const waiting: FeedHealth[] = urls
        .filter((url) => !known.has(same(url)))
        .map((url) => ({ id: url, url, consecutiveFailures: 0, itemsSeen: 0, failing: false }));
      return [...list, ...waiting];
    },
  };
}

function configuredUrls(options: { config: Config; pack: { id: string; feeds: string[] }; log: Logger }): string[] {
  try {
    const { config, pack } = options;
    return configuredFeeds({ feedUrls: config.FEED_URLS, feedsFile: config.FEEDS_FILE, pack }).entries.map((e) => e.url);
  } catch (err) {
    // The poller refuses to start on such a list and says why; /feeds then shows what the registry has.
    options.log.warn({ err: (err as Error).message }, 'configured feed list unreadable; /feeds lists the registry only');
    return [];
  }
}

function same(url: string): string {
  try {
    return normaliseFeedUrl(url);
  } catch {
    return url;
  }
}
