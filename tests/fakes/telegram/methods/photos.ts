import type { MethodHandler } from '../context.js';
import { badRequest, tooManyRequests } from '../errors.js';
import { normalizeUrl } from '../html.js';
import { parseCaption, parseReplyMarkup } from '../message-content.js';
import { editableMessage, requireModified } from './messages.js';

/**
 * sendPhoto and editMessageCaption, validated like the Bot API: a photo is an HTTP URL Telegram's servers fetch
 * (or a file id), the caption at most 1024 characters after entity parsing, parse errors worded as Telegram's.
 * The fake fetches nothing: a URL whose host ends in `.invalid` (a name that never resolves) is refused the way
 * Telegram refuses a URL it cannot download; uploaded files are not implemented.
 */
export const photoMethods: Record<string, MethodHandler> = {
  sendPhoto(ctx) {
    const { state, params } = ctx;
    const chat = state.resolve(params.chatId());
    state.requirePost(chat);
    const threadId = params.int('message_thread_id');
    if (threadId !== undefined) state.requireThread(chat, threadId);
    const photo = requirePhoto(params.string('photo'));
    const { text, entities } = parseCaption(params, ctx.strictAmpersands);
    const replyMarkup = parseReplyMarkup(params);
    const wait = ctx.rateLimiter?.take(chat.id, chat.type !== 'private', ctx.now()) ?? 0;
    if (wait > 0) throw tooManyRequests(wait);
    const parseMode = params.string('parse_mode');
    const stored = state.store({
      chatId: chat.id,
      ...(threadId !== undefined ? { threadId } : {}),
      fromBot: true,
      from: state.bot,
      ...(chat.type === 'channel' ? { senderChatId: chat.id } : {}),
      photo,
      text,
      entities,
      sentText: params.string('caption') ?? '',
      ...(parseMode ? { parseMode } : {}),
      linkPreviewDisabled: false,
      ...(replyMarkup ? { replyMarkup } : {}),
    });
    return state.messageJson(stored);
  },

  editMessageCaption(ctx) {
    const message = editableMessage(ctx);
    if (message.photo === undefined) throw badRequest('there is no caption in the message to edit');
    const { text, entities } = parseCaption(ctx.params, ctx.strictAmpersands);
    const replyMarkup = parseReplyMarkup(ctx.params);
    requireModified(message, { text, entities, replyMarkup });
    message.text = text;
    message.entities = entities;
    message.sentText = ctx.params.string('caption') ?? '';
    const parseMode = ctx.params.string('parse_mode');
    if (parseMode) message.parseMode = parseMode;
    else delete message.parseMode;
    if (replyMarkup) message.replyMarkup = replyMarkup;
    else delete message.replyMarkup;
    message.editDate = Math.floor(ctx.now() / 1000);
    return ctx.state.messageJson(message);
  },
};

function requirePhoto(photo: string | undefined): string {
  if (photo === undefined || photo === '') throw badRequest('there is no photo in the request');
  if (photo.startsWith('{') || photo.startsWith('attach://')) throw badRequest('uploading files is not implemented by this test server; send a URL');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(photo)) throw badRequest('wrong file identifier/HTTP URL specified');
  const url = normalizeUrl(photo);
  if (!url || !/^https?:/i.test(photo)) throw badRequest('wrong HTTP URL specified');
  if (/\.invalid$/i.test(new URL(url).hostname)) throw badRequest('failed to get HTTP URL content');
  return photo;
}
