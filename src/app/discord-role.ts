import type { CommandServices } from '../commands/services.js';
import { createDiscordBot } from '../platforms/discord/bot/index.js';
import { commandAdapterOptions } from './command-services.js';
import type { FeedReading } from './feed-reading.js';
import type { Infrastructure } from './infrastructure.js';
import { keepTrying } from './keep-trying.js';

const check = 'can this host reach DISCORD_API_URL and the Discord gateway? is DISCORD_TOKEN valid (and DISCORD_APPLICATION_ID, DISCORD_GUILD_ID right)?';

/**
 * The discord role: answers slash commands over the Discord gateway (Guilds intent only). It returns at once:
 * the connection is tried in the background with backoff until it holds (polling, delivery and the other
 * platform do not wait for it), and reported as the `discord` health component, also when the gateway is lost later.
 */
export async function startDiscordRole(
  infra: Infrastructure,
  services: CommandServices,
  reading: Pick<FeedReading, 'fetchFile'>,
): Promise<() => Promise<void>> {
  const { config, health } = infra;
  const log = infra.logger.child({ module: 'discord-role' });
  const bot = createDiscordBot({
    ...commandAdapterOptions(infra, services),
    token: config.DISCORD_TOKEN!,
    applicationId: config.DISCORD_APPLICATION_ID,
    apiUrl: config.DISCORD_API_URL,
    guildId: config.DISCORD_GUILD_ID,
    fetchFile: (url) => reading.fetchFile(url),
    maxFileBytes: config.FEED_MAX_BYTES,
    onConnection: (up, detail) => health.report('discord', up, detail, { check }),
  });
  const trying = keepTrying({
    component: 'discord',
    attempt: async (signal) => {
      await bot.start();
      // Stopped while this attempt was logging in: close what it opened.
      if (signal.aborted) await bot.stop();
    },
    health,
    log,
    check,
  });
  return async () => {
    trying.stop();
    await bot.stop();
    health.remove('discord');
  };
}
