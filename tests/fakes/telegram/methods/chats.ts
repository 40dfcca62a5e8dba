import type { MethodContext, MethodHandler } from '../context.js';
import { badRequest } from '../errors.js';
import type { FakeChat, FakeUser, MemberStatus } from '../state.js';

/** getChat, getChatMember, getChatAdministrators, sendChatAction. */
export const chatMethods: Record<string, MethodHandler> = {
  getChat(ctx) {
    const chat = accessibleChat(ctx);
    // ChatFullInfo requires these two since Bot API 7.3.
    return { ...ctx.state.chatJson(chat), accent_color_id: 0, max_reaction_count: 11 };
  },

  getChatMember(ctx) {
    const chat = accessibleChat(ctx);
    const userId = ctx.params.int('user_id');
    if (userId === undefined) throw badRequest('user_id is empty');
    const user = ctx.state.users.get(userId);
    if (!user) throw badRequest('user not found');
    if (chat.type === 'private') return memberJson(chat, user, userId === chat.id || userId === ctx.state.bot.id ? 'member' : 'left');
    const member = chat.members.get(userId);
    return memberJson(chat, user, member?.status ?? 'left', member?.anonymous);
  },

  getChatAdministrators(ctx) {
    const chat = accessibleChat(ctx);
    if (chat.type === 'private') throw badRequest('there are no administrators in the private chat');
    return [...chat.members.values()]
      .filter((m) => m.status === 'creator' || m.status === 'administrator')
      .map((m) => memberJson(chat, m.user, m.status, m.anonymous));
  },

  sendChatAction(ctx) {
    const chat = accessibleChat(ctx);
    const action = ctx.params.string('action');
    if (!action) throw badRequest('action is empty');
    if (!chatActions.has(action)) throw badRequest('wrong parameter action in request');
    const threadId = ctx.params.int('message_thread_id');
    if (threadId !== undefined) ctx.state.requireThread(chat, threadId);
    return true;
  },
};

const chatActions = new Set([
  'typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice',
  'upload_document', 'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note',
]);

function accessibleChat(ctx: MethodContext): FakeChat {
  const chat = ctx.state.resolve(ctx.params.chatId());
  ctx.state.requireAccess(chat);
  return chat;
}

/** A Bot API ChatMember of the given status, with the fields Telegram always includes. */
export function memberJson(chat: FakeChat, user: FakeUser, status: MemberStatus, anonymous = false): Record<string, unknown> {
  switch (status) {
    case 'creator':
      return { status, user, is_anonymous: anonymous };
    case 'administrator':
      return {
        status,
        user,
        can_be_edited: false,
        is_anonymous: anonymous,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: true,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: true,
        can_invite_users: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
        ...(chat.type === 'channel' ? { can_post_messages: true, can_edit_messages: true } : { can_pin_messages: true }),
        ...(chat.type === 'supergroup' ? { can_manage_topics: true } : {}),
      };
    case 'restricted':
      return {
        status,
        user,
        is_member: true,
        can_send_messages: false,
        can_send_audios: false,
        can_send_documents: false,
        can_send_photos: false,
        can_send_videos: false,
        can_send_video_notes: false,
        can_send_voice_notes: false,
        can_send_polls: false,
        can_send_other_messages: false,
        can_add_web_page_previews: false,
        can_change_info: false,
        can_invite_users: false,
        can_pin_messages: false,
        can_manage_topics: false,
        until_date: 0,
      };
    case 'kicked':
      return { status, user, until_date: 0 };
    default:
      return { status, user };
  }
}
