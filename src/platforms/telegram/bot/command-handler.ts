import type { Api, Context } from 'grammy';
import type { Message } from 'grammy/types';
import { runCommand } from '../../../commands/dispatch.js';
import { splitWords, wordsToOptions } from '../../../commands/parse-args.js';
import type { CommandRateLimiter } from '../../../commands/rate-limit.js';
import type { Reply } from '../../../commands/reply.js';
import type { CommandServices } from '../../../commands/services.js';
import type { Caller, Command } from '../../../commands/command.js';
import type { Destination } from '../../../delivery/core/types.js';
import { TellUserError, errorMessage } from '../../../errors.js';
import { say, translator, type LocalMessage } from '../../../i18n/translator.js';
import type { Logger } from '../../../log.js';
import type { AdminCheck } from './admin-check.js';
import { checkChannelTarget, takeChannelTarget } from './channel-target.js';
import { channelTargetCommands, telegramHelpBlocks } from './command-menu.js';
import { sendCommandReply } from './reply-sender.js';
import { destinationOf, identifyAuthor, type MessageAuthor } from './message-author.js';
import { telegramPlatform } from '../platform.js';

/** What the command handler needs; built once by createTelegramBot. */
export interface CommandHandlerDeps {
  services: CommandServices;
  rateLimiter: CommandRateLimiter;
  admins: AdminCheck;
  /** Telegram user ids (as strings) of the bot's owners. */
  ownerIds: ReadonlySet<string>;
  log: Logger;
  /** Clock for commands. Default `() => new Date()`. */
  now?: () => Date;
}

/** What a message gives a command besides its text: the words of a caption, and the files sent with it. */
export interface CommandInput {
  /** The words after the command; default: what grammY matched after `/name`. */
  words?: string[];
  /** Attachment options, by option name. */
  files?: Record<string, unknown>;
}

/** A command as it will run: maybe on another chat (a channel named from a private chat), maybe refused early. */
interface Plan {
  command: Command;
  words: string[];
  destination: Destination | undefined;
  isChannelAdmin: boolean;
  /** The channel a private-chat command applies to, shown at the top of the reply. */
  channelName?: string;
}

const cannotCheck: LocalMessage = { key: 'telegram.cannotCheck' };

/**
 * Answers one text command: works out who sent it and where it applies (the chat and its forum topic, or a
 * channel named first in a private chat), whether they manage it, runs it through `runCommand` (which applies
 * the per-user rate limit first) and posts the reply. A flooding user who was already told gets nothing.
 */
export function createCommandHandler(deps: CommandHandlerDeps): (command: Command, ctx: Context, input?: CommandInput) => Promise<void> {
  return async (command, ctx, input = {}) => {
    const msg = ctx.message;
    if (!msg) return;
    const words = input.words ?? splitWords(typeof ctx.match === 'string' ? ctx.match : '');
    const author = identifyAuthor(msg);
    const plan = await planCommand(deps, ctx.api, command, words, msg, author, ctx.me.id);
    const caller: Caller = {
      platform: telegramPlatform.name,
      userId: author.id,
      ...(author.displayName ? { displayName: author.displayName } : {}),
      isChannelAdmin: plan.isChannelAdmin,
      isOwner: author.kind === 'user' && deps.ownerIds.has(author.id),
      // A person's app language speaks for a private chat only; a group answers in its /language, else English.
      ...(msg.chat.type === 'private' && msg.from?.language_code ? { languageHints: [msg.from.language_code] } : {}),
    };
    const args = input.files ? { ...wordsToOptions(plan.words, plan.command.options), ...input.files } : plan.words;
    const reply = await runCommand(plan.command, args, caller, plan.destination, deps.services, {
      rateLimiter: deps.rateLimiter,
      log: deps.log,
      ...(deps.now ? { now: deps.now } : {}),
    });
    if (!reply) return;
    await sendCommandReply(ctx.api, msg, decorate(command, reply, plan.channelName));
  };
}

async function planCommand(
  deps: CommandHandlerDeps,
  api: Pick<Api, 'getChat'>,
  command: Command,
  words: string[],
  msg: Message,
  author: MessageAuthor,
  botId: number,
): Promise<Plan> {
  const local: Plan = { command, words, destination: destinationOf(msg), isChannelAdmin: false };
  if (msg.chat.type === 'private') {
    const { target, rest } = channelTargetCommands.has(command.name) ? takeChannelTarget(words) : { target: undefined, rest: words };
    if (target === undefined || author.userId === undefined) return { ...local, isChannelAdmin: true };
    try {
      const check = await checkChannelTarget(api, deps.admins, target, author.userId, botId);
      if (!check.ok) return { ...local, command: refusing(command, check.message), words: rest };
      return { command, words: rest, destination: check.destination, isChannelAdmin: true, channelName: check.name };
    } catch (err) {
      deps.log.warn({ chatId: msg.chat.id, target, err: errorMessage(err) }, 'telegram channel check failed');
      return { ...local, command: refusing(command, cannotCheck), words: rest };
    }
  }
  // Only ask Telegram when the answer matters (owners may anyway): one cached call per manage-channel command.
  if (command.permission !== 'manage-channel' || author.kind === 'not-a-person') return local;
  if (author.kind === 'user' && deps.ownerIds.has(author.id)) return local;
  try {
    if (author.kind === 'anonymous-admin') return { ...local, isChannelAdmin: await deps.admins.hasAnonymousAdmin(msg.chat.id) };
    if (author.userId === undefined) return local;
    return { ...local, isChannelAdmin: await deps.admins.isAdmin(msg.chat.id, author.userId) };
  } catch (err) {
    deps.log.warn({ chatId: msg.chat.id, userId: author.id, err: errorMessage(err) }, 'telegram admin check failed');
    return { ...local, command: refusing(command, cannotCheck) };
  }
}

/**
 * The command with its permission lifted and its run replaced by a refusal, so the refusal still goes through
 * `runCommand`: rate limit first, arguments checked, counted as refused.
 */
function refusing(command: Command, message: LocalMessage): Command {
  return {
    ...command,
    permission: 'everyone',
    run: async ({ t }) => {
      throw new TellUserError(say(t, message));
    },
  };
}

/** Adds what only Telegram needs: the channel a private-chat command applied to, and the channel note of /help. */
function decorate(command: Command, reply: Reply, channelName: string | undefined): Reply {
  const t = translator(reply.language);
  const blocks = [...reply.blocks];
  if (channelName && !reply.private) blocks.unshift({ kind: 'fields', fields: [{ name: t.t('telegram.channelField'), value: channelName }] });
  if (command.name === 'help' && !reply.private) blocks.push(...telegramHelpBlocks(t));
  return { ...reply, blocks };
}
