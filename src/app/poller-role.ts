import type { Infrastructure } from './infrastructure.js';
import type { NewsServices } from './news-services.js';
import { createRedisFeedRegistry } from '../feeds/registry.js';
import { createRedisSeenStore } from '../feeds/seen-store.js';
import { createRedisFeedActivity } from '../feeds/schedule/feed-activity.js';
import { createFeedFetcher } from '../feeds/fetch/index.js';
import { createFeedParserPool } from '../feeds/parse/index.js';
import { identifyItems } from '../feeds/identity.js';
import { createFeedPoller } from '../feeds/poller.js';
import { createPollScheduler } from '../feeds/schedule/scheduler.js';
import { createPollWorker } from '../feeds/schedule/poll-worker.js';
import { createIngest } from '../pipeline/ingest.js';
import { createRedisStoryVersions } from '../pipeline/story-versions.js';
import { startArchiveMaintenance } from './archive-maintenance.js';

/**
 * The poller role: keeps the configured feeds in the registry, schedules their polls, and runs poll jobs
 * (fetch, parse, new items, understanding, stories queued).
 */
export async function startPollerRole(infra: Infrastructure, news: NewsServices): Promise<() => Promise<void>> {
  const { config, logger, redis, keys, queues } = infra;
  const log = logger.child({ module: 'poller-role' });
  const registry = createRedisFeedRegistry({ redis, keys });

  const configured = config.FEED_URLS ?? news.pack.feeds;
  const change = await registry.syncConfigured(configured);
  log.info(
    { feeds: configured.length, source: config.FEED_URLS ? 'FEED_URLS' : `topic pack ${news.pack.id}`, ...change },
    'feed list loaded',
  );

  const fetcher = createFeedFetcher({
    allowPrivateNetwork: config.ALLOW_PRIVATE_NETWORK_FEEDS,
    maxBytes: config.FEED_MAX_BYTES,
    logger,
  });
  const parser = createFeedParserPool({});
  const baseMs = config.POLL_INTERVAL_SECONDS * 1000;
  const poller = createFeedPoller({
    registry,
    seen: createRedisSeenStore({ redis, keys }),
    activity: createRedisFeedActivity({ redis, keys }),
    fetchFeed: (url, conditional, signal) => fetcher.fetch(url, conditional, signal),
    parseFeed: (body, options) => parser.parse(body, options),
    identifyItems,
    handleNewItems: createIngest({
      understanding: news.understanding,
      stories: queues.stories,
      versions: createRedisStoryVersions({ redis, keys }),
      logger,
    }),
    policy: { baseMs, maxMs: Math.max(baseMs, config.POLL_MAX_INTERVAL_SECONDS * 1000) },
    backfill: config.FEED_BACKFILL_ITEMS,
    maxNewItemsPerPoll: config.FEED_MAX_NEW_ITEMS_PER_POLL,
    alertMaxAgeMs: config.ALERT_MAX_AGE_HOURS * 3600_000,
    logger,
  });
  const scheduler = createPollScheduler({
    queue: queues.poll,
    redis,
    keys,
    registry,
    firstPollWindowMs: Math.min(baseMs, 60_000),
    logger,
  });
  const worker = createPollWorker({ connection: infra.workerConnection(), prefix: keys.prefix, poller, scheduler, logger });
  const stopReconciling = scheduler.startReconciling();
  const stopPruning = startArchiveMaintenance({ archive: news.archive, redis, keys, logger });

  return async () => {
    await stopReconciling();
    await stopPruning();
    // Finishes the polls in flight (or hands them back when they outlast the shutdown deadline).
    await worker.close();
    await parser.close();
    await fetcher.close();
  };
}
