import type { FakeDiscord, FakeMessage as DiscordMessage, InteractionResponseRecord } from '../../fakes/discord/server.js';
import type { FakeMessage as TelegramMessage, FakeTelegram, UserInput } from '../../fakes/telegram/server.js';
import { waitUntil } from '../../support/wait-until.js';

/** Everything a Discord message or interaction response shows, as one string to search (content and embeds). */
export function discordText(shown: { content?: string; embeds?: unknown[] }): string {
  return JSON.stringify({ content: shown.content ?? '', embeds: shown.embeds ?? [] });
}

/** What a user saw of one slash command: every response in order, and whether only they could see it. */
export interface DiscordAnswer {
  text: string;
  ephemeral: boolean;
  responses: InteractionResponseRecord[];
}

/**
 * Runs a slash command in a channel as `userId` (default: the guild owner) and waits until the answer the
 * user sees contains `expect` (deferred replies arrive as an edit of the original response).
 */
export async function askDiscord(
  discord: FakeDiscord,
  request: { channelId: string; commandName: string; userId?: string; options?: unknown[] },
  expect: string | RegExp,
  timeoutMs = 10_000,
): Promise<DiscordAnswer> {
  const { id } = discord.dispatchInteraction({ type: 2, ...request });
  const matches = (text: string) => (typeof expect === 'string' ? text.includes(expect) : expect.test(text));
  return waitUntil(
    `/${request.commandName} on Discord to answer ${String(expect)} (answers so far: ${JSON.stringify(discord.interactionResponses(id))})`,
    () => {
      const responses = discord.interactionResponses(id);
      const text = responses.map(discordText).join('\n');
      if (!matches(text)) return undefined;
      return { text, ephemeral: responses.some((r) => r.ephemeral), responses };
    },
    { timeoutMs },
  );
}

/** The bot's Telegram messages that answered a command (`chatId:messageId`): they are no alerts, whatever they list. */
const telegramAnswers = new Set<string>();

/** Sends a command in a Telegram chat as `from` and waits for the bot's next message there whose text contains `expect`. */
export async function askTelegram(
  tg: FakeTelegram,
  chatId: number,
  from: UserInput,
  text: string,
  expect: string | RegExp,
  timeoutMs = 10_000,
): Promise<TelegramMessage> {
  const before = tg.botReplies(chatId).length;
  tg.sendUserMessage({ chatId, from, text });
  const matches = (shown: string) => (typeof expect === 'string' ? shown.includes(expect) : expect.test(shown));
  const answer = await waitUntil(
    `"${text}" on Telegram to answer ${String(expect)} (bot said: ${JSON.stringify(tg.botReplies(chatId).slice(before).map((m) => m.text))})`,
    () => tg.botReplies(chatId).slice(before).find((m) => matches(m.text)),
    { timeoutMs },
  );
  telegramAnswers.add(`${chatId}:${answer.messageId}`);
  return answer;
}

/** The bot's Discord messages in a channel that mention `marker`. */
export function discordMessagesWith(discord: FakeDiscord, channelId: string, marker: string): DiscordMessage[] {
  return discord.messages(channelId).filter((m) => discordText(m).includes(marker));
}

/**
 * The bot's Telegram messages in a chat that mention `marker`, but for answers to commands (the /subscribe answer
 * lists archived stories the subscription would have brought).
 */
export function telegramMessagesWith(tg: FakeTelegram, chatId: number, marker: string): TelegramMessage[] {
  return tg.botReplies(chatId).filter((m) => m.text.includes(marker) && !telegramAnswers.has(`${chatId}:${m.messageId}`));
}
