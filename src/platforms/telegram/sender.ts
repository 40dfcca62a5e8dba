import { Api, type RawApi } from 'grammy';
import type { Message } from 'grammy/types';
import {
  SendError,
  type Destination,
  type OutgoingMessage,
  type SendFailure,
  type Sender,
  type SentRef,
} from '../../delivery/core/types.js';
import { errorMessage } from '../../errors.js';
import { silentLogger, type Logger } from '../../log.js';
import { platform429s } from '../../metrics.js';
import { telegramPlatform } from './platform.js';
import { classifyTelegramError, isEntityParseError, isNotModified } from './send-failure.js';
import { renderTelegramMessages, type TelegramText } from './render.js';

/** Options of {@link createTelegramSender}. */
export interface TelegramSenderOptions {
  /** The bot token from BotFather. */
  token: string;
  /** Root of the Bot API (TELEGRAM_API_ROOT), without a trailing slash. Default `https://api.telegram.org`. */
  apiRoot?: string;
  logger?: Logger;
  /** Longest wait for one Bot API answer, in ms; a timeout is a transient failure. Default 15000. */
  requestTimeoutMs?: number;
  /** How many stories one combined message may list. Default 10. */
  maxStoriesPerMessage?: number;
}

type SendOptions = Parameters<RawApi['sendMessage']>[0];

/**
 * Posts to Telegram with the Bot API (grammY's Api, without auto-retry: pacing and retries belong to the
 * delivery layer, which reads the SendError this throws). Messages are HTML with link previews off; one
 * that Telegram cannot parse is sent once more as plain text.
 *
 * Telegram has no idempotency key, so `idempotencyKey` is only logged: a retry after a timeout whose message
 * did arrive posts it twice. A message split over several parts that fails half-way posts the first parts
 * again when retried.
 */
export function createTelegramSender(options: TelegramSenderOptions): Sender {
  const log = (options.logger ?? silentLogger).child({ module: 'telegram-sender' });
  const api = new Api(options.token, {
    apiRoot: options.apiRoot ?? 'https://api.telegram.org',
    timeoutSeconds: (options.requestTimeoutMs ?? 15_000) / 1000,
  });

  const fail = (err: unknown, destination: Destination, action: string): SendError => {
    const failure: SendFailure = classifyTelegramError(err);
    if (failure.kind === 'rate-limited') platform429s.inc({ platform: telegramPlatform.name, scope: 'destination' });
    log.warn({ chatId: destination.chatId, threadId: destination.threadId, failure, err: errorMessage(err) }, `telegram ${action} failed`);
    return new SendError(failure, `telegram ${action} to ${destination.chatId} failed: ${errorMessage(err)}`, { cause: err });
  };

  /** Calls with HTML; when Telegram cannot parse it, once more as plain text (never more). */
  const withPlainFallback = async <T>(
    destination: Destination,
    text: TelegramText,
    call: (body: string, parseMode: 'HTML' | undefined) => Promise<T>,
  ): Promise<T> => {
    try {
      return await call(text.html, 'HTML');
    } catch (err) {
      if (!isEntityParseError(err)) throw err;
      log.warn({ chatId: destination.chatId, err: errorMessage(err) }, 'telegram refused the HTML; sending plain text');
      return await call(text.plain, undefined);
    }
  };

  const common = (destination: Destination): Omit<SendOptions, 'chat_id' | 'text'> => ({
    link_preview_options: { is_disabled: true },
    ...(destination.threadId ? { message_thread_id: Number(destination.threadId) } : {}),
  });

  return {
    platform: telegramPlatform,
    maxStoriesPerMessage: options.maxStoriesPerMessage ?? telegramPlatform.maxStoriesPerMessage,

    async send(destination, message: OutgoingMessage, idempotencyKey): Promise<SentRef> {
      const chatId = toChatId(destination.chatId);
      const messageIds: string[] = [];
      for (const part of renderTelegramMessages(message)) {
        let sent: Message.TextMessage;
        try {
          sent = await withPlainFallback(destination, part, (text, parseMode) =>
            api.sendMessage(chatId, text, { ...common(destination), ...(parseMode ? { parse_mode: parseMode } : {}) }),
          );
        } catch (err) {
          throw fail(err, destination, 'send');
        }
        messageIds.push(String(sent.message_id));
      }
      log.debug({ chatId: destination.chatId, idempotencyKey, messageIds }, 'telegram message sent');
      return { messageIds };
    },

    async edit(destination, ref, message): Promise<void> {
      const chatId = toChatId(destination.chatId);
      const parts = renderTelegramMessages(message);
      if (parts.length > ref.messageIds.length) {
        log.warn({ chatId: destination.chatId, parts: parts.length, posted: ref.messageIds.length }, 'edited message has more parts than were posted; the rest is left out');
      }
      for (const [i, id] of ref.messageIds.entries()) {
        const part = parts[i];
        if (!part) break;
        try {
          await withPlainFallback(destination, part, (text, parseMode) =>
            api.editMessageText(chatId, Number(id), text, {
              link_preview_options: { is_disabled: true },
              ...(parseMode ? { parse_mode: parseMode } : {}),
            }),
          );
        } catch (err) {
          if (isNotModified(err)) continue;
          throw fail(err, destination, 'edit');
        }
      }
    },
  };
}

/** Telegram chat ids are integers (negative for groups); `@channelname` stays a string. */
function toChatId(chatId: string): number | string {
  return /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
}
