import type { Infrastructure } from './infrastructure.js';
import type { NewsServices } from './news-services.js';

/** The telegram role: answers commands in Telegram chats (long polling, or a webhook when configured). */
export async function startTelegramRole(infra: Infrastructure, _news: NewsServices): Promise<() => Promise<void>> {
  infra.logger.warn('the Telegram command adapter is not wired yet');
  return async () => undefined;
}
