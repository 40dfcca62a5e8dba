import type { FakeDiscordContext } from '../context.js';
import { Errors, json, type Route, type RouteResponse } from '../http.js';
import { computePings, validateAllowedMentions } from '../mentions.js';
import { Perm } from '../permissions.js';
import { channelJson, messageJson } from '../serialize.js';
import type { FakeMessage } from '../state.js';
import { ErrorCollector, isEmptyMessage, validateMessageBody } from '../validate.js';

type Body = Record<string, unknown>;

/** 404 when the channel is gone, 403 Missing Access when the bot cannot see it. */
function checkChannel(ctx: FakeDiscordContext, channelId: string): RouteResponse | undefined {
  if (!ctx.state.channels.has(channelId)) return Errors.unknownChannel();
  const perms = ctx.state.permissionsIn(channelId, ctx.state.botUser.id);
  if ((perms & Perm.ViewChannel) === 0n) return Errors.missingAccess();
  return undefined;
}

function invalidBody(body: Body): RouteResponse | undefined {
  const errors = new ErrorCollector();
  validateMessageBody(body, errors);
  validateAllowedMentions(body.allowed_mentions, errors);
  const tree = errors.result();
  return tree ? Errors.invalidFormBody(tree) : undefined;
}

function checkSendPermissions(ctx: FakeDiscordContext, channelId: string, body: Body): RouteResponse | undefined {
  const perms = ctx.state.permissionsIn(channelId, ctx.state.botUser.id);
  const isThread = ctx.state.channel(channelId).parentId !== undefined;
  const send = isThread ? Perm.SendMessagesInThreads : Perm.SendMessages;
  if ((perms & send) === 0n) return Errors.missingPermissions();
  if (Array.isArray(body.embeds) && body.embeds.length > 0 && (perms & Perm.EmbedLinks) === 0n) {
    return Errors.missingPermissions();
  }
  return undefined;
}

function createMessage(ctx: FakeDiscordContext, channelId: string, body: Body): RouteResponse {
  const enforce = body.enforce_nonce === true && body.nonce !== undefined;
  const nonceKey = `${channelId}:${String(body.nonce)}`;
  if (enforce) {
    const seen = ctx.nonces.get(nonceKey);
    // Discord: within a few minutes, a create with a known nonce returns the first message and posts nothing.
    if (seen && Date.now() - seen.at < ctx.nonceWindowMs) return json(200, messageJson(ctx.state, seen.message));
  }
  const content = typeof body.content === 'string' ? body.content : '';
  const embeds = Array.isArray(body.embeds) ? body.embeds.map(normaliseEmbed) : [];
  const message: FakeMessage = {
    id: ctx.state.nextId(),
    channel_id: channelId,
    author: ctx.state.botUser,
    content,
    embeds,
    components: Array.isArray(body.components) ? body.components : [],
    ...(body.nonce !== undefined ? { nonce: body.nonce as string | number } : {}),
    flags: typeof body.flags === 'number' ? body.flags : 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    pinged: computePings(ctx.state, channelId, content, body.allowed_mentions),
    history: [{ content, embeds }],
  };
  ctx.state.storeMessage(message);
  if (enforce) ctx.nonces.set(nonceKey, { message, at: Date.now() });
  const api = messageJson(ctx.state, message);
  ctx.dispatch('MESSAGE_CREATE', api);
  return json(200, api);
}

/** Discord fills `type: "rich"` and drops unknown keys; the fake keeps what was sent plus the type. */
function normaliseEmbed(embed: unknown): unknown {
  return { type: 'rich', ...(embed as object) };
}

function editMessage(ctx: FakeDiscordContext, channelId: string, messageId: string, body: Body): RouteResponse {
  const message = ctx.state.messages(channelId).find((m) => m.id === messageId);
  if (!message) return Errors.unknownMessage();
  if (message.author.id !== ctx.state.botUser.id) return Errors.cannotEditOthers();
  if (typeof body.content === 'string' || body.content === null) message.content = (body.content as string | null) ?? '';
  if (Array.isArray(body.embeds) || body.embeds === null) message.embeds = ((body.embeds as unknown[]) ?? []).map(normaliseEmbed);
  if (Array.isArray(body.components)) message.components = body.components;
  if (message.content.trim() === '' && message.embeds.length === 0 && message.components.length === 0) {
    return Errors.emptyMessage();
  }
  message.edited_timestamp = new Date().toISOString();
  message.history.push({ content: message.content, embeds: message.embeds });
  const api = messageJson(ctx.state, message);
  ctx.dispatch('MESSAGE_UPDATE', api);
  return json(200, api);
}

const channelBucket = (name: string, pick: (ctx: FakeDiscordContext) => { limit: number; windowMs: number }) =>
  (params: Record<string, string>, ctx: FakeDiscordContext) => ({ route: name, major: params.channelId ?? '', spec: pick(ctx) });

export const messageRoutes: Route[] = [
  {
    method: 'POST',
    path: '/channels/:channelId/messages',
    auth: true,
    global: true,
    group: 'message',
    bucket: channelBucket('POST /channels/:id/messages', (ctx) => ctx.limiter.specs.messageCreate),
    handle: ({ params, body, ctx }) => {
      const channelId = params.channelId ?? '';
      const b = (body ?? {}) as Body;
      return (
        checkChannel(ctx, channelId) ??
        invalidBody(b) ??
        (isEmptyMessage(b) ? Errors.emptyMessage() : undefined) ??
        checkSendPermissions(ctx, channelId, b) ??
        createMessage(ctx, channelId, b)
      );
    },
  },
  {
    method: 'PATCH',
    path: '/channels/:channelId/messages/:messageId',
    auth: true,
    global: true,
    group: 'message',
    bucket: channelBucket('PATCH /channels/:id/messages/:id', (ctx) => ctx.limiter.specs.messageEdit),
    handle: ({ params, body, ctx }) => {
      const channelId = params.channelId ?? '';
      const b = (body ?? {}) as Body;
      return (
        checkChannel(ctx, channelId) ??
        invalidBody(b) ??
        checkSendPermissions(ctx, channelId, { embeds: b.embeds }) ??
        editMessage(ctx, channelId, params.messageId ?? '', b)
      );
    },
  },
  {
    method: 'GET',
    path: '/channels/:channelId/messages/:messageId',
    auth: true,
    global: true,
    group: 'message',
    bucket: channelBucket('GET /channels/:id/messages/:id', (ctx) => ctx.limiter.specs.other),
    handle: ({ params, ctx }) => {
      const channelId = params.channelId ?? '';
      const refused = checkChannel(ctx, channelId);
      if (refused) return refused;
      if ((ctx.state.permissionsIn(channelId, ctx.state.botUser.id) & Perm.ReadMessageHistory) === 0n) {
        return Errors.missingPermissions();
      }
      const message = ctx.state.messages(channelId).find((m) => m.id === params.messageId);
      return message ? json(200, messageJson(ctx.state, message)) : Errors.unknownMessage();
    },
  },
  {
    method: 'GET',
    path: '/channels/:channelId',
    auth: true,
    global: true,
    group: 'other',
    bucket: channelBucket('GET /channels/:id', (ctx) => ctx.limiter.specs.other),
    handle: ({ params, ctx }) => {
      const channelId = params.channelId ?? '';
      return checkChannel(ctx, channelId) ?? json(200, channelJson(ctx.state.channel(channelId)));
    },
  },
];
