import { restoreNewestBackup } from '../backup/restore-newest.js';
import { createRedisSubscriptionStore } from '../delivery/core/subscriptions.js';
import { createRedisChatLanguageStore } from '../i18n/chat-languages.js';
import type { Infrastructure } from './infrastructure.js';
import { platforms } from './platforms.js';

/**
 * Starts the Redis data watch (src/app/redis-data-watch.ts) with the recovery step every process has: with
 * BACKUP_DIR set, the subscriptions are restored from its newest export, after a loss and at a start that finds
 * Redis empty. The roles add their own steps (the poller reloads the feed list).
 */
export async function watchRedisData(infra: Infrastructure): Promise<void> {
  const { config, redis, keys, logger, dataWatch } = infra;
  const log = logger.child({ module: 'redis-data' });
  const dir = config.BACKUP_DIR;
  const restore = async (): Promise<string> => {
    if (!dir) return 'no BACKUP_DIR: subscriptions not restored (npm run subscriptions -- import FILE)';
    const store = createRedisSubscriptionStore({ redis, keys, platforms });
    const report = await restoreNewestBackup(store, dir, platforms, createRedisChatLanguageStore(redis, keys));
    if (!report) return `no export in ${dir} yet: subscriptions not restored`;
    log.warn({ ...report }, 'subscriptions restored from the newest backup');
    return `${report.created + report.updated + report.unchanged} from ${report.file}`;
  };
  dataWatch.onLoss('subscriptions', restore);
  const found = await dataWatch.start();
  if (found === 'empty' && dir) await restore();
}
