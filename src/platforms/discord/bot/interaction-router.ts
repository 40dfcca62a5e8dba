import { ApplicationCommandOptionType, DiscordAPIError, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import { replyLanguage, runCommand, runPage, type DispatchOptions } from '../../../commands/dispatch.js';
import type { CommandRateLimiter } from '../../../commands/rate-limit.js';
import type { CommandRegistry } from '../../../commands/registry.js';
import { attachedFile } from '../../../commands/options.js';
import { privateReply } from '../../../commands/reply.js';
import type { CommandServices } from '../../../commands/services.js';
import type { Command } from '../../../commands/command.js';
import { TellUserError, errorMessage } from '../../../errors.js';
import { translator } from '../../../i18n/translator.js';
import type { Logger } from '../../../log.js';
import { entityChoices } from './autocomplete.js';
import { readPageCustomId } from './paging.js';
import { callerOf, destinationOf, missingPermissionsMessage, missingPermissionsNote, missingPostingPermissions, postingCommands } from './permissions.js';
import { answerCommand, answerPage } from './respond.js';

/** What the router needs; built once by createDiscordBot. */
export interface RouterDeps {
  registry: CommandRegistry;
  services: CommandServices;
  rateLimiter: CommandRateLimiter;
  ownerIds: ReadonlySet<string>;
  log: Logger;
  /** See AnswerOptions.deferAfterMs. */
  deferAfterMs: number;
  /** Downloads an attachment's URL (with the feed fetcher's address checks and size cap). */
  fetchFile: (url: string) => Promise<Buffer>;
  /** Largest attachment read, in bytes. */
  maxFileBytes: number;
  now?: () => Date;
}

/**
 * Routes one interaction: slash commands through `runCommand`, paging buttons through `runPage`, autocomplete
 * to the entity directory. Never throws: a failure is logged with what Discord said (the client would otherwise
 * emit an unhandled rejection).
 */
export function createInteractionRouter(deps: RouterDeps): (interaction: Interaction) => Promise<void> {
  const dispatch: DispatchOptions = { rateLimiter: deps.rateLimiter, log: deps.log, ...(deps.now ? { now: deps.now } : {}) };
  const answer = { deferAfterMs: deps.deferAfterMs, log: deps.log };

  async function chatInput(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = deps.registry.get(interaction.commandName);
    if (!command) {
      const language = await replyLanguage(callerOf(interaction, deps.ownerIds), destinationOf(interaction), deps.services, deps.log);
      const gone = privateReply(translator(language).t('discord.gone', { command: interaction.commandName }));
      await answerCommand(interaction, Promise.resolve({ ...gone, language }), answer);
      return;
    }
    const args = Object.fromEntries(
      interaction.options.data.map((o) => {
        if (o.type !== ApplicationCommandOptionType.Attachment || !o.attachment) return [o.name, o.value];
        const { name, size, url } = o.attachment;
        return [o.name, attachedFile({ name, size, maxBytes: deps.maxFileBytes, download: () => deps.fetchFile(url) })];
      }),
    );
    const work = runCommand(checked(command, interaction), args, callerOf(interaction, deps.ownerIds), destinationOf(interaction), deps.services, dispatch);
    await answerCommand(interaction, work, answer);
  }

  async function button(interaction: ButtonInteraction): Promise<void> {
    const wanted = readPageCustomId(interaction.customId);
    if (!wanted) {
      await interaction.deferUpdate();
      return;
    }
    const work = runPage(deps.registry, wanted.token, wanted.page, callerOf(interaction, deps.ownerIds), destinationOf(interaction), deps.services, dispatch);
    await answerPage(interaction, work, answer);
  }

  async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const spec = deps.registry.get(interaction.commandName)?.options.find((o) => o.name === focused.name);
    const language = spec?.autocomplete ? await replyLanguage(callerOf(interaction, deps.ownerIds), destinationOf(interaction), deps.services, deps.log) : 'en';
    const choices = spec?.autocomplete ? await entityChoices(deps.services.entities, spec.autocomplete, String(focused.value), language) : [];
    await interaction.respond(choices);
  }

  return async (interaction) => {
    try {
      if (interaction.isChatInputCommand()) await chatInput(interaction);
      else if (interaction.isAutocomplete()) await autocomplete(interaction);
      else if (interaction.isButton()) await button(interaction);
    } catch (err) {
      deps.log.warn(
        {
          interactionId: interaction.id,
          type: interaction.type,
          channelId: interaction.channelId,
          userId: interaction.user.id,
          ...(err instanceof DiscordAPIError ? { code: err.code, status: err.status, method: err.method, url: err.url } : {}),
          err: errorMessage(err),
        },
        // 10062 means the answer came after Discord's 3 s: lower deferAfterMs or find what blocks the event loop.
        'discord interaction failed',
      );
    }
  };
}

/**
 * For /subscribe, refuses when the bot cannot post news here: the command's run is replaced by a refusal naming
 * the missing permissions, so the refusal still goes through `runCommand` after the rate limit, the caller's own
 * permission and the arguments (a member without Manage Channels hears about that first). /unsubscribe is not
 * refused (a channel must always be able to stop its news) but its answer says what is missing.
 */
function checked(command: Command, interaction: ChatInputCommandInteraction): Command {
  if (!postingCommands.has(command.name) || !interaction.inGuild()) return command;
  const inThread = interaction.channel?.isThread() ?? false;
  const missing = missingPostingPermissions(interaction.appPermissions, inThread);
  if (missing.length === 0) return command;
  if (command.name !== 'subscribe') {
    return {
      ...command,
      run: async (ctx) => {
        const reply = await command.run(ctx);
        return { ...reply, blocks: [...reply.blocks, { kind: 'text', text: missingPermissionsNote(missing, ctx.t) }] };
      },
    };
  }
  return {
    ...command,
    run: async (ctx) => {
      throw new TellUserError(missingPermissionsMessage(missing, ctx.t));
    },
  };
}
