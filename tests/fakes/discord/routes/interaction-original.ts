import type { FakeDiscordContext, FakeInteraction } from '../context.js';
import { Errors, type Route, type RouteResponse } from '../http.js';
import { computePings } from '../mentions.js';
import type { FakeMessage } from '../state.js';

type Body = Record<string, unknown>;

/**
 * What an UPDATE_MESSAGE callback (type 7) does to the message a component sits on: its content, embeds and
 * components are replaced by the ones sent, and the edit is kept in `history`, as Discord edits the message in place.
 */
export function applyMessageUpdate(ctx: FakeDiscordContext, message: FakeMessage, data: Body): void {
  if (typeof data.content === 'string') {
    message.content = data.content;
    message.pinged = computePings(ctx.state, message.channel_id, data.content, data.allowed_mentions);
  }
  if (Array.isArray(data.embeds)) message.embeds = data.embeds;
  if (Array.isArray(data.components)) message.components = data.components;
  message.edited_timestamp = new Date().toISOString();
  message.history.push({ content: message.content, embeds: message.embeds });
}

function byToken(ctx: FakeDiscordContext, params: Record<string, string>): FakeInteraction | undefined {
  if (params.applicationId !== ctx.state.applicationId) return undefined;
  for (const interaction of ctx.interactions.values()) if (interaction.token === params.token) return interaction;
  return undefined;
}

/** DELETE @original: the reply (or its "thinking…" placeholder) disappears from the channel. */
function deleteOriginal(ctx: FakeDiscordContext, params: Record<string, string>): RouteResponse {
  const interaction = byToken(ctx, params);
  if (!interaction) return Errors.unknownWebhook();
  const original = interaction.original;
  if (!original) return Errors.unknownMessage();
  const list = ctx.state.messagesByChannel.get(original.channel_id);
  const index = list?.indexOf(original) ?? -1;
  if (list && index >= 0) list.splice(index, 1);
  interaction.original = undefined;
  interaction.responses.push({ kind: 'delete-original', flags: original.flags, ephemeral: (original.flags & 64) !== 0, data: {}, at: Date.now() });
  return { status: 204 };
}

export const interactionOriginalRoutes: Route[] = [
  {
    method: 'DELETE',
    path: '/webhooks/:applicationId/:token/messages/@original',
    auth: false,
    global: false,
    group: 'other',
    bucket: (params, ctx) => ({
      route: 'DELETE /webhooks/:id/:token/messages/:id',
      major: `${params.applicationId}/${params.token}`,
      spec: ctx.limiter.specs.other,
    }),
    handle: ({ ctx, params }) => deleteOriginal(ctx, params),
  },
];
