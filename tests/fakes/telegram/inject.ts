import { randomBytes } from 'node:crypto';
import type { CallbackQueryRecord } from './context.js';
import type { MessageEntity } from './html.js';
import type { FakeMessage, TelegramState, UserInput } from './state.js';
import type { UpdateQueue } from './updates.js';

/** A message a user (or a channel, via `senderChat`) writes in a chat. */
export interface UserMessageInput {
  chatId: number;
  from: UserInput;
  text: string;
  /** Forum topic (or reply thread) the message is in. */
  threadId?: number;
  /** The chat the message is sent on behalf of (anonymous admins, linked channels). */
  senderChat?: number;
  /** A document message (set by `sendUserDocument`): the Document object; `text` is its caption. */
  document?: Record<string, unknown>;
}

/** A press on an inline keyboard button of one of the bot's messages. */
export interface ButtonPressInput {
  chatId: number;
  messageId: number;
  from: UserInput;
  /** Must be the callback_data of a button of that message. */
  data: string;
}

/** `bot_command` entities for `/cmd` and `/cmd@botname` that start a word, as Telegram detects them. */
export function detectCommands(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const pattern = /(^|[\s])(\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?)(?![A-Za-z0-9_@/])/g;
  for (const match of text.matchAll(pattern)) {
    const offset = (match.index ?? 0) + (match[1]?.length ?? 0);
    entities.push({ type: 'bot_command', offset, length: match[2]?.length ?? 0 });
  }
  return entities;
}

/** Stores a user's message and queues the update the bot will receive. Returns the update id. */
export function injectUserMessage(state: TelegramState, updates: UpdateQueue, input: UserMessageInput): number {
  const chat = state.chat(input.chatId);
  const from = state.user(input.from);
  if (input.threadId !== undefined && chat.isForum && !chat.topics.has(input.threadId)) {
    throw new Error(`chat ${chat.id} has no topic ${input.threadId}`);
  }
  const stored = state.store({
    chatId: chat.id,
    ...(input.threadId !== undefined ? { threadId: input.threadId } : {}),
    fromBot: false,
    from,
    ...(input.senderChat !== undefined ? { senderChatId: input.senderChat } : {}),
    ...(input.document ? { document: input.document } : {}),
    text: input.text,
    entities: detectCommands(input.text),
    sentText: input.text,
    linkPreviewDisabled: false,
  });
  return updates.push(chat.type === 'channel' ? 'channel_post' : 'message', state.messageJson(stored));
}

/** Queues a callback_query for a button of a bot message. Returns the update id. */
export function injectButtonPress(
  state: TelegramState,
  updates: UpdateQueue,
  queries: Map<string, CallbackQueryRecord>,
  input: ButtonPressInput,
): number {
  const message = state.find(input.chatId, input.messageId);
  if (!message?.fromBot) throw new Error(`no bot message ${input.messageId} in chat ${input.chatId}`);
  const buttons = (message.replyMarkup?.inline_keyboard ?? []).flat();
  if (!buttons.some((b) => b.callback_data === input.data)) {
    throw new Error(`message ${input.messageId} has no button with callback_data ${JSON.stringify(input.data)}`);
  }
  const from = state.user(input.from);
  const id = randomBytes(8).readBigUInt64BE().toString();
  queries.set(id, { id, from, data: input.data });
  return updates.push('callback_query', {
    id,
    from,
    message: state.messageJson(message),
    chat_instance: String(Math.abs(input.chatId) * 7919),
    data: input.data,
  });
}

/** The service messages Telegram posts when a group becomes a supergroup, in both chats. */
export function injectMigration(state: TelegramState, updates: UpdateQueue, oldId: number, newId: number, by: UserInput): void {
  const from = state.user(by);
  const base: Omit<FakeMessage, 'messageId' | 'date' | 'chatId'> = {
    fromBot: false, from, text: '', entities: [], sentText: '', linkPreviewDisabled: false,
  };
  const inOld = state.store({ ...base, chatId: oldId, migrateToChatId: newId });
  const inNew = state.store({ ...base, chatId: newId, migrateFromChatId: oldId });
  updates.push('message', state.messageJson(inOld));
  updates.push('message', state.messageJson(inNew));
}
