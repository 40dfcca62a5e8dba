import type { BotCommand } from 'grammy/types';
import type { ReplyBlock } from '../../../commands/reply.js';
import type { Command } from '../../../commands/command.js';

/** Telegram's limit on a command description in the menu, in characters. */
export const menuDescriptionMax = 256;

/**
 * Commands that, in a private chat with the bot, accept a channel or group as a leading `@username` or
 * `-100…` id word, so a channel (where nobody can type commands to the bot) can be managed from a private chat.
 */
export const channelTargetCommands: ReadonlySet<string> = new Set(['subscribe', 'unsubscribe', 'subscriptions']);

/** How the leading channel word works, said once for the menu, /help and refusals. */
export const channelTargetHelp =
  'In a private chat with me, /subscribe, /unsubscribe and /subscriptions can manage a channel or group where ' +
  'you and I are both administrators: put its @username or its -100… id first, e.g. /subscribe @mychannel tokayev.';

const menuNote = ' In a private chat, put a @channel first to manage that channel.';

/**
 * The command menu for setMyCommands, from the same neutral list that drives the handlers: every command in
 * declaration order, its description cut to Telegram's 256 characters, and the channel-word note on the
 * commands that take one when it fits.
 */
export function telegramCommandMenu(commands: readonly Command[]): BotCommand[] {
  return commands.map((c) => {
    const base = c.description.trim();
    const withNote = channelTargetCommands.has(c.name) ? `${base}.${menuNote}` : base;
    const description = [...withNote].length <= menuDescriptionMax ? withNote : [...base].slice(0, menuDescriptionMax).join('');
    return { command: c.name, description };
  });
}

/** How a file reaches a command on Telegram: sent as a document, the command as its caption. */
export const attachedFileHelp = 'To send a command a file (owners: /feeds import), send the file as a document with the command as its caption.';

/** What /help adds on Telegram: the channel word and attached files, which the neutral commands do not know about. */
export function telegramHelpBlocks(): ReplyBlock[] {
  return [
    { kind: 'heading', text: 'Channels' },
    { kind: 'text', text: channelTargetHelp },
    { kind: 'heading', text: 'Files' },
    { kind: 'text', text: attachedFileHelp },
  ];
}
