import { commandList } from '../../../../commands/index.js';
import { createRedisPageStore } from '../../../../src/commands/page-store.js';
import type { CommandServices } from '../../../../src/commands/services.js';
import type { Command } from '../../../../src/commands/command.js';
import { createRedisChatLanguageStore } from '../../../../src/i18n/chat-languages.js';
import { createRedisSubscriptionStore } from '../../../../src/delivery/core/subscriptions.js';
import { platforms } from '../../../../src/app/platforms.js';
import type { Story } from '../../../../src/news/types.js';
import { createDiscordBot, type DiscordBot, type DiscordBotOptions } from '../../../../src/platforms/discord/bot/index.js';
import { archiveOf, makeServices, story } from '../../../support/command-doubles.js';
import { startFakeDiscord, type FakeDiscord, type FakeChannel, type FakeGuild, type FakeUser } from '../../../fakes/discord/server.js';
import { useRedis, type RedisTestContext } from '../../../support/redis.js';

/** A fake Discord with one guild and channel, real Redis, and a bot built on the real commands. */
export interface BotHarness {
  discord: FakeDiscord;
  redis: RedisTestContext;
  guild: FakeGuild;
  channel: FakeChannel;
  /** A guild member without Manage Channels. */
  member: FakeUser;
  services: CommandServices;
  /** Builds and starts a bot (stopped by `close`). */
  startBot(overrides?: Partial<DiscordBotOptions>): Promise<DiscordBot>;
  close(): Promise<void>;
}

/** Services with the real Redis subscription and page stores, in-memory entities and archive. */
export function servicesOn(redis: RedisTestContext, stories: Story[] = [], overrides: Partial<CommandServices> = {}): CommandServices {
  return makeServices({
    archive: archiveOf(stories),
    subscriptions: createRedisSubscriptionStore({ redis: redis.redis, keys: redis.keys, platforms }),
    pages: createRedisPageStore(redis.redis, redis.keys),
    languages: createRedisChatLanguageStore(redis.redis, redis.keys),
    ...overrides,
  });
}

export async function botHarness(options: { stories?: Story[]; services?: Partial<CommandServices> } = {}): Promise<BotHarness> {
  const discord = await startFakeDiscord();
  const redis = await useRedis('discord-bot');
  const guild = discord.addGuild({ name: 'Steppe News' });
  const channel = discord.addChannel({ guildId: guild.id, name: 'alerts' });
  const member = discord.addUser('alice');
  discord.addMember(guild.id, member.id);
  const services = servicesOn(redis, options.stories, options.services);
  const bots: DiscordBot[] = [];
  return {
    discord,
    redis,
    guild,
    channel,
    member,
    services,
    async startBot(overrides = {}) {
      const bot = createDiscordBot({
        token: discord.token,
        apiUrl: discord.apiUrl,
        guildId: guild.id,
        commands: commandList as readonly Command[],
        services,
        redis: redis.redis,
        keys: redis.keys,
        ownerIds: [],
        ...overrides,
      });
      bots.push(bot);
      await bot.start();
      return bot;
    },
    async close() {
      await Promise.all(bots.map((b) => b.stop()));
      await discord.close();
      await redis.cleanup();
    },
  };
}

/** `count` stories about Tokayev, one an hour, the newest an hour ago. */
export function recentStories(count: number): Story[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) =>
    story(new Date(now - (count - i) * 3_600_000).toISOString(), `Tokayev story number ${i + 1}`),
  );
}

/** A string option as Discord sends it. */
export const text = (name: string, value: string, focused?: boolean) => ({ name, type: 3, value, ...(focused ? { focused: true } : {}) });
