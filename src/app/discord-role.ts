import type { CommandServices } from '../commands/services.js';
import { createDiscordBot } from '../platforms/discord/bot/index.js';
import { commandAdapterOptions } from './command-services.js';
import type { Infrastructure } from './infrastructure.js';

/** The discord role: answers slash commands over the Discord gateway (Guilds intent only). */
export async function startDiscordRole(infra: Infrastructure, services: CommandServices): Promise<() => Promise<void>> {
  const { config } = infra;
  const bot = createDiscordBot({
    ...commandAdapterOptions(infra, services),
    token: config.DISCORD_TOKEN!,
    applicationId: config.DISCORD_APPLICATION_ID,
    apiUrl: config.DISCORD_API_URL,
    guildId: config.DISCORD_GUILD_ID,
  });
  await bot.start();
  return () => bot.stop();
}
