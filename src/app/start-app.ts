import type { Config } from '../config/env.js';
import type { Logger } from '../log.js';
import type { Role } from './roles.js';
import { createInfrastructure, type Infrastructure } from './infrastructure.js';
import { startHttpServer } from './http-server.js';
import { warnUnlessNoEviction } from './redis-policy.js';
import { createNewsServices, type NewsServices } from './news-services.js';
import { startPollerRole } from './poller-role.js';
import { startWorkerRole } from './worker-role.js';
import { waitForRedis } from './wait-for-redis.js';
import { createCommandServices } from './command-services.js';
import { createFeedReading } from './feed-reading.js';
import { startOperations } from './operations.js';
import { watchRedisData } from './redis-recovery.js';

export interface RunningApp {
  infra: Infrastructure;
  news: NewsServices;
  httpPort: number;
  /** Stops taking work, finishes or hands back what is in flight, closes every connection. */
  stop(): Promise<void>;
}

/**
 * The composition root: builds the shared infrastructure, starts each role this process runs and serves
 * /healthz and /metrics. Signals and exit codes are the caller's (src/main.ts); `signal` cancels a start-up
 * still waiting for Redis.
 */
export async function startApp(config: Config, roles: Set<Role>, logger: Logger, signal?: AbortSignal): Promise<RunningApp> {
  const log = logger.child({ module: 'app' });
  const infra = createInfrastructure(config, logger);
  const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
  const stopAll = async () => {
    for (const { name, stop } of stops.reverse()) {
      const started = Date.now();
      await stop().catch((err: unknown) => log.error({ err, role: name }, 'error while stopping'));
      log.debug({ role: name, tookMs: Date.now() - started }, 'stopped');
    }
    await infra.close();
  };

  try {
    const where = config.REDIS_CLUSTER_NODES ? `the cluster ${config.REDIS_CLUSTER_NODES.map((n) => `${n.host}:${n.port}`).join(',')}` : config.REDIS_URL;
    await waitForRedis(infra.redis, where, log, signal ? { signal } : {});
    await warnUnlessNoEviction(infra.redis, log);
    await watchRedisData(infra);
    stops.push({ name: 'redis-data', stop: () => infra.dataWatch.stop() });
    const news = createNewsServices(infra);
    const http = await startHttpServer({
      port: config.HTTP_PORT,
      redis: infra.redis,
      health: infra.health,
      redisData: () => infra.dataWatch.status(),
      beforeScrape: () => infra.refreshQueueGauges(),
      logger,
    });
    stops.push({ name: 'http', stop: () => http.close() });
    stops.push({ name: 'operations', stop: startOperations(infra) });

    const discord = roles.has('discord') && !!config.DISCORD_TOKEN;
    const telegram = roles.has('telegram') && !!config.TELEGRAM_BOT_TOKEN;
    // One fetcher and parser for the process: the poller's, which /feeds add uses too. Stopped after every role.
    const reading =
      roles.has('poller') || discord || telegram
        ? createFeedReading({ config, logger, ...(roles.has('poller') ? {} : { parserThreads: 1 }) })
        : undefined;
    if (reading) stops.push({ name: 'feed-reading', stop: () => reading.close() });

    if (roles.has('poller')) stops.push({ name: 'poller', stop: await startPollerRole(infra, news, reading!) });
    if (roles.has('worker')) stops.push({ name: 'worker', stop: await startWorkerRole(infra, news) });
    if (discord || telegram) {
      const { services } = createCommandServices({
        config,
        redis: infra.redis,
        keys: infra.keys,
        log: logger.child({ module: 'commands' }),
        news,
        feedReading: reading!,
      });
      // Each platform's library (discord.js: some 50 MB resident) is loaded only by a process that uses it.
      if (discord) {
        const { startDiscordRole } = await import('./discord-role.js');
        stops.push({ name: 'discord', stop: await startDiscordRole(infra, services, reading!) });
      }
      if (telegram) {
        const { startTelegramRole } = await import('./telegram-role.js');
        stops.push({ name: 'telegram', stop: await startTelegramRole(infra, services, http) });
      }
    }

    const platforms = [config.DISCORD_TOKEN && 'discord', config.TELEGRAM_BOT_TOKEN && 'telegram'].filter(Boolean);
    log.info(
      { roles: [...roles], platforms: platforms.length > 0 ? platforms : ['console'], httpPort: http.port },
      platforms.length > 0 ? 'kazwire is running' : 'kazwire is running; no platform token is set, so alerts are printed here',
    );
    return { infra, news, httpPort: http.port, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
