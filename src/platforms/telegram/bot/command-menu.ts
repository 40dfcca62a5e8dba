import type { BotCommand } from 'grammy/types';
import type { ReplyBlock } from '../../../commands/reply.js';
import type { Command } from '../../../commands/command.js';
import { translator, type Translator } from '../../../i18n/translator.js';

/** Telegram's limit on a command description in the menu, in characters. */
export const menuDescriptionMax = 256;

/**
 * Commands that, in a private chat with the bot, accept a channel or group as a leading `@username` or
 * `-100…` id word, so a channel (where nobody can type commands to the bot) can be managed from a private chat.
 */
export const channelTargetCommands: ReadonlySet<string> = new Set(['subscribe', 'unsubscribe', 'subscriptions', 'language']);

/**
 * The command menu for setMyCommands in one language, from the same neutral list that drives the handlers: every
 * command in declaration order, its description cut to Telegram's 256 characters, and the channel-word note on the
 * commands that take one when it fits.
 */
export function telegramCommandMenu(commands: readonly Command[], t: Translator = translator()): BotCommand[] {
  const menuNote = ` ${t.t('telegram.menuNote')}`;
  return commands.map((c) => {
    const base = t.t(c.description).trim();
    const withNote = channelTargetCommands.has(c.name) ? `${base}.${menuNote}` : base;
    const description = [...withNote].length <= menuDescriptionMax ? withNote : [...base].slice(0, menuDescriptionMax).join('');
    return { command: c.name, description };
  });
}

/** What /help adds on Telegram: the channel word and attached files, which the neutral commands do not know about. */
export function telegramHelpBlocks(t: Translator = translator()): ReplyBlock[] {
  return [
    { kind: 'heading', text: t.t('telegram.channelsHeading') },
    { kind: 'text', text: t.t('telegram.channelHelp') },
    { kind: 'heading', text: t.t('telegram.filesHeading') },
    { kind: 'text', text: t.t('telegram.fileHelp') },
  ];
}
