import type { MethodContext, MethodHandler } from '../context.js';
import { badRequest } from '../errors.js';

/** getMe, getUpdates, the webhook methods, the command list methods, close and logOut. */
export const botMethods: Record<string, MethodHandler> = {
  getMe(ctx) {
    return {
      ...ctx.state.bot,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    };
  },

  async getUpdates(ctx) {
    const allowed = ctx.params.json('allowed_updates', "can't parse allowed updates JSON object");
    if (allowed !== undefined) {
      if (!Array.isArray(allowed)) throw badRequest("can't parse allowed updates JSON object");
      ctx.updates.setAllowed(allowed.map(String));
    }
    const timeout = Math.max(0, ctx.params.int('timeout') ?? 0);
    return await ctx.updates.getUpdates(ctx.params.int('offset'), ctx.params.int('limit') ?? 100, timeout, ctx.signal);
  },

  setWebhook(ctx) {
    const url = ctx.params.string('url') ?? '';
    if (ctx.params.bool('drop_pending_updates')) ctx.updates.dropPending();
    const allowed = ctx.params.json('allowed_updates', "can't parse allowed updates JSON object");
    if (Array.isArray(allowed)) ctx.updates.setAllowed(allowed.map(String));
    if (url === '') {
      ctx.updates.deleteWebhook();
      return true;
    }
    const maxConnections = ctx.params.int('max_connections') ?? 40;
    ctx.updates.setWebhook(url, ctx.params.string('secret_token'), maxConnections);
    return true;
  },

  deleteWebhook(ctx) {
    if (ctx.params.bool('drop_pending_updates')) ctx.updates.dropPending();
    ctx.updates.deleteWebhook();
    return true;
  },

  getWebhookInfo(ctx) {
    const hook = ctx.updates.webhook;
    const allowed = ctx.updates.allowedUpdates;
    return {
      url: hook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: ctx.updates.pendingCount,
      ...(hook ? { max_connections: hook.maxConnections, ip_address: '127.0.0.1' } : {}),
      ...(hook?.lastErrorDate !== undefined ? { last_error_date: hook.lastErrorDate, last_error_message: hook.lastErrorMessage } : {}),
      ...(allowed ? { allowed_updates: allowed } : {}),
    };
  },

  setMyCommands(ctx) {
    const commands = ctx.params.json('commands', "can't parse commands JSON object");
    if (commands === undefined) throw badRequest('parameter "commands" is required');
    if (!Array.isArray(commands)) throw badRequest('field "commands" must be an Array');
    if (commands.length > 100) throw badRequest('BOT_COMMANDS_TOO_MUCH');
    const checked = commands.map((c: unknown) => {
      const { command, description } = (c ?? {}) as { command?: unknown; description?: unknown };
      if (typeof command !== 'string' || typeof description !== 'string') {
        throw badRequest("can't parse BotCommand: fields \"command\" and \"description\" must be of type String");
      }
      if (!/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest('BOT_COMMAND_INVALID');
      const length = [...description.trim()].length;
      if (length < 1 || length > 256) throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
      return { command, description };
    });
    ctx.commands.set(scopeKey(ctx), checked);
    return true;
  },

  getMyCommands(ctx) {
    return ctx.commands.get(scopeKey(ctx)) ?? [];
  },

  deleteMyCommands(ctx) {
    ctx.commands.delete(scopeKey(ctx));
    return true;
  },

  close: () => true,
  logOut: () => true,
};

const scopesWithoutChat = new Set(['default', 'all_private_chats', 'all_group_chats', 'all_chat_administrators']);

/**
 * The key a command list is stored under: scope type, its chat and user, and the language. Telegram keeps one
 * list per exact scope and language; getMyCommands does not fall back to a wider scope.
 */
export function scopeKey(ctx: MethodContext): string {
  const raw = ctx.params.json('scope', "can't parse BotCommandScope JSON object") ?? { type: 'default' };
  const scope = raw as { type?: unknown; chat_id?: unknown; user_id?: unknown };
  const language = ctx.params.string('language_code') ?? '';
  if (language !== '' && !/^[a-z]{2}$/.test(language)) throw badRequest('invalid language code specified');
  const type = String(scope.type ?? '');
  if (scopesWithoutChat.has(type)) return JSON.stringify([type, language]);
  if (type !== 'chat' && type !== 'chat_administrators' && type !== 'chat_member') {
    throw badRequest('unsupported bot command scope type');
  }
  if (scope.chat_id === undefined) throw badRequest('chat_id is empty');
  const chatId = typeof scope.chat_id === 'number' ? scope.chat_id : Number(scope.chat_id);
  const chat = ctx.state.resolve(Number.isInteger(chatId) ? chatId : String(scope.chat_id));
  if (type !== 'chat_member') return JSON.stringify([type, chat.id, language]);
  const userId = Number(scope.user_id);
  if (!Number.isInteger(userId) || !ctx.state.users.has(userId)) throw badRequest('user not found');
  return JSON.stringify([type, chat.id, userId, language]);
}
