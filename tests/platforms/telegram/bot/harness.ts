import { commandList } from '../../../../commands/index.js';
import { createRedisPageStore } from '../../../../src/commands/page-store.js';
import type { CommandRateLimitOptions } from '../../../../src/commands/rate-limit.js';
import type { CommandServices } from '../../../../src/commands/services.js';
import { createRedisChatLanguageStore } from '../../../../src/i18n/chat-languages.js';
import { createRedisSubscriptionStore } from '../../../../src/delivery/core/subscriptions.js';
import { platforms } from '../../../../src/app/platforms.js';
import type { Destination, SubscriptionStore } from '../../../../src/delivery/core/types.js';
import type { Story } from '../../../../src/news/types.js';
import { createTelegramBot, type TelegramBot, type TelegramBotOptions } from '../../../../src/platforms/telegram/bot/index.js';
import { archiveOf, makeServices } from '../../../support/command-doubles.js';
import { startFakeTelegram, type FakeMessage, type FakeTelegram, type UserInput } from '../../../fakes/telegram/server.js';
import { useRedis, type RedisTestContext } from '../../../support/redis.js';

/** The clock every command sees: Monday 10 January 2022, noon UTC. */
export const NOW = new Date('2022-01-10T12:00:00Z');

/** A real grammY bot built by createTelegramBot, talking to the fake Bot API, with real Redis stores. */
export interface Harness {
  tg: FakeTelegram;
  redis: RedisTestContext;
  store: SubscriptionStore;
  services: CommandServices;
  bot: TelegramBot;
  /** Sends a message as a user and resolves with the bot's next message in that chat. */
  ask(chatId: number, from: UserInput, text: string, extra?: { threadId?: number; senderChat?: number }): Promise<FakeMessage>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  stories?: Story[];
  rateLimit?: CommandRateLimitOptions;
  ownerIds?: string[];
  /** Start the bot (long polling) before returning. Default true. */
  start?: boolean;
  bot?: Partial<TelegramBotOptions>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const tg = await startFakeTelegram({ rateLimits: false });
  const redis = await useRedis('tg-bot');
  const store = createRedisSubscriptionStore({ redis: redis.redis, keys: redis.keys, platforms, now: () => NOW });
  const services = makeServices({
    subscriptions: store,
    pages: createRedisPageStore(redis.redis, redis.keys),
    languages: createRedisChatLanguageStore(redis.redis, redis.keys),
    archive: archiveOf(options.stories ?? []),
  });
  const bot = createTelegramBot({
    token: tg.token,
    apiRoot: tg.apiRoot,
    commands: commandList,
    services,
    redis: redis.redis,
    keys: redis.keys,
    ownerIds: options.ownerIds ?? [],
    pollingTimeoutSeconds: 2,
    now: () => NOW,
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...options.bot,
  });
  if (options.start ?? true) await bot.start();

  return {
    tg,
    redis,
    store,
    services,
    bot,
    async ask(chatId, from, text, extra = {}) {
      const before = tg.botReplies(chatId).length;
      tg.sendUserMessage({ chatId, from, text, ...extra });
      const replies = await tg.waitForBotReplies(chatId, before + 1);
      return replies[before]!;
    },
    async close() {
      await bot.stop();
      await tg.close();
      await redis.cleanup();
    },
  };
}

/** Where a chat's (or topic's) subscriptions live. */
export function telegramChat(chatId: number, threadId?: number): Destination {
  return { platform: 'telegram', chatId: String(chatId), ...(threadId !== undefined ? { threadId: String(threadId) } : {}) };
}

/** Waits until `check` holds, polling every 10 ms, or fails after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const aigerim = { id: 501, first_name: 'Aigerim', username: 'aigerim' };
export const bolat = { id: 502, first_name: 'Bolat', username: 'bolat' };
/** What Telegram shows as the sender of an anonymous admin's message. */
export const groupAnonymousBot = { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };
/** The service account that auto-forwards a linked channel's posts into its discussion group. */
export const telegramService = { id: 777000, first_name: 'Telegram' };
