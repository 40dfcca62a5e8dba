import { badRequest, forbidden } from './errors.js';
import type { MessageEntity } from './html.js';

export type ChatType = 'private' | 'group' | 'supergroup' | 'channel';
export type MemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

/** A Bot API User. */
export interface FakeUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** What tests pass for a user: only `id` is required. */
export type UserInput = Partial<FakeUser> & { id: number };

export interface FakeChat {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  /** Private chats: the user's names. */
  user?: FakeUser;
  isForum: boolean;
  /** Forum topics by message_thread_id. */
  topics: Map<number, { name: string }>;
  /** `anonymous`: an administrator who posts as the group (is_anonymous in the Bot API). */
  members: Map<number, { user: FakeUser; status: MemberStatus; anonymous?: boolean }>;
  /** Set once a group became a supergroup: every call to the old id is refused with this id. */
  migratedTo?: number;
  /** Private chats: the user blocked the bot. */
  blockedBot: boolean;
  nextMessageId: number;
}

/** One message as the fake stored it, with what the sender actually sent. */
export interface FakeMessage {
  messageId: number;
  chatId: number;
  threadId?: number;
  fromBot: boolean;
  from?: FakeUser;
  senderChatId?: number;
  /** Visible text after entity parsing and trimming. */
  text: string;
  entities: MessageEntity[];
  /** The `text` parameter as received (HTML source when parse_mode was HTML). */
  sentText: string;
  parseMode?: string;
  linkPreviewDisabled: boolean;
  /** The link preview's URL, when `link_preview_options.url` named one. */
  linkPreviewUrl?: string;
  /** A photo message: the photo's URL as sent; `text` and `entities` are then its caption. */
  photo?: string;
  replyMarkup?: InlineKeyboardMarkup;
  /** The message this one replies to (`reply_parameters.message_id`), when it was found in the chat. */
  replyToMessageId?: number;
  /** Unix seconds. */
  date: number;
  editDate?: number;
  /** A document message: the Bot API Document object; `text` and `entities` are then its caption. */
  document?: Record<string, unknown>;
  /** Service messages: a group migrated. */
  migrateToChatId?: number;
  migrateFromChatId?: number;
}

export interface InlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
  [key: string]: unknown;
}
export interface InlineKeyboardMarkup {
  inline_keyboard: InlineKeyboardButton[][];
}

/** What addChat accepts. Group-like chats get the bot as a plain member unless `botStatus` says otherwise. */
export type ChatInput =
  | { type: 'private'; user: UserInput }
  | {
      type: 'group' | 'supergroup' | 'channel';
      id?: number;
      title?: string;
      username?: string;
      /** Supergroups only: topics are enabled. */
      isForum?: boolean;
      /** Default `member` (`administrator` for channels, where only admins may post). */
      botStatus?: MemberStatus;
    };

/** Chats, members and messages of one fake Bot API server. */
export class TelegramState {
  readonly chats = new Map<number, FakeChat>();
  readonly users = new Map<number, FakeUser>();
  readonly log: FakeMessage[] = [];
  private nextGroupId = 4_000_000;
  private nextSupergroupId = 1_234_567_890;

  constructor(
    readonly bot: FakeUser,
    private readonly nowSeconds: () => number,
  ) {
    this.users.set(bot.id, bot);
  }

  user(input: UserInput): FakeUser {
    const known = this.users.get(input.id);
    const user: FakeUser = { is_bot: false, first_name: `User ${input.id}`, ...known, ...input };
    this.users.set(user.id, user);
    return user;
  }

