import type { FakeChannel, FakeDiscordState, FakeGuild, FakeMember, FakeMessage, FakeRole } from './state.js';

/** API objects as Discord v10 sends them (snake_case, permissions as decimal strings). */

export function roleJson(role: FakeRole) {
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: false,
    mentionable: role.mentionable,
    flags: 0,
  };
}

export function memberJson(state: FakeDiscordState, member: FakeMember) {
  const user = state.users.get(member.userId);
  return {
    user,
    nick: null,
    avatar: null,
    roles: member.roleIds,
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

export function channelJson(channel: FakeChannel) {
  const base = {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    flags: 0,
    last_message_id: null,
    rate_limit_per_user: 0,
  };
  if (channel.parentId) {
    return {
      ...base,
      parent_id: channel.parentId,
      owner_id: null,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
      message_count: 0,
      member_count: 1,
    };
  }
  return {
    ...base,
    position: 0,
    parent_id: null,
    topic: null,
    nsfw: false,
    permission_overwrites: channel.overwrites.map((o) => ({
      id: o.id,
      type: o.type,
      allow: o.allow.toString(),
      deny: o.deny.toString(),
    })),
  };
}

export function guildJson(guild: FakeGuild) {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [...guild.roles.values()].map(roleJson),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    max_members: 500000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
  };
}

/** The GUILD_CREATE payload: the guild with channels, threads, members (the bot included) and roles. */
export function guildCreateJson(state: FakeDiscordState, guild: FakeGuild) {
  const channels = [...guild.channelIds].map((id) => state.channels.get(id)).filter((c) => c !== undefined);
  const strip = (c: ReturnType<typeof channelJson>) => {
    const { guild_id: _guildId, ...rest } = c;
    return rest;
  };
  return {
    ...guildJson(guild),
    unavailable: false,
    large: false,
    joined_at: guild.members.get(state.botUser.id)?.joinedAt ?? new Date().toISOString(),
    member_count: guild.members.size,
    members: [...guild.members.values()].map((m) => memberJson(state, m)),
    channels: channels.filter((c) => !c.parentId).map((c) => strip(channelJson(c))),
    threads: channels.filter((c) => c.parentId).map((c) => channelJson(c)),
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function messageJson(state: FakeDiscordState, message: FakeMessage) {
  const { pinged, history: _history, ...api } = message;
  const guildId = state.channels.get(message.channel_id)?.guildId;
  return {
    ...api,
    type: 0,
    tts: false,
    mention_everyone: pinged.everyone,
    mentions: pinged.users.map((id) => state.users.get(id)).filter((u) => u !== undefined),
    mention_roles: pinged.roles,
    attachments: [],
    pinned: false,
    ...(guildId ? { guild_id: guildId } : {}),
  };
}
