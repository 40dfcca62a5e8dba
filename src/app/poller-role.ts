import type { Infrastructure } from './infrastructure.js';
import type { NewsServices } from './news-services.js';
import { createRedisFeedRegistry } from '../feeds/registry.js';
import { configuredFeeds } from '../feeds/configured-feeds.js';
import { createRedisSeenStore } from '../feeds/seen-store.js';
import { createRedisFeedActivity } from '../feeds/schedule/feed-activity.js';
import { identifyItems } from '../feeds/identity.js';
import { createFeedPoller, type FeedPoller } from '../feeds/poller.js';
import { anyAddress, publicAddressesOnly } from '../feeds/fetch/index.js';
import { createPollScheduler } from '../feeds/schedule/scheduler.js';
import { createPollWorker } from '../feeds/schedule/poll-worker.js';
import { createIngest } from '../pipeline/ingest.js';
import { createRedisStoryVersions } from '../pipeline/story-versions.js';
import { startArchiveMaintenance } from './archive-maintenance.js';
import type { FeedReading } from './feed-reading.js';
import { watchProgress } from './progress-watch.js';

/**
 * The poller role: keeps the configured feeds in the registry, schedules their polls, and runs poll jobs
 * (fetch, parse, new items, understanding, stories queued). `reading` is the process's fetcher and parser; the
 * caller closes it after this role has stopped.
 */
export async function startPollerRole(infra: Infrastructure, news: NewsServices, reading: FeedReading): Promise<() => Promise<void>> {
  const { config, logger, redis, keys, queues } = infra;
  const log = logger.child({ module: 'poller-role' });
  const registry = createRedisFeedRegistry({ redis, keys });

  /** Loads the feed list from its source (FEED_URLS, FEEDS_FILE, or the topic pack's defaults) into the registry. */
  const loadFeedList = async () => {
    const configured = configuredFeeds({ feedUrls: config.FEED_URLS, feedsFile: config.FEEDS_FILE, pack: news.pack });
    for (const p of configured.problems) log.warn({ line: p.line, text: p.text, reason: p.reason }, 'FEEDS_FILE line skipped');
    const change = await registry.syncConfigured(configured.entries);
    log.info(
      { feeds: configured.entries.length, source: configured.source, added: change.added.length, removed: change.removed.length, keptOut: change.keptOut.length },
      'feed list loaded',
    );
    return `${configured.entries.length} feeds from ${configured.source}, ${change.added.length} added`;
  };
  await loadFeedList();

  const baseMs = config.POLL_INTERVAL_SECONDS * 1000;
  const poller = createFeedPoller({
    registry,
    seen: createRedisSeenStore({ redis, keys }),
    activity: createRedisFeedActivity({ redis, keys }),
    fetchFeed: reading.fetchFeed,
    parseFeed: reading.parseFeed,
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
    // Pictures may point where feeds may: the platforms fetch them, so the same addresses are refused.
    imageAddressPolicy: config.ALLOW_PRIVATE_NETWORK_FEEDS ? anyAddress : publicAddressesOnly,
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
  // The newest item each feed served to this process, to alert what came after it if Redis loses its data (the
  // feed's own record of it goes with the data).
  const newestServed = new Map<string, number>();
  const remembering: FeedPoller = {
    async poll(feedId, signal) {
      const report = await poller.poll(feedId, signal);
      if (report.newestItemAtMs !== undefined) newestServed.set(feedId, report.newestItemAtMs);
      else if (report.result === 'removed') newestServed.delete(feedId);
      return report;
    },
  };
  const worker = createPollWorker({ connection: infra.workerConnection(), prefix: keys.prefix, poller: remembering, scheduler, logger });
  // Every minute (or every poll interval, when shorter), and at once when Redis comes back after a loss.
  const reconciling = scheduler.startReconciling(Math.min(60_000, Math.max(5_000, baseMs)));
  const onReady = () => reconciling.soon();
  redis.on('ready', onReady);
  // Redis came back empty: the feed list again (feeds added from chat are gone with it), then their first polls.
  // Their first polls alert what was published after the newest item this process read of them, rather than
  // recording it as a new feed's backlog.
  infra.dataWatch.onLoss('feeds', async () => {
    const done = await loadFeedList();
    let resumed = 0;
    for (const feed of await registry.list()) {
      const after = newestServed.get(feed.id);
      if (feed.initialized || after === undefined) continue;
      await registry.update(feed.id, { alertAfter: new Date(after).toISOString() });
      resumed++;
    }
    reconciling.soon();
    return `${done}; ${resumed} alert what they publish after their newest item before the loss`;
  });
  const stopPruning = startArchiveMaintenance({ archive: news.archive, redis, keys, logger });
  const stopWatching = watchProgress({
    component: 'pollers',
    health: infra.health,
    queue: queues.poll,
    workers: [worker.worker],
    check: 'is Redis reachable? are feed fetches hanging (see kazwire_feed_polls_total)?',
  });

  return async () => {
    stopWatching();
    redis.off('ready', onReady);
    await reconciling.stop();
    await stopPruning();
    // Finishes the polls in flight (or hands them back when they outlast the shutdown deadline).
    await worker.close();
  };
}
