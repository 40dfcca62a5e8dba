import { GrammyError, type Api } from 'grammy';
import type { Destination } from '../../../delivery/core/types.js';
import type { LocalMessage } from '../../../i18n/translator.js';
import type { AdminCheck } from './admin-check.js';
import { chatName } from './message-author.js';
import { telegramPlatform } from '../platform.js';

/** A channel or group named as the first word: `@username` (5-32 characters) or a `-100…` id. */
const TARGET = /^(@[A-Za-z0-9_]{4,32}|-100\d{1,16})$/;

/** Splits a leading channel word off the words typed after a command. */
export function takeChannelTarget(words: readonly string[]): { target?: string; rest: string[] } {
  const [first, ...rest] = words;
  return first !== undefined && TARGET.test(first) ? { target: first, rest } : { rest: [...words] };
}

/** The outcome of checking a channel named from a private chat. */
export type ChannelTargetCheck =
  | { ok: true; destination: Destination; name: string }
  | { ok: false; message: LocalMessage };

/**
 * Checks that a channel or group named from a private chat exists, that the user is one of its administrators,
 * and that the bot is one too (it must be, to post there). Refusals are messages for the user, put into their
 * language by the caller.
 * Throws when Telegram cannot be asked (network, 5xx, 429), so the caller can say "try again".
 */
export async function checkChannelTarget(
  api: Pick<Api, 'getChat'>,
  admins: AdminCheck,
  target: string,
  userId: number,
  botId: number,
): Promise<ChannelTargetCheck> {
  let chat: Awaited<ReturnType<Api['getChat']>>;
  try {
    chat = await api.getChat(/^-\d+$/.test(target) ? Number(target) : target);
  } catch (err) {
    if (err instanceof GrammyError && (err.error_code === 400 || err.error_code === 403)) {
      return { ok: false, message: { key: 'telegram.cannotSee', values: { target } } };
    }
    throw err;
  }
  if (chat.type === 'private') return { ok: false, message: { key: 'telegram.isPerson', values: { target } } };
  const name = chatName(chat);
  if (!(await memberIsAdmin(admins, chat.id, userId))) {
    return { ok: false, message: { key: 'telegram.onlyAdmins', values: { name } } };
  }
  if (!(await memberIsAdmin(admins, chat.id, botId))) {
    return { ok: false, message: { key: 'telegram.makeMeAdmin', values: { name } } };
  }
  return { ok: true, destination: { platform: telegramPlatform.name, chatId: String(chat.id) }, name };
}

/** A 400 about the member ("user not found", "participant not found") means they are not in the chat. */
async function memberIsAdmin(admins: AdminCheck, chatId: number, userId: number): Promise<boolean> {
  try {
    return await admins.isAdmin(chatId, userId);
  } catch (err) {
    if (err instanceof GrammyError && err.error_code === 400) return false;
    throw err;
  }
}
