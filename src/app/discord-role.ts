import type { Infrastructure } from './infrastructure.js';
import type { NewsServices } from './news-services.js';

/** The discord role: answers slash commands over the Discord gateway. */
export async function startDiscordRole(infra: Infrastructure, _news: NewsServices): Promise<() => Promise<void>> {
  infra.logger.warn('the Discord command adapter is not wired yet');
  return async () => undefined;
}
