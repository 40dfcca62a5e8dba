import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CommandServices } from '../commands/services.js';
import { createTelegramBot } from '../platforms/telegram/bot/index.js';
import type { Keys } from '../redis/keys.js';
import { commandAdapterOptions } from './command-services.js';
import type { AppHttpServer } from './http-server.js';
import type { Infrastructure } from './infrastructure.js';
import { keepTrying, type Trying } from './keep-trying.js';

const check = 'can this host reach TELEGRAM_API_ROOT? is TELEGRAM_BOT_TOKEN valid, and is no other process polling with it?';

/**
 * The telegram role: answers commands in Telegram chats (long polling, or a webhook on the app's HTTP server).
 * It returns at once: the Bot API is tried in the background with backoff until it answers, and again whenever
 * long polling stops, reported as the `telegram` health component (also when getUpdates fails later).
 * A webhook always has a secret: TELEGRAM_WEBHOOK_SECRET, or one generated once and kept in Redis.
 */
export async function startTelegramRole(infra: Infrastructure, services: CommandServices, http: AppHttpServer): Promise<() => Promise<void>> {
  const { config, health } = infra;
  const log = infra.logger.child({ module: 'telegram-role' });
  const webhookSecret = config.TELEGRAM_WEBHOOK_URL
    ? (config.TELEGRAM_WEBHOOK_SECRET ?? (await storedWebhookSecret(infra.redis, infra.keys)))
    : undefined;
  let stopped = false;
  let trying: Trying | undefined;
  let restart: NodeJS.Timeout | undefined;
  // Polling stops in a row without a getUpdates getting through: each waits twice as long (to 60 s) before the
  // next start, so a token another process polls with does not make the two flap every second.
  let stops = 0;
  const connect = () => {
    trying = keepTrying({
      component: 'telegram',
      attempt: async (signal) => {
        await bot.start();
        if (signal.aborted) await bot.stop();
      },
      health,
      log,
      check,
    });
  };
  const bot = createTelegramBot({
    ...commandAdapterOptions(infra, services),
    token: config.TELEGRAM_BOT_TOKEN!,
    apiRoot: config.TELEGRAM_API_ROOT,
    webhookUrl: config.TELEGRAM_WEBHOOK_URL,
    webhookSecret,
    maxFileBytes: config.FEED_MAX_BYTES,
    onConnection: (up, detail) => {
      if (up && detail === 'long polling') stops = 0;
      health.report('telegram', up, detail, { check });
    },
    // Polling gave up (token refused, another poller, or a very long outage): start again, with backoff.
    onPollingStopped: () => {
      if (stopped) return;
      const waitMs = Math.min(60_000, 1000 * 2 ** stops++);
      health.report('telegram', false, `long polling stopped; starting it again in ${waitMs / 1000} s`, { check });
      restart = setTimeout(connect, waitMs);
    },
  });
  if (bot.handleWebhook) http.addRoute(bot.handleWebhook);
  connect();
  return async () => {
    stopped = true;
    clearTimeout(restart);
    trying?.stop();
    await bot.stop();
    health.remove('telegram');
  };
}

/**
 * The webhook secret kept in Redis, generated (32 random bytes, base64url: Telegram's `A-Z a-z 0-9 _ -`) by the
 * first process that needs it; every process of the deployment then checks updates against the same one.
 */
export async function storedWebhookSecret(redis: Redis, keys: Keys): Promise<string> {
  const key = keys.telegramWebhookSecret();
  await redis.set(key, randomBytes(32).toString('base64url'), 'NX');
  const secret = await redis.get(key);
  if (!secret) throw new Error(`the Telegram webhook secret vanished from Redis (${key}) as it was written; start again`);
  return secret;
}
