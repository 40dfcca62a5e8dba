import { Api, type RawApi } from 'grammy';
import type { Message } from 'grammy/types';
import {
  SendError,
  type Destination,
  type EntityLabels,
  type OutgoingMessage,
  type SendFailure,
  type Sender,
  type SentRef,
} from '../../delivery/core/types.js';
import { errorMessage } from '../../errors.js';
import { defaultLanguage } from '../../i18n/languages.js';
import { silentLogger, type Logger } from '../../log.js';
import { platform429s } from '../../metrics.js';
import { telegramPlatform } from './platform.js';
import { classifyTelegramError, isEntityParseError, isNotModified, isPhotoRefused } from './send-failure.js';
import { renderTelegramMessages, renderTelegramStory, singleStory, type RenderOptions, type TelegramText } from './render.js';

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
  /** Names of actors and places in the reader's language (the topic pack's); without it alerts list none. */
  labels?: EntityLabels;
}

type SendOptions = Parameters<RawApi['sendMessage']>[0];
type LinkPreview = NonNullable<SendOptions['link_preview_options']>;

/** Longest photo caption Telegram accepts, counted after entity parsing. */
export const telegramCaptionLimit = 1024;
/** How a posted photo's id is kept in a SentRef, so that an edit changes its caption, not a text. */
const PHOTO_ID = 'photo:';

/**
 * Posts to Telegram with the Bot API (grammY's Api, without auto-retry: pacing and retries belong to the
 * delivery layer, which reads the SendError this throws). An alert with a picture goes as a photo with the alert
 * as its caption when the caption fits Telegram's 1024 characters, else (or when Telegram cannot fetch the
 * picture) as a text with the article's link preview; other messages are HTML with link previews off unless the
 * subscription asked for them. A message Telegram cannot parse is sent once more as plain text.
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

  const thread = (destination: Destination) => (destination.threadId ? { message_thread_id: Number(destination.threadId) } : {});
  const renderOptions = (message: OutgoingMessage): RenderOptions => {
    const labels = options.labels;
    const language = message.language ?? defaultLanguage;
    return labels ? { label: (id) => labels(id, language) } : {};
  };

  /**
   * The link preview of a text message: the article's, for one story whose subscription asked for previews or
   * whose picture is known (and not turned off); none otherwise.
   */
  const linkPreview = (message: OutgoingMessage): LinkPreview => {
    const preview = message.presentation?.preview;
    const story = singleStory(message);
    const wanted = preview === true || (preview === undefined && story?.image !== undefined);
    if (!wanted) return { is_disabled: true };
    return story?.link ? { url: story.link, prefer_large_media: true } : {};
  };

  /** The alert as a photo with its caption, when it has a picture that may be shown and the caption fits whole. */
  const sendAsPhoto = async (destination: Destination, chatId: number | string, message: OutgoingMessage): Promise<string | undefined> => {
    const story = singleStory(message);
    if (message.kind !== 'alert' || !story?.image || message.presentation?.preview === false) return undefined;
    const caption = renderTelegramStory(story, message, renderOptions(message));
    if (caption.length > telegramCaptionLimit) return undefined;
    const image = story.image;
    try {
      const sent = await withPlainFallback(destination, caption, (text, parseMode) =>
        api.sendPhoto(chatId, image, { caption: text, ...thread(destination), ...(parseMode ? { parse_mode: parseMode } : {}) }),
      );
      return `${PHOTO_ID}${sent.message_id}`;
    } catch (err) {
      if (!isPhotoRefused(err)) throw err;
      log.warn({ chatId: destination.chatId, image, err: errorMessage(err) }, 'telegram refused the picture; sending the alert as text with its link preview');
      return undefined;
    }
  };

  return {
    platform: telegramPlatform,
    maxStoriesPerMessage: options.maxStoriesPerMessage ?? telegramPlatform.maxStoriesPerMessage,

    async send(destination, message: OutgoingMessage, idempotencyKey): Promise<SentRef> {
      const chatId = toChatId(destination.chatId);
      let photoId: string | undefined;
      try {
        photoId = await sendAsPhoto(destination, chatId, message);
      } catch (err) {
        throw fail(err, destination, 'send');
      }
      if (photoId) {
        log.debug({ chatId: destination.chatId, idempotencyKey, messageIds: [photoId] }, 'telegram photo sent');
        return { messageIds: [photoId] };
      }
      const messageIds: string[] = [];
      const preview = linkPreview(message);
      for (const part of renderTelegramMessages(message, renderOptions(message))) {
        let sent: Message.TextMessage;
        try {
          sent = await withPlainFallback(destination, part, (text, parseMode) =>
            api.sendMessage(chatId, text, { link_preview_options: preview, ...thread(destination), ...(parseMode ? { parse_mode: parseMode } : {}) }),
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
      const [first] = ref.messageIds;
      const story = singleStory(message);
      if (first?.startsWith(PHOTO_ID) && story) {
        // A photo's caption, cut to fit: the summary gives way first.
        const caption = renderTelegramStory(story, message, { ...renderOptions(message), maxLength: telegramCaptionLimit });
        try {
          await withPlainFallback(destination, caption, (text, parseMode) =>
            api.editMessageCaption(chatId, Number(first.slice(PHOTO_ID.length)), { caption: text, ...(parseMode ? { parse_mode: parseMode } : {}) }),
          );
        } catch (err) {
          if (!isNotModified(err)) throw fail(err, destination, 'edit');
        }
        return;
      }
      const parts = renderTelegramMessages(message, renderOptions(message));
      const preview = linkPreview(message);
      if (parts.length > ref.messageIds.length) {
        log.warn({ chatId: destination.chatId, parts: parts.length, posted: ref.messageIds.length }, 'edited message has more parts than were posted; the rest is left out');
      }
      for (const [i, id] of ref.messageIds.entries()) {
        const part = parts[i];
        if (!part) break;
        try {
          await withPlainFallback(destination, part, (text, parseMode) =>
            api.editMessageText(chatId, Number(id), text, {
              link_preview_options: preview,
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
