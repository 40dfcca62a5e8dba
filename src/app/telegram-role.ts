import type { CommandServices } from '../commands/services.js';
import { createTelegramBot } from '../platforms/telegram/bot/index.js';
import { commandAdapterOptions } from './command-services.js';
import type { AppHttpServer } from './http-server.js';
import type { Infrastructure } from './infrastructure.js';

/** The telegram role: answers commands in Telegram chats (long polling, or a webhook on the app's HTTP server). */
export async function startTelegramRole(infra: Infrastructure, services: CommandServices, http: AppHttpServer): Promise<() => Promise<void>> {
  const { config, logger } = infra;
  const log = logger.child({ module: 'telegram-role' });
  const bot = createTelegramBot({
    ...commandAdapterOptions(infra, services),
    token: config.TELEGRAM_BOT_TOKEN!,
    apiRoot: config.TELEGRAM_API_ROOT,
    webhookUrl: config.TELEGRAM_WEBHOOK_URL,
    webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
    onPollingStopped: (err) =>
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'Telegram long polling stopped; commands are not answered until restart'),
  });
  if (bot.handleWebhook) http.addRoute(bot.handleWebhook);
  await bot.start();
  return () => bot.stop();
}
