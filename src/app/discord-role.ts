import type { Infrastructure } from './infrastructure.js';
import type { CommandContext } from './command-context.js';
import { createDiscordBot } from '../platforms/discord/bot/index.js';

/** The discord role: answers slash commands over the Discord gateway (Guilds intent only). */
export async function startDiscordRole(infra: Infrastructure, commands: CommandContext): Promise<() => Promise<void>> {
  const { config, logger } = infra;
  const bot = createDiscordBot({
    token: config.DISCORD_TOKEN!,
    applicationId: config.DISCORD_APPLICATION_ID,
    apiUrl: config.DISCORD_API_URL,
    guildId: config.DISCORD_GUILD_ID,
    commands: commands.commands,
    services: commands.services,
    redis: infra.redis,
    keys: infra.keys,
    ownerIds: config.OWNER_IDS,
    logger,
  });
  await bot.start();
  return () => bot.stop();
}
