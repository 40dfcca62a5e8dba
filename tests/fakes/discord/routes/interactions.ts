import type { FakeDiscordContext, FakeInteraction, InteractionResponseRecord } from '../context.js';
import { Errors, json, type Route, type RouteResponse } from '../http.js';
import { computePings, validateAllowedMentions } from '../mentions.js';
import { messageJson } from '../serialize.js';
import type { FakeMessage } from '../state.js';
import { applyMessageUpdate } from './interaction-original.js';
import { ErrorCollector, validateMessageBody } from '../validate.js';

type Body = Record<string, unknown>;
const EPHEMERAL = 64;
/** Interaction tokens stay valid for follow-ups and edits this long (Discord: 15 minutes). */
const TOKEN_LIFETIME_MS = 15 * 60_000;

function record(interaction: FakeInteraction, kind: InteractionResponseRecord['kind'], data: Body, type?: number) {
  const flags = typeof data.flags === 'number' ? data.flags : 0;
  const entry: InteractionResponseRecord = {
    kind,
    ...(type !== undefined ? { type } : {}),
    ...(typeof data.content === 'string' ? { content: data.content } : {}),
    ...(Array.isArray(data.embeds) ? { embeds: data.embeds } : {}),
    ...(Array.isArray(data.components) ? { components: data.components } : {}),
    ...(Array.isArray(data.choices) ? { choices: data.choices } : {}),
    flags,
    ephemeral: (flags & EPHEMERAL) !== 0,
    data,
    at: Date.now(),
  };
  interaction.responses.push(entry);
  if (interaction.responses.length === 1) interaction.resolveFirst(entry);
}

function invalid(data: Body): RouteResponse | undefined {
  const errors = new ErrorCollector();
  validateMessageBody(data, errors);
  validateAllowedMentions(data.allowed_mentions, errors);
  const tree = errors.result();
  return tree ? Errors.invalidFormBody(tree) : undefined;
}

function newMessage(ctx: FakeDiscordContext, interaction: FakeInteraction, data: Body): FakeMessage {
  const content = typeof data.content === 'string' ? data.content : '';
  const embeds = Array.isArray(data.embeds) ? data.embeds : [];
  const message: FakeMessage = {
    id: ctx.state.nextId(),
    channel_id: interaction.channelId,
    author: ctx.state.botUser,
    content,
    embeds,
    components: Array.isArray(data.components) ? data.components : [],
    flags: typeof data.flags === 'number' ? data.flags : 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    pinged: computePings(ctx.state, interaction.channelId, content, data.allowed_mentions),
    history: [{ content, embeds }],
  };
  // What everyone in the channel sees is also a channel message; ephemeral replies are not.
  if ((message.flags & EPHEMERAL) === 0 && ctx.state.channels.has(interaction.channelId)) ctx.state.storeMessage(message);
  return message;
}