  addChat(input: ChatInput): number {
    if (input.type === 'private') {
      const user = this.user(input.user);
      this.chats.set(user.id, this.blankChat(user.id, 'private', { user }));
      return user.id;
    }
    const id =
      input.id ?? (input.type === 'group' ? -this.nextGroupId++ : -(1_000_000_000_000 + this.nextSupergroupId++));
    if (this.chats.has(id)) throw new Error(`chat ${id} already exists`);
    const chat = this.blankChat(id, input.type, {
      title: input.title ?? `Chat ${id}`,
      ...(input.username ? { username: input.username } : {}),
      isForum: input.type === 'supergroup' && (input.isForum ?? false),
    });
    chat.members.set(this.bot.id, {
      user: this.bot,
      status: input.botStatus ?? (input.type === 'channel' ? 'administrator' : 'member'),
    });
    this.chats.set(id, chat);
    return id;
  }

  addTopic(chatId: number, name: string): number {
    const chat = this.chat(chatId);
    if (!chat.isForum) throw new Error(`chat ${chatId} is not a forum`);
    const threadId = chat.nextMessageId++;
    chat.topics.set(threadId, { name });
    return threadId;
  }

  setMember(chatId: number, user: UserInput, status: MemberStatus, options: { anonymous?: boolean } = {}): void {
    const chat = this.chat(chatId);
    const anonymous = options.anonymous === true && (status === 'creator' || status === 'administrator');
    chat.members.set(user.id, { user: user.id === this.bot.id ? this.bot : this.user(user), status, ...(anonymous ? { anonymous } : {}) });
  }

  /** Turns a group into a supergroup; the old id answers "group chat was upgraded" from now on. */
  migrateGroup(chatId: number): number {
    const old = this.chat(chatId);
    if (old.type !== 'group') throw new Error(`chat ${chatId} is not a basic group`);
    const newId = -(1_000_000_000_000 + this.nextSupergroupId++);
    const chat = this.blankChat(newId, 'supergroup', { title: old.title ?? `Chat ${newId}` });
    for (const [id, member] of old.members) chat.members.set(id, { ...member });
    this.chats.set(newId, chat);
    old.migratedTo = newId;
    return newId;
  }

  /** The chat for a test helper; throws a plain Error for a test's mistake. */
  chat(chatId: number): FakeChat {
    const chat = this.chats.get(chatId);
    if (!chat) throw new Error(`no chat ${chatId} in the fake`);
    return chat;
  }

  /** The chat an API call names, refused as Telegram refuses it. */
  resolve(chatId: number | string): FakeChat {
    const chat =
      typeof chatId === 'number'
        ? this.chats.get(chatId)
        : [...this.chats.values()].find((c) => c.username && `@${c.username}`.toLowerCase() === chatId.toLowerCase());
    if (!chat) throw badRequest('chat not found');
    if (chat.migratedTo !== undefined) {
      throw badRequest('group chat was upgraded to a supergroup chat', { migrate_to_chat_id: chat.migratedTo });
    }
    return chat;
  }

  /** Refuses a call when the bot is not in the chat (kicked, left, blocked by the user). */
  requireAccess(chat: FakeChat): void {
    if (chat.type === 'private') {
      if (chat.blockedBot) throw forbidden('bot was blocked by the user');
      return;
    }
    const kind = chat.type === 'channel' ? 'channel chat' : chat.type === 'group' ? 'group chat' : 'supergroup chat';
    const status = chat.members.get(this.bot.id)?.status ?? 'left';
    if (status === 'kicked') throw forbidden(`bot was kicked from the ${kind}`);
    if (status === 'left') throw forbidden(`bot is not a member of the ${kind}`);
  }

  /** Refuses a send when the bot may read but not post (a channel member that is not an admin). */
  requirePost(chat: FakeChat): void {
    this.requireAccess(chat);
    const status = chat.members.get(this.bot.id)?.status;
    if (chat.type === 'channel' && status !== 'administrator' && status !== 'creator') {
      throw badRequest('need administrator rights in the channel chat');
    }
    if (status === 'restricted') throw badRequest('not enough rights to send text messages to the chat');
  }

