import type { Config } from '../config/env.js';
import type { FetchFeed, ParseFeed } from '../feeds/poller.js';

/** The poller's guarded fetcher and a one-worker parser pool, for `add`'s one look at the feed. */
export async function openFeedReader(config: Config): Promise<{ fetchFeed: FetchFeed; parseFeed: ParseFeed; close(): Promise<void> }> {
  const [{ createFeedFetcher }, { createFeedParserPool }] = await Promise.all([import('../feeds/fetch/index.js'), import('../feeds/parse/index.js')]);
  const fetcher = createFeedFetcher({ allowPrivateNetwork: config.ALLOW_PRIVATE_NETWORK_FEEDS, maxBytes: config.FEED_MAX_BYTES });
  const parser = createFeedParserPool({ size: 1 });
  return {
    fetchFeed: fetcher.fetch.bind(fetcher),
    parseFeed: parser.parse.bind(parser),
    close: async () => void (await Promise.all([parser.close(), fetcher.close()])),
  };
}
