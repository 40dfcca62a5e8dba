import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Redis } from 'ioredis';
import { createCommandRateLimiter, type CommandRateLimitOptions } from '../../../commands/rate-limit.js';
import { createCommandRegistry } from '../../../commands/registry.js';
import type { CommandServices } from '../../../commands/services.js';
import type { Command } from '../../../commands/types.js';
import { errorMessage } from '../../../errors.js';
import { silentLogger, type Logger } from '../../../log.js';
import type { Keys } from '../../../redis/keys.js';
import { createInteractionRouter } from './interaction-router.js';
import { registerSlashCommands } from './registration.js';

/** Options of {@link createDiscordBot}. */
export interface DiscordBotOptions {
  /** Bot token (DISCORD_TOKEN), without the `Bot ` prefix. */
  token: string;
  /** DISCORD_APPLICATION_ID. Absent: read from Discord after login. */
  applicationId?: string;
  /** Base of the REST API (DISCORD_API_URL), e.g. `https://discord.com/api`; discord.js appends `/v10`. */
  apiUrl: string;
  /** DISCORD_GUILD_ID: register the commands in this guild only (they appear at once). Absent: globally. */
  guildId?: string;
  /** The neutral commands: the same list is registered and answered. */
  commands: readonly Command[];
  services: CommandServices;
  /** For the per-user command rate limit and the registered-commands hash. */
  redis: Redis;
  keys: Keys;
  /** Discord user ids of the bot's owners (OWNER_IDS). */
  ownerIds: readonly string[];
  /** Default `silentLogger`. */
  logger?: Logger;
  /** Per-user command limit. Default 10 commands a minute. */
  rateLimit?: CommandRateLimitOptions;
  /** How long a command may run before its interaction is deferred, in ms. Default 2000 (Discord allows 3000). */
  deferAfterMs?: number;
  /** Clock for commands. Default `() => new Date()`. */
  now?: () => Date;
}

/** The Discord command adapter, started and stopped by the composition root. */
export interface DiscordBot {
  /** Logs in over the gateway, then registers the slash commands (skipped when unchanged). */
  start(): Promise<void>;
  /** Closes the gateway connection. */
  stop(): Promise<void>;
}

/**
 * The Discord command adapter: a discord.js Client with the Guilds intent only (slash commands need no
 * privileged intent and no message content), answering slash commands, paging buttons and autocomplete with the
 * platform-neutral commands. Nothing here posts news: that is the sender's job.
 */
export function createDiscordBot(options: DiscordBotOptions): DiscordBot {
  const log = (options.logger ?? silentLogger).child({ module: 'discord-bot' });
  const registry = createCommandRegistry(options.commands);
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: options.apiUrl } });
  const route = createInteractionRouter({
    registry,
    services: options.services,
    rateLimiter: createCommandRateLimiter(options.redis, options.keys, options.rateLimit),
    ownerIds: new Set(options.ownerIds),
    log,
    deferAfterMs: options.deferAfterMs ?? 2000,
    ...(options.now ? { now: options.now } : {}),
  });
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  client.on(Events.Error, (err) => log.error({ err: errorMessage(err) }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));

  return {
    async start() {
      const ready = once(client, Events.ClientReady);
      await client.login(options.token);
      await ready;
      try {
        const applicationId = options.applicationId ?? client.application?.id ?? (await client.application?.fetch())?.id;
        if (!applicationId) throw new Error('Discord did not say which application this bot is; set DISCORD_APPLICATION_ID');
        await registerSlashCommands({
          rest: client.rest,
          applicationId,
          ...(options.guildId ? { guildId: options.guildId } : {}),
          commands: registry.list(),
          redis: options.redis,
          keys: options.keys,
          log,
        });
      } catch (err) {
        log.error({ err: errorMessage(err), guildId: options.guildId }, 'discord command registration failed; check DISCORD_APPLICATION_ID and DISCORD_GUILD_ID');
        await client.destroy();
        throw err;
      }
      log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord bot answering commands');
    },
    async stop() {
      await client.destroy();
    },
  };
}