  /** Checks `message_thread_id` against the chat: a forum topic, or a message that starts a reply thread. */
  requireThread(chat: FakeChat, threadId: number): void {
    if (chat.isForum ? chat.topics.has(threadId) : this.find(chat.id, threadId)) return;
    throw badRequest('message thread not found');
  }

  store(message: Omit<FakeMessage, 'messageId' | 'date'>): FakeMessage {
    const chat = this.chat(message.chatId);
    const stored: FakeMessage = { ...message, messageId: chat.nextMessageId++, date: this.nowSeconds() };
    this.log.push(stored);
    return stored;
  }

  find(chatId: number, messageId: number): FakeMessage | undefined {
    return this.log.find((m) => m.chatId === chatId && m.messageId === messageId);
  }

  messages(chatId: number, threadId?: number): FakeMessage[] {
    return this.log.filter((m) => m.chatId === chatId && (threadId === undefined || m.threadId === threadId));
  }

  chatJson(chat: FakeChat): Record<string, unknown> {
    if (chat.type === 'private') {
      const u = chat.user as FakeUser;
      return { id: chat.id, type: 'private', first_name: u.first_name, ...pick(u, ['last_name', 'username']) };
    }
    return {
      id: chat.id,
      type: chat.type,
      title: chat.title,
      ...(chat.username ? { username: chat.username } : {}),
      ...(chat.isForum ? { is_forum: true } : {}),
    };
  }

  /** The Bot API Message object of a stored message. */
  messageJson(m: FakeMessage): Record<string, unknown> {
    const chat = this.chat(m.chatId);
    const senderChat = m.senderChatId === undefined ? undefined : this.chats.get(m.senderChatId);
    return {
      message_id: m.messageId,
      ...(m.from && chat.type !== 'channel' ? { from: m.from } : {}),
      ...(senderChat ? { sender_chat: this.chatJson(senderChat) } : {}),
      date: m.date,
      chat: this.chatJson(chat),
      ...(m.threadId !== undefined ? { message_thread_id: m.threadId } : {}),
      ...(m.threadId !== undefined && chat.isForum ? { is_topic_message: true } : {}),
      ...(m.editDate !== undefined ? { edit_date: m.editDate } : {}),
      ...(m.migrateToChatId !== undefined ? { migrate_to_chat_id: m.migrateToChatId } : {}),
      ...(m.migrateFromChatId !== undefined ? { migrate_from_chat_id: m.migrateFromChatId } : {}),
      ...(m.photo !== undefined ? { photo: photoSizes(m.messageId) } : {}),
      ...(m.document ? { document: m.document } : {}),
      ...((m.photo !== undefined || m.document) && m.text ? { caption: m.text } : {}),
      ...(m.photo === undefined && !m.document && m.migrateToChatId === undefined && m.migrateFromChatId === undefined ? { text: m.text } : {}),
      ...(m.entities.length > 0 ? { [m.photo !== undefined || m.document ? 'caption_entities' : 'entities']: m.entities } : {}),
      ...(m.linkPreviewDisabled ? { link_preview_options: { is_disabled: true } } : {}),
      ...(m.replyMarkup ? { reply_markup: m.replyMarkup } : {}),
    };
  }

  private blankChat(id: number, type: ChatType, extra: Partial<FakeChat>): FakeChat {
    return { id, type, isForum: false, topics: new Map(), members: new Map(), blockedBot: false, nextMessageId: 1, ...extra };
  }
}

function pick<T extends object, K extends keyof T>(obj: T, keys: K[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

/** The sizes Telegram makes of a sent photo (ids are the fake's own). */
function photoSizes(messageId: number): Array<Record<string, unknown>> {
  return [
    { file_id: `photo-${messageId}-s`, file_unique_id: `p${messageId}s`, width: 90, height: 60, file_size: 1200 },
    { file_id: `photo-${messageId}-m`, file_unique_id: `p${messageId}m`, width: 320, height: 213, file_size: 14000 },
  ];
}
