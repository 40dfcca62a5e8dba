import type { Infrastructure } from './infrastructure.js';
import { createRedisFeedRegistry } from '../feeds/registry.js';
import { FEED_STATES } from '../feeds/feed-state.js';
import { createRedisSubscriptionStore } from '../delivery/core/subscriptions.js';
import { feedsByState, refreshOnScrape, subscriptionsByState } from '../metrics.js';
import { startSubscriptionBackups } from '../backup/scheduled-backup.js';
import { createRedisChatLanguageStore } from '../i18n/chat-languages.js';
import { platforms } from './platforms.js';

/**
 * What every process does for its operator, whatever its roles: the feed and subscription gauges read on each
 * /metrics scrape (from counts Redis keeps, a few SCARDs), and, when BACKUP_DIR is set, the scheduled export of
 * the subscriptions. Returns a function that stops both.
 */
export function startOperations(infra: Infrastructure): () => Promise<void> {
  const { redis, keys, config, logger } = infra;
  const registry = createRedisFeedRegistry({ redis, keys });
  const subscriptions = createRedisSubscriptionStore({ redis, keys, platforms });
  const unregister = [
    refreshOnScrape('kazwire_feeds', async () => {
      const counts = await registry.stateCounts();
      for (const state of FEED_STATES) feedsByState.set({ state }, counts[state]);
    }),
    refreshOnScrape('kazwire_subscriptions', async () => {
      for (const { platform, state, count } of await subscriptions.stateCounts()) subscriptionsByState.set({ platform, state }, count);
    }),
  ];
  const stopBackups = config.BACKUP_DIR
    ? startSubscriptionBackups({
        store: subscriptions,
        languages: createRedisChatLanguageStore(redis, keys),
        dir: config.BACKUP_DIR,
        everyMs: config.BACKUP_INTERVAL_HOURS * 3600_000,
        keep: config.BACKUP_KEEP,
        logger,
      })
    : async () => undefined;
  return async () => {
    for (const off of unregister) off();
    await stopBackups();
  };
}
