import type { MethodContext, MethodHandler } from '../context.js';
import { badRequest, tooManyRequests } from '../errors.js';
import { linkPreviewDisabled, linkPreviewUrl, parseReplyMarkup, parseText } from '../message-content.js';
import type { FakeMessage } from '../state.js';

/** sendMessage, editMessageText, editMessageReplyMarkup, answerCallbackQuery. */
export const messageMethods: Record<string, MethodHandler> = {
  sendMessage(ctx) {
    const { state, params } = ctx;
    const chat = state.resolve(params.chatId());
    state.requirePost(chat);
    const threadId = params.int('message_thread_id');
    if (threadId !== undefined) state.requireThread(chat, threadId);
    const { text, entities } = parseText(params, ctx.strictAmpersands);
    const replyMarkup = parseReplyMarkup(params);
    const disabled = linkPreviewDisabled(params);
    const previewUrl = linkPreviewUrl(params);
    const replyTo = replyTarget(ctx, chat.id);

    const wait = ctx.rateLimiter?.take(chat.id, chat.type !== 'private', ctx.now()) ?? 0;
    if (wait > 0) throw tooManyRequests(wait);
    const parseMode = params.string('parse_mode');
    const stored = state.store({
      chatId: chat.id,
      ...(threadId !== undefined ? { threadId } : {}),
      fromBot: true,
      from: state.bot,
      ...(chat.type === 'channel' ? { senderChatId: chat.id } : {}),
      text,
      entities,
      sentText: params.string('text') ?? '',
      ...(parseMode ? { parseMode } : {}),
      linkPreviewDisabled: disabled,
      ...(previewUrl !== undefined ? { linkPreviewUrl: previewUrl } : {}),
      ...(replyMarkup ? { replyMarkup } : {}),
      ...(replyTo !== undefined ? { replyToMessageId: replyTo } : {}),
    });
    return state.messageJson(stored);
  },

  editMessageText(ctx) {
    const message = editableMessage(ctx);
    if (message.photo !== undefined) throw badRequest('there is no text in the message to edit');
    const { text, entities } = parseText(ctx.params, ctx.strictAmpersands);
    // Telegram removes the inline keyboard of an edited message unless the edit repeats it.
    const replyMarkup = parseReplyMarkup(ctx.params);
    const next = { text, entities, replyMarkup };
    requireModified(message, next);
    message.text = text;
    message.entities = entities;
    message.sentText = ctx.params.string('text') ?? '';
    const parseMode = ctx.params.string('parse_mode');
    if (parseMode) message.parseMode = parseMode;
    else delete message.parseMode;
    message.linkPreviewDisabled = linkPreviewDisabled(ctx.params);
    if (replyMarkup) message.replyMarkup = replyMarkup;
    else delete message.replyMarkup;
    message.editDate = Math.floor(ctx.now() / 1000);
    return ctx.state.messageJson(message);
  },

  editMessageReplyMarkup(ctx) {
    const message = editableMessage(ctx);
    const replyMarkup = parseReplyMarkup(ctx.params);
    requireModified(message, { text: message.text, entities: message.entities, replyMarkup });
    if (replyMarkup) message.replyMarkup = replyMarkup;
    else delete message.replyMarkup;
    message.editDate = Math.floor(ctx.now() / 1000);
    return ctx.state.messageJson(message);
  },

  answerCallbackQuery(ctx) {
    const id = ctx.params.string('callback_query_id');
    if (!id) throw badRequest('callback_query_id is empty');
    const query = ctx.callbackQueries.get(id);
    if (!query || query.answered) {
      throw badRequest('query is too old and response timeout expired or query ID is invalid');
    }
    const text = ctx.params.string('text');
    if (text !== undefined && text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
    query.answered = {
      ...(text !== undefined ? { text } : {}),
      ...(ctx.params.bool('show_alert') !== undefined ? { show_alert: ctx.params.bool('show_alert') } : {}),
      ...(ctx.params.string('url') !== undefined ? { url: ctx.params.string('url') } : {}),
    };
    return true;
  },
};

/**
 * The message a send replies to, from `reply_parameters` (same chat only). A missing message is refused unless
 * `allow_sending_without_reply` is set, as in Telegram; then the message is sent as no reply.
 */
function replyTarget(ctx: MethodContext, chatId: number): number | undefined {
  const raw = ctx.params.json('reply_parameters', "can't parse reply parameters JSON object");
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null) throw badRequest("can't parse reply parameters JSON object");
  const { message_id: messageId, allow_sending_without_reply: allowWithout, chat_id: otherChat } = raw as Record<string, unknown>;
  if (typeof messageId !== 'number' || !Number.isInteger(messageId)) throw badRequest('message to be replied not found');
  if (otherChat !== undefined) throw badRequest('replies to other chats are not implemented by this test server');
  if (ctx.state.find(chatId, messageId)) return messageId;
  if (allowWithout === true) return undefined;
  throw badRequest('message to be replied not found');
}

export function editableMessage(ctx: MethodContext): FakeMessage {
  const { state, params } = ctx;
  if (params.has('inline_message_id')) throw badRequest('MESSAGE_ID_INVALID');
  const chat = state.resolve(params.chatId());
  state.requireAccess(chat);
  const messageId = params.int('message_id');
  if (messageId === undefined) throw badRequest('message identifier is not specified');
  const message = state.find(chat.id, messageId);
  if (!message) throw badRequest('message to edit not found');
  if (!message.fromBot) throw badRequest("message can't be edited");
  return message;
}

export function requireModified(
  message: FakeMessage,
  next: { text: string; entities: unknown; replyMarkup: unknown },
): void {
  const same =
    message.text === next.text &&
    JSON.stringify(message.entities) === JSON.stringify(next.entities) &&
    JSON.stringify(message.replyMarkup ?? null) === JSON.stringify(next.replyMarkup ?? null);
  if (same) {
    throw badRequest(
      'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    );
  }
}
