import { randomBytes } from 'node:crypto';
import type { AttachmentInput } from './attachments.js';
import type { FakeDiscordContext, FakeInteraction, InteractionResponseRecord } from './context.js';
import { channelJson, memberJson, messageJson } from './serialize.js';

/** What a test asks for; everything else is filled from the fake's state. */
export interface InteractionRequest {
  /** 2 = slash command (default), 3 = component (button/select), 4 = autocomplete. */
  type?: 2 | 3 | 4;
  channelId: string;
  /** Who invoked it. Default: the guild owner. */
  userId?: string;
  /** Slash command / autocomplete: the command name. */
  commandName?: string;
  /** Slash command / autocomplete options as Discord sends them (`{ name, type, value, focused? }`). */
  options?: unknown[];
  /** Slash command: files the user attached to attachment options (added to `options` and `resolved.attachments`). */
  attachments?: AttachmentInput[];
  /** Component: the button or select custom_id. */
  customId?: string;
  /** Component: 2 button (default), 3 string select. */
  componentType?: number;
  /** Component: selected values of a select menu. */
  values?: string[];
  /** Component: the message the component sits on. Default: the channel's latest bot message. */
  messageId?: string;
  /** The user's client language. Default `en-US`. */
  locale?: string;
  /** The server's preferred locale (community servers set it). Default `en-US`. */
  guildLocale?: string;
}

export interface DispatchedInteraction {
  id: string;
  token: string;
  /** Resolves with the first response the bot gave (callback), for `await`. */
  firstResponse: Promise<InteractionResponseRecord>;
}

function interactionData(ctx: FakeDiscordContext, req: InteractionRequest, guildId: string) {
  if (req.type === 3) {
    return {
      custom_id: req.customId ?? 'button',
      component_type: req.componentType ?? 2,
      ...(req.values ? { values: req.values } : {}),
    };
  }
  const name = req.commandName ?? 'ping';
  const registered = [...(ctx.commands.get(guildId) ?? []), ...(ctx.commands.get('global') ?? [])].find((c) => c.name === name);
  const files = req.attachments?.length ? ctx.attachments.resolve(ctx.state.applicationId, req.attachments, () => ctx.state.nextId()) : undefined;
  return {
    id: registered?.id ?? ctx.state.nextId(),
    name,
    type: 1,
    options: [...(req.options ?? []), ...(files?.options ?? [])],
    ...(files ? { resolved: { attachments: files.attachments } } : {}),
    guild_id: guildId,
  };
}

/** Builds an INTERACTION_CREATE payload from state, registers it and sends it through the gateway. */
export function dispatchInteraction(ctx: FakeDiscordContext, req: InteractionRequest): DispatchedInteraction {
  const channel = ctx.state.channel(req.channelId);
  const guild = ctx.state.guild(channel.guildId);
  const userId = req.userId ?? guild.ownerId;
  const member = guild.members.get(userId);
  if (!member) throw new Error(`fake Discord: user ${userId} is not a member of guild ${guild.id}`);
  const type = req.type ?? 2;
  const id = ctx.state.nextId();
  const token = `aW50ZXJhY3Rpb246${id}:${randomBytes(24).toString('base64url')}`;
  let resolveFirst: (r: InteractionResponseRecord) => void = () => undefined;
  const firstResponse = new Promise<InteractionResponseRecord>((resolve) => {
    resolveFirst = resolve;
  });
  const interaction: FakeInteraction = {
    id,
    token,
    type,
    channelId: channel.id,
    dispatchedAt: Date.now(),
    acknowledged: false,
    responses: [],
    firstResponse,
    resolveFirst,
  };
  ctx.interactions.set(id, interaction);

  let message: unknown;
  if (type === 3) {
    const messages = ctx.state.messages(channel.id).filter((m) => m.author.id === ctx.state.botUser.id);
    const target = req.messageId ? messages.find((m) => m.id === req.messageId) : messages.at(-1);
    if (!target) throw new Error('fake Discord: a component interaction needs a bot message in the channel');
    message = messageJson(ctx.state, target);
    interaction.original = target;
  }
  ctx.dispatch('INTERACTION_CREATE', {
    id,
    application_id: ctx.state.applicationId,
    type,
    data: interactionData(ctx, req, guild.id),
    guild_id: guild.id,
    guild: { id: guild.id, locale: req.guildLocale ?? 'en-US', features: [] },
    channel_id: channel.id,
    channel: channelJson(channel),
    member: { ...memberJson(ctx.state, member), permissions: ctx.state.permissionsIn(channel.id, userId).toString() },
    token,
    version: 1,
    app_permissions: ctx.state.permissionsIn(channel.id, ctx.state.botUser.id).toString(),
    locale: req.locale ?? 'en-US',
    guild_locale: req.guildLocale ?? 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': guild.id },
    context: 0,
    attachment_size_limit: 10_485_760,
    ...(message ? { message } : {}),
  });
  return { id, token, firstResponse };
}
