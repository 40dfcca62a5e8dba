import type { Chat, Message } from 'grammy/types';
import type { Destination } from '../../../delivery/core/types.js';
import { telegramPlatform } from '../platform.js';

/** The "Telegram" service account that posts a linked channel's messages into its discussion group. */
export const telegramServiceUserId = 777000;

/** The "Group" account Telegram shows as the sender of an anonymous administrator's message. */
export const groupAnonymousBotId = 1087968824;

/**
 * Who wrote a command message, as far as permissions go:
 * - `user`: a person; in groups their admin status must be asked with getChatMember.
 * - `anonymous-admin`: a message sent as the group itself (`sender_chat` is the chat, from GroupAnonymousBot).
 *   Telegram allows that only to admins who post anonymously; whether the group has one is asked with
 *   getChatAdministrators, never taken from the update.
 * - `not-a-person`: the 777000 auto-forward of a linked channel's post, or someone posting as another chat:
 *   nobody we can check, so never an admin.
 */
export type AuthorKind = 'user' | 'anonymous-admin' | 'not-a-person';

/** The author of a command message (not to be confused with delivery's `Sender`, which posts news). */
export interface MessageAuthor {
  kind: AuthorKind;
  /** Rate-limit and `createdBy` id: the user's id, or the id of the chat they posted as. */
  id: string;
  /** The person's Telegram user id, only for `user`. */
  userId?: number;
  displayName?: string;
}

/** Reads who wrote a message in a private chat or a group. */
export function identifyAuthor(msg: Pick<Message, 'chat' | 'from' | 'sender_chat' | 'is_automatic_forward'>): MessageAuthor {
  const { chat, from, sender_chat: senderChat } = msg;
  if (senderChat && senderChat.id === chat.id && from?.id === groupAnonymousBotId) return { kind: 'anonymous-admin', id: String(chat.id), displayName: chatName(senderChat) };
  if (msg.is_automatic_forward || from?.id === telegramServiceUserId || senderChat) {
    return { kind: 'not-a-person', id: String(senderChat?.id ?? from?.id ?? chat.id) };
  }
  if (!from) return { kind: 'not-a-person', id: String(chat.id) };
  const name = [from.first_name, from.last_name].filter(Boolean).join(' ');
  return { kind: 'user', id: String(from.id), userId: from.id, ...(name ? { displayName: name } : {}) };
}

/**
 * The forum topic a message is in, if any. Only forum topics count: in a plain supergroup, `message_thread_id`
 * names a reply thread, which is not a place news can be posted to.
 */
export function topicOf(msg: Pick<Message, 'chat' | 'message_thread_id' | 'is_topic_message'>): number | undefined {
  const forum = msg.chat.type === 'supergroup' && msg.chat.is_forum === true;
  return forum && msg.is_topic_message && msg.message_thread_id !== undefined ? msg.message_thread_id : undefined;
}

/** Where a command sent from this message applies: the chat, and its forum topic when it is in one. */
export function destinationOf(msg: Pick<Message, 'chat' | 'message_thread_id' | 'is_topic_message'>): Destination {
  const topic = topicOf(msg);
  return { platform: telegramPlatform.name, chatId: String(msg.chat.id), ...(topic !== undefined ? { threadId: String(topic) } : {}) };
}

/** A chat's display name: its title, @username or id. */
export function chatName(chat: Pick<Chat, 'id'> & { title?: string; username?: string }): string {
  return chat.title ?? (chat.username ? `@${chat.username}` : String(chat.id));
}