/** Which callback types each interaction type accepts. */
const ALLOWED_CALLBACKS: Record<number, number[]> = {
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

function callback(ctx: FakeDiscordContext, params: Record<string, string>, query: URLSearchParams, body: Body): RouteResponse {
  const interaction = ctx.interactions.get(params.interactionId ?? '');
  if (!interaction || interaction.token !== params.token) return Errors.unknownInteraction();
  if (interaction.acknowledged) return Errors.alreadyAcknowledged();
  if (Date.now() - interaction.dispatchedAt > ctx.interactionAckWindowMs) return Errors.unknownInteraction();
  const type = typeof body.type === 'number' ? body.type : -1;
  if (!(ALLOWED_CALLBACKS[interaction.type] ?? []).includes(type)) {
    return Errors.invalidFormBody({ type: { _errors: [{ code: 'BASE_TYPE_CHOICES', message: 'Value must be one of (1, 4, 5, 6, 7, 8, 9, 10, 12).' }] } });
  }
  const data = (body.data ?? {}) as Body;
  if (type === 4 || type === 7) {
    const refused = invalid(data);
    if (refused) return refused;
  }
  interaction.acknowledged = true;
  record(interaction, 'callback', data, type);
  if (type === 4 || type === 5) interaction.original = newMessage(ctx, interaction, type === 5 ? { flags: data.flags } : data);
  // A component's @original is the message it sits on: an update edits that message in place.
  if (type === 7 && interaction.original) applyMessageUpdate(ctx, interaction.original, data);
  if (query.get('with_response') !== 'true') return { status: 204 };
  const original = interaction.original;
  return json(200, {
    interaction: {
      id: interaction.id,
      type: interaction.type,
      activity_instance_id: null,
      response_message_id: original?.id ?? null,
      response_message_loading: type === 5,
      response_message_ephemeral: original ? (original.flags & EPHEMERAL) !== 0 : false,
    },
    resource: { type, ...(original ? { message: messageJson(ctx.state, original) } : {}) },
  });
}

function byToken(ctx: FakeDiscordContext, params: Record<string, string>): FakeInteraction | undefined {
  if (params.applicationId !== ctx.state.applicationId) return undefined;
  for (const interaction of ctx.interactions.values()) {
    if (interaction.token === params.token && Date.now() - interaction.dispatchedAt < TOKEN_LIFETIME_MS) return interaction;
  }
  return undefined;
}

function editOriginal(ctx: FakeDiscordContext, params: Record<string, string>, body: Body): RouteResponse {
  const interaction = byToken(ctx, params);
  if (!interaction) return Errors.unknownWebhook();
  const original = interaction.original;
  if (!original) return Errors.unknownMessage();
  const refused = invalid(body);
  if (refused) return refused;
  if (typeof body.content === 'string') original.content = body.content;
  if (Array.isArray(body.embeds)) original.embeds = body.embeds;
  if (Array.isArray(body.components)) original.components = body.components;
  original.edited_timestamp = new Date().toISOString();
  original.history.push({ content: original.content, embeds: original.embeds });
  record(interaction, 'edit-original', { ...body, flags: original.flags });
  return json(200, messageJson(ctx.state, original));
}

function followUp(ctx: FakeDiscordContext, params: Record<string, string>, body: Body): RouteResponse {
  const interaction = byToken(ctx, params);
  if (!interaction) return Errors.unknownWebhook();
  if (!interaction.acknowledged) return Errors.unknownWebhook();
  const refused = invalid(body);
  if (refused) return refused;
  record(interaction, 'followup', body);
  return json(200, messageJson(ctx.state, newMessage(ctx, interaction, body)));
}

const webhookBucket = (route: string) => (params: Record<string, string>, ctx: FakeDiscordContext) => ({
  route,
  major: `${params.applicationId}/${params.token}`,
  spec: ctx.limiter.specs.other,
});

export const interactionRoutes: Route[] = [
  {
    method: 'POST',
    path: '/interactions/:interactionId/:token/callback',
    auth: false,
    global: false,
    group: 'other',
    bucket: (params, ctx) => ({ route: 'POST /interactions/:id/:token/callback', major: params.interactionId ?? '', spec: ctx.limiter.specs.other }),
    handle: ({ ctx, params, query, body }) => callback(ctx, params, query, (body ?? {}) as Body),
  },
  {
    method: 'PATCH',
    path: '/webhooks/:applicationId/:token/messages/@original',
    auth: false,
    global: false,
    group: 'other',
    bucket: webhookBucket('PATCH /webhooks/:id/:token/messages/:id'),
    handle: ({ ctx, params, body }) => editOriginal(ctx, params, (body ?? {}) as Body),
  },
  {
    method: 'GET',
    path: '/webhooks/:applicationId/:token/messages/@original',
    auth: false,
    global: false,
    group: 'other',
    bucket: webhookBucket('GET /webhooks/:id/:token/messages/:id'),
    handle: ({ ctx, params }) => {
      const interaction = byToken(ctx, params);
      if (!interaction) return Errors.unknownWebhook();
      return interaction.original ? json(200, messageJson(ctx.state, interaction.original)) : Errors.unknownMessage();
    },
  },
  {
    method: 'POST',
    path: '/webhooks/:applicationId/:token',
    auth: false,
    global: false,
    group: 'other',
    bucket: webhookBucket('POST /webhooks/:id/:token'),
    handle: ({ ctx, params, body }) => followUp(ctx, params, (body ?? {}) as Body),
  },
];
