import { PermissionFlagsBits, type BaseInteraction, type PermissionsBitField } from 'discord.js';
import type { Caller } from '../../../commands/command.js';
import type { Destination } from '../../../delivery/core/types.js';
import type { Translator } from '../../../i18n/translator.js';
import { discordPlatform } from '../platform.js';

/** Commands after which the bot posts news in the channel, so it must be able to. */
export const postingCommands: ReadonlySet<string> = new Set(['subscribe', 'unsubscribe']);

/**
 * Who is asking, from the interaction itself. `isChannelAdmin` reads the member's permissions in this channel as
 * Discord computed them for this interaction (roles and overwrites included), not the command's default
 * permission: a server admin may have opened a channel command to a role without Manage Channels, and Kazwire's
 * rule is Manage Channels all the same. Administrators have every permission.
 */
export function callerOf(interaction: BaseInteraction, ownerIds: ReadonlySet<string>): Caller {
  const user = interaction.user;
  const displayName = interaction.member && 'displayName' in interaction.member ? interaction.member.displayName : (user.globalName ?? user.username);
  return {
    platform: discordPlatform.name,
    userId: user.id,
    ...(displayName ? { displayName } : {}),
    isChannelAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
    isOwner: ownerIds.has(user.id),
    // The user's client language first, then the server's (a community server's "primary language").
    languageHints: [interaction.locale, interaction.guildLocale ?? undefined],
  };
}

/**
 * Where the command applies: the channel it was typed in. In a thread that is the thread itself (its id as
 * `chatId`, no `threadId`): Discord's API treats a thread as a channel, so news goes into the thread, and a
 * subscription made in a thread belongs to the thread, not to its parent channel.
 */
export function destinationOf(interaction: BaseInteraction): Destination | undefined {
  return interaction.channelId ? { platform: discordPlatform.name, chatId: interaction.channelId } : undefined;
}

/**
 * What the bot lacks to post news in this channel, as Discord names the permissions (empty when nothing is
 * missing): View Channel, Send Messages (Send Messages in Threads in a thread) and Embed Links, read from
 * `appPermissions`, the bot's permissions in this channel as sent with the interaction.
 */
export function missingPostingPermissions(appPermissions: Readonly<PermissionsBitField> | null, inThread: boolean): string[] {
  const needed: Array<[bigint, string]> = [
    [PermissionFlagsBits.ViewChannel, 'View Channel'],
    inThread ? [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'] : [PermissionFlagsBits.SendMessages, 'Send Messages'],
    [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  ];
  // Without appPermissions (an old gateway payload) nothing is known: let the first delivery report it instead.
  if (!appPermissions) return [];
  return needed.filter(([bit]) => !appPermissions.has(bit)).map(([, name]) => name);
}

/** `the Embed Links permission`, `the Send Messages and Embed Links permissions` (Discord's own names of them). */
function permissionList(missing: readonly string[], t: Translator): string {
  return t.t('discord.permissions', { count: missing.length, names: t.list(missing) });
}

/** The refusal a channel manager reads when /subscribe would give a channel the bot cannot post in. */
export function missingPermissionsMessage(missing: readonly string[], t: Translator): string {
  return t.t('discord.missingPermissions', { permissions: permissionList(missing, t), count: missing.length });
}

/** The note added to other channel commands: they still work, but the channel should know. */
export function missingPermissionsNote(missing: readonly string[], t: Translator): string {
  return t.t('discord.missingNote', { permissions: permissionList(missing, t) });
}
