import type { Infrastructure } from './infrastructure.js';
import type { CommandContext } from './command-context.js';
import { createTelegramBot } from '../platforms/telegram/bot/index.js';

/** The telegram role: answers commands in Telegram chats (long polling, or a webhook when configured). */
export async function startTelegramRole(infra: Infrastructure, commands: CommandContext): Promise<() => Promise<void>> {
  const { config, logger } = infra;
  const log = logger.child({ module: 'telegram-role' });
  const bot = createTelegramBot({
    token: config.TELEGRAM_BOT_TOKEN!,
    apiRoot: config.TELEGRAM_API_ROOT,
    webhookUrl: config.TELEGRAM_WEBHOOK_URL,
    webhookSecret: config.TELEGRAM_WEBHOOK_SECRET,
    commands: commands.commands,
    services: commands.services,
    redis: infra.redis,
    keys: infra.keys,
    ownerIds: config.OWNER_IDS,
    logger,
    onPollingStopped: (err) =>
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'Telegram long polling stopped; commands are not answered until restart'),
  });
  if (bot.handleWebhook) commands.http.addRoute(bot.handleWebhook);
  await bot.start();
  return () => bot.stop();
}
