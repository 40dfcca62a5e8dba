import type { Api } from 'grammy';
import type { Message } from 'grammy/types';
import type { Reply } from '../../../commands/reply.js';
import { renderTelegramReply } from './render-reply.js';
import { topicOf } from './message-author.js';

/**
 * Longest private reply posted in a group, in visible characters. Telegram has no ephemeral messages, so a
 * reply meant for one person (a refusal, an argument error) is posted in the group for everyone; it is kept
 * short and sent as a reply to the command so the group sees whom it answers.
 */
export const privateReplyInGroupMax = 1000;

/**
 * Posts a command's reply in the chat (and forum topic) the command came from, as HTML with link previews off.
 *
 * Why private replies are not sent as direct messages: a bot may only write to people who started a chat with
 * it, so most would fail, and a private message about a typo made in a group surprises more than it helps.
 */
export async function sendCommandReply(
  api: Pick<Api, 'sendMessage'>,
  msg: Pick<Message, 'chat' | 'message_id' | 'message_thread_id' | 'is_topic_message'>,
  reply: Reply,
): Promise<void> {
  const inGroup = msg.chat.type === 'group' || msg.chat.type === 'supergroup';
  const quiet = inGroup && reply.private === true;
  const rendered = renderTelegramReply(reply, quiet ? { maxLength: privateReplyInGroupMax } : {});
  const topic = topicOf(msg);
  await api.sendMessage(msg.chat.id, rendered.html, {
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...(topic !== undefined ? { message_thread_id: topic } : {}),
    ...(rendered.keyboard ? { reply_markup: rendered.keyboard } : {}),
    ...(quiet ? { reply_parameters: { message_id: msg.message_id, allow_sending_without_reply: true } } : {}),
  });
}
