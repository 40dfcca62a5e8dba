import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { createCommandRateLimiter } from '../../../commands/rate-limit.js';
import type { CommandAdapterOptions } from '../../../commands/adapter-options.js';
import { createCommandRegistry } from '../../../commands/registry.js';
import { errorMessage } from '../../../errors.js';
import { silentLogger } from '../../../log.js';
import { createInteractionRouter } from './interaction-router.js';
import { registerSlashCommands } from './registration.js';

/** Options of {@link createDiscordBot}. */
export interface DiscordBotOptions extends CommandAdapterOptions {
  /** Bot token (DISCORD_TOKEN), without the `Bot ` prefix. */
  token: string;
  /** DISCORD_APPLICATION_ID. Absent: read from Discord after login. */
  applicationId?: string;
  /** Base of the REST API (DISCORD_API_URL), e.g. `https://discord.com/api`; discord.js appends `/v10`. */
  apiUrl: string;
  /** DISCORD_GUILD_ID: register the commands in this guild only (they appear at once). Absent: globally. */
  guildId?: string;
  /** How long a command may run before its interaction is deferred, in ms. Default 2000 (Discord allows 3000). */
  deferAfterMs?: number;
  /**
   * Downloads a file attached to a command (its CDN URL). The app passes the feed fetcher's, so the address
   * checks and size cap of feeds apply. Default: files are refused.
   */
  fetchFile?: (url: string) => Promise<Buffer>;
  /** Largest attached file read, in bytes. Default 5 MiB (FEED_MAX_BYTES's default). */
  maxFileBytes?: number;
  /** Longest wait for the gateway session once logged in, in ms; then `start` gives up. Default 30 000. */
  readyTimeoutMs?: number;
  /** Told when the gateway session is lost (`up: false`) and when it is back, after `start` succeeded once. */
  onConnection?: (up: boolean, detail: string) => void;
}

/** The Discord command adapter, started and stopped by the composition root. */
export interface DiscordBot {
  /**
   * Logs in over the gateway, then registers the slash commands (skipped when unchanged). On failure the client
   * is closed again and the error thrown, so `start` may simply be called again later.
   */
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
    fetchFile: options.fetchFile ?? (() => Promise.reject(new Error('this bot reads no files'))),
    maxFileBytes: options.maxFileBytes ?? 5 * 1024 * 1024,
    ...(options.now ? { now: options.now } : {}),
  });
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  client.on(Events.Error, (err) => log.error({ err: errorMessage(err) }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));
  // discord.js reconnects and resumes by itself; these only say how it goes.
  const connection = (up: boolean, detail: string) => options.onConnection?.(up, detail);
  client.on(Events.ShardDisconnect, (event) => connection(false, `gateway closed (code ${event.code}); reconnecting`));
  client.on(Events.ShardReconnecting, () => connection(false, 'gateway reconnecting'));
  client.on(Events.ShardError, (err) => connection(false, `gateway error: ${errorMessage(err)}`));
  client.on(Events.ShardResume, () => connection(true, 'gateway session resumed'));
  client.on(Events.ShardReady, () => connection(true, 'gateway session ready'));

  return {
    async start() {
      const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(options.readyTimeoutMs ?? 30_000) });
      try {
        await client.login(options.token);
        await ready;
      } catch (err) {
        ready.catch(() => undefined);
        await client.destroy();
        throw new Error(`discord gateway not reached: ${errorMessage(err)}`, { cause: err });
      }
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
