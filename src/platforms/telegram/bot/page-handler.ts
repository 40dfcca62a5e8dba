import { GrammyError, type Context } from 'grammy';
import { replyLanguage, runPage } from '../../../commands/dispatch.js';
import type { CommandRegistry } from '../../../commands/registry.js';
import type { Caller } from '../../../commands/command.js';
import { errorMessage } from '../../../errors.js';
import { translator } from '../../../i18n/translator.js';
import { truncateText } from '../html.js';
import type { CommandHandlerDeps } from './command-handler.js';
import { readPageCallback } from './paging.js';
import { renderTelegramReply } from './render-reply.js';
import { destinationOf } from './message-author.js';
import { telegramPlatform } from '../platform.js';

/** Telegram's limit on a callback query answer's text, in characters. */
const alertMax = 200;

/** What the paging handler needs; built once by createTelegramBot. */
export interface PageHandlerDeps extends CommandHandlerDeps {
  registry: CommandRegistry;
}

/**
 * Answers a Previous/Next press: runs the stored query at that page (`runPage`, rate-limited like a command)
 * and edits the message in place. A refusal (expired results, too many presses) is shown as an alert on the
 * button instead, leaving the message as it was. The press is always answered, so the button stops spinning.
 */
export function createPageHandler(deps: PageHandlerDeps): (ctx: Context) => Promise<void> {
  return async (ctx) => {
    const query = ctx.callbackQuery;
    const msg = query?.message;
    const wanted = readPageCallback(query?.data);
    if (!query || !msg || !wanted) {
      await ctx.answerCallbackQuery();
      return;
    }
    const hints = msg.chat.type === 'private' && query.from.language_code ? { languageHints: [query.from.language_code] } : {};
    let alert: string | undefined;
    try {
      // Telegram sends an inaccessible message (date 0) when the original is too old to be edited.
      if (msg.date === 0) {
        const caller: Caller = { platform: telegramPlatform.name, userId: String(query.from.id), isChannelAdmin: false, isOwner: false, ...hints };
        alert = translator(await replyLanguage(caller, destinationOf(msg), deps.services, deps.log)).t('telegram.tooOld');
        return;
      }
      const caller: Caller = {
        platform: telegramPlatform.name,
        userId: String(query.from.id),
        isChannelAdmin: await pressedByAdmin(deps, wanted.token, msg.chat, query.from.id),
        isOwner: deps.ownerIds.has(String(query.from.id)),
        ...hints,
      };
      const reply = await runPage(deps.registry, wanted.token, wanted.page, caller, destinationOf(msg), deps.services, {
        rateLimiter: deps.rateLimiter,
        log: deps.log,
        ...(deps.now ? { now: deps.now } : {}),
      });
      if (reply?.private) {
        alert = truncateText(renderTelegramReply(reply).text, alertMax);
      } else if (reply) {
        const rendered = renderTelegramReply(reply);
        await ctx.api
          .editMessageText(msg.chat.id, msg.message_id, rendered.html, {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            ...(rendered.keyboard ? { reply_markup: rendered.keyboard } : {}),
          })
          .catch((err: unknown) => {
            // A double press asks for the page already shown: nothing to change, nothing to report.
            if (!(err instanceof GrammyError && err.description.includes('message is not modified'))) throw err;
          });
      }
    } finally {
      await ctx.answerCallbackQuery(alert ? { text: alert, show_alert: true } : {});
    }
  };
}

/** Whether the presser manages the chat, asked only when the paged command needs it. */
async function pressedByAdmin(deps: PageHandlerDeps, token: string, chat: { id: number; type: string }, userId: number): Promise<boolean> {
  if (chat.type === 'private') return true;
  const state = await deps.services.pages.load(token).catch(() => undefined);
  const command = state ? deps.registry.get(state.command) : undefined;
  if (command?.permission !== 'manage-channel') return false;
  return deps.admins.isAdmin(chat.id, userId).catch((err: unknown) => {
    deps.log.warn({ chatId: chat.id, userId, err: errorMessage(err) }, 'telegram admin check failed');
    return false;
  });
}
