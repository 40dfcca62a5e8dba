import type { Config } from '../config/env.js';
import { createFeedFetcher } from '../feeds/fetch/index.js';
import { createFeedParserPool } from '../feeds/parse/index.js';
import type { FetchFeed, ParseFeed } from '../feeds/poller.js';
import type { Logger } from '../log.js';

/**
 * How a process reads feeds: the guarded fetcher (address policy, size cap) and the parser pool, built once and
 * shared by the poller and by `/feeds add`, so a feed added from chat passes exactly the checks a poll does.
 */
export interface FeedReading {
  fetchFeed: FetchFeed;
  parseFeed: ParseFeed;
  /** Downloads a file sent with a command (an OPML list) through the same guarded fetcher: address checks, size cap. */
  fetchFile(url: string): Promise<Buffer>;
  /** Closes the fetcher's connections and the parser's workers; call it after everything that reads feeds stopped. */
  close(): Promise<void>;
}

export interface FeedReadingOptions {
  config: Pick<Config, 'ALLOW_PRIVATE_NETWORK_FEEDS' | 'FEED_MAX_BYTES'>;
  logger: Logger;
  /** Parser worker threads. Default: one per core, at most 2 (workers start on first use). */
  parserThreads?: number;
}

export function createFeedReading(options: FeedReadingOptions): FeedReading {
  const fetcher = createFeedFetcher({
    allowPrivateNetwork: options.config.ALLOW_PRIVATE_NETWORK_FEEDS,
    maxBytes: options.config.FEED_MAX_BYTES,
    logger: options.logger,
  });
  const parser = createFeedParserPool(options.parserThreads !== undefined ? { size: options.parserThreads } : {});
  return {
    fetchFeed: (url, conditional, signal) => fetcher.fetch(url, conditional, signal),
    parseFeed: (body, parseOptions) => parser.parse(body, parseOptions),
    async fetchFile(url) {
      const outcome = await fetcher.fetch(url, {}, AbortSignal.timeout(30_000));
      if (outcome.kind !== 'ok') throw new Error('the server answered 304 to an unconditional request');
      return outcome.body;
    },
    async close() {
      await parser.close();
      await fetcher.close();
    },
  };
}
