import type { Infrastructure } from './infrastructure.js';
import type { NewsServices } from './news-services.js';
import type { Sender } from '../delivery/core/types.js';
import { createRedisSubscriptionStore } from '../delivery/core/subscriptions.js';
import { createFanoutWorker } from '../delivery/fanout.js';
import { createDeliveryWorker } from '../delivery/deliver-worker.js';
import { consolePlatform } from '../platforms/console/platform.js';
import { createConsoleSender } from '../platforms/console/sender.js';
import { platforms } from './platforms.js';
import { createEntityNames } from './entity-names.js';
import { watchProgress } from './progress-watch.js';

/** The console destination that gets every story when no platform token is set. */
export const CONSOLE_DESTINATION = { platform: consolePlatform.name, chatId: 'stdout' } as const;

/**
 * The worker role: fans each queued story out to the subscriptions that want it, and delivers, paced, to every
 * platform whose token is set. With no platform token at all, the console is subscribed to the whole topic pack,
 * so alerts are printed, one block per story.
 */
export async function startWorkerRole(infra: Infrastructure, news: NewsServices): Promise<() => Promise<void>> {
  const { config, logger, redis, keys, queues } = infra;
  const subscriptions = createRedisSubscriptionStore({ redis, keys, platforms });
  const senders: Sender[] = [createConsoleSender()];
  // Alerts name actors and places as the topic pack spells them in the reader's language.
  const labels = createEntityNames(news.pack);
  // A platform's library is loaded only when its token is set (discord.js alone holds some 50 MB).
  if (config.DISCORD_TOKEN) {
    const { createDiscordSender } = await import('../platforms/discord/sender.js');
    senders.push(createDiscordSender({ token: config.DISCORD_TOKEN, apiUrl: config.DISCORD_API_URL, logger, labels }));
  }
  if (config.TELEGRAM_BOT_TOKEN) {
    const { createTelegramSender } = await import('../platforms/telegram/sender.js');
    senders.push(createTelegramSender({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, logger, labels }));
  }
  if (!config.DISCORD_TOKEN && !config.TELEGRAM_BOT_TOKEN) {
    const subscribeConsole = () =>
      subscriptions.subscribe({
        destination: CONSOLE_DESTINATION,
        entities: [],
        keywords: [],
        exclude: [],
        mode: 'instant',
        createdBy: 'console',
      });
    await subscribeConsole();
    infra.dataWatch.onLoss('console', async () => {
      await subscribeConsole();
      return 'the console subscribed to the whole topic pack again';
    });
  }

  const fanout = createFanoutWorker({
    connection: infra.workerConnection(),
    redis,
    keys,
    deliveries: queues.deliveries,
    subscriptions,
    stories: news.archive,
    logger,
  });
  const delivery = createDeliveryWorker({
    connection: infra.workerConnection(),
    redis,
    keys,
    senders,
    stories: news.archive,
    subscriptions,
    logger,
  });
  const stopWatching = watchProgress({
    component: 'workers',
    health: infra.health,
    queue: queues.deliveries,
    workers: [fanout.worker, delivery.worker],
    check: 'is Redis reachable? do deliveries hang (see kazwire_deliveries_total)?',
  });
  return async () => {
    stopWatching();
    await fanout.close();
    await delivery.close();
  };
}
