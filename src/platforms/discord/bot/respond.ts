import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { privateReply, type Reply } from '../../../commands/reply.js';
import { translator } from '../../../i18n/translator.js';
import type { Logger } from '../../../log.js';
import { renderDiscordReply } from './render-reply.js';

/** How an answer is timed. */
export interface AnswerOptions {
  /**
   * How long a command may run before the interaction is deferred, in ms. Discord drops an interaction not
   * acknowledged within 3 s of sending it, and part of that is spent on the way; the rest is ours.
   */
  deferAfterMs: number;
  log: Logger;
}

// Nothing is known of the reader when the dispatcher itself failed: the default language.
const failed = privateReply(translator().t('dispatch.failed'));

/** The reply, or `null`, when it comes within `ms`; `pending` otherwise. A failed run becomes a private apology. */
async function within(work: Promise<Reply | null>, ms: number): Promise<{ pending: true } | { pending: false; reply: Reply | null }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ pending: true }>((resolve) => {
    timer = setTimeout(() => resolve({ pending: true }), ms);
  });
  try {
    return await Promise.race([work.then((reply) => ({ pending: false as const, reply })), late]);
  } finally {
    clearTimeout(timer);
  }
}

function messageOf(reply: Reply) {
  const rendered = renderDiscordReply(reply);
  return { embeds: rendered.embeds, components: rendered.components, allowedMentions: rendered.allowed_mentions };
}

function ephemeralOf(reply: Reply) {
  return { ...messageOf(reply), flags: MessageFlags.Ephemeral } as const;
}

/**
 * Answers a slash command. The rule for deferring:
 * - a reply ready within `deferAfterMs` is sent as it is: ephemeral when private, in the channel otherwise;
 * - a slower one is deferred publicly ("Kazwire is thinking…"), because the slow commands are the ones that read
 *   the archive and answer in the channel; when it is ready it replaces the placeholder, and if it turns out to
 *   be private (a refusal or a failure found late) the placeholder is deleted and the reply follows up ephemerally,
 *   so a refusal is never shown to the channel.
 * A `null` (a flooding user already told to wait) is not answered at all.
 */
export async function answerCommand(interaction: ChatInputCommandInteraction, work: Promise<Reply | null>, options: AnswerOptions): Promise<void> {
  const safe = guard(work, options.log);
  const early = await within(safe, options.deferAfterMs);
  if (!early.pending) {
    if (early.reply) await interaction.reply(early.reply.private ? ephemeralOf(early.reply) : messageOf(early.reply));
    return;
  }
  await interaction.deferReply();
  const reply = await safe;
  if (reply && !reply.private) {
    await interaction.editReply(messageOf(reply));
    return;
  }
  await interaction.deleteReply();
  if (reply) await interaction.followUp(ephemeralOf(reply));
}

/**
 * Answers a paging button: the message is updated in place with the other page, or, for a private answer
 * (expired results, too many presses), left as it is while the presser alone is told why. A slow page defers
 * the update first (the button stops spinning, the message stays) and edits the message when ready.
 */
export async function answerPage(interaction: ButtonInteraction, work: Promise<Reply | null>, options: AnswerOptions): Promise<void> {
  const safe = guard(work, options.log);
  const early = await within(safe, options.deferAfterMs);
  if (!early.pending) {
    const reply = early.reply;
    if (!reply) await interaction.deferUpdate();
    else if (reply.private) await interaction.reply(ephemeralOf(reply));
    else await interaction.update(messageOf(reply));
    return;
  }
  await interaction.deferUpdate();
  const reply = await safe;
  if (!reply) return;
  if (reply.private) await interaction.followUp(ephemeralOf(reply));
  else await interaction.editReply(messageOf(reply));
}

/** `runCommand` answers every failure itself; this catches what it cannot (Redis down during the rate limit). */
function guard(work: Promise<Reply | null>, log: Logger): Promise<Reply | null> {
  return work.catch((err: unknown) => {
    log.error({ err }, 'discord command failed before it could answer');
    return failed;
  });
}
