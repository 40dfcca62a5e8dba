import { channelPermissions, DEFAULT_BOT_PERMISSIONS, type Overwrite, Perm } from './permissions.js';

/** Discord's epoch (2015-01-01), the base of snowflake timestamps. */
const DISCORD_EPOCH = 1_420_070_400_000n;

export const ChannelType = { GuildText: 0, GuildAnnouncement: 5, PublicThread: 11, PrivateThread: 12 } as const;

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: string | null;
  bot: boolean;
}

export interface FakeRole {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  mentionable: boolean;
}

export interface FakeMember {
  userId: string;
  roleIds: string[];
  joinedAt: string;
}

export interface FakeChannel {
  id: string;
  guildId: string;
  name: string;
  type: number;
  /** For threads: the channel the thread lives in (permissions come from it). */
  parentId?: string;
  overwrites: Overwrite[];
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  roles: Map<string, FakeRole>;
  members: Map<string, FakeMember>;
  channelIds: Set<string>;
}

/** Who a message would have notified, after allowed_mentions and permissions were applied. */
export interface PingRecord {
  everyone: boolean;
  users: string[];
  roles: string[];
}

/** A message as the fake stores it: the API object plus what it would have pinged. */
export interface FakeMessage {
  id: string;
  channel_id: string;
  author: FakeUser;
  content: string;
  embeds: unknown[];
  components: unknown[];
  nonce?: string | number;
  flags: number;
  timestamp: string;
  edited_timestamp: string | null;
  pinged: PingRecord;
  /** Every version of the message body, the first one included. */
  history: Array<{ content: string; embeds: unknown[] }>;
}

/** Makes time-ordered snowflakes, as Discord does. */
export function createSnowflakes(): () => string {
  let increment = 0n;
  return () => {
    increment = (increment + 1n) & 0xfffn;
    return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment).toString();
  };
}

export interface AddChannelOptions {
  guildId: string;
  name?: string;
  /** Default GUILD_TEXT (0). Use 11 with `parentId` for a public thread. */
  type?: number;
  parentId?: string;
  /**
   * Exactly what the bot may do here, as Discord permission bits. Applied as a member overwrite for the bot,
   * allowing these bits and denying every other one. Default: inherit the guild's (view, send, embed...).
   */
  botPermissions?: bigint;
}

/** The fake's world: one application and its bot, guilds, channels, roles, members and messages. */
export class FakeDiscordState {
  readonly nextId = createSnowflakes();
  readonly botUser: FakeUser;
  readonly applicationId: string;
  readonly guilds = new Map<string, FakeGuild>();
  readonly channels = new Map<string, FakeChannel>();
  readonly users = new Map<string, FakeUser>();
  readonly messagesByChannel = new Map<string, FakeMessage[]>();

  constructor(readonly token: string) {
    this.applicationId = this.nextId();
    this.botUser = { id: this.applicationId, username: 'Kazwire', global_name: null, discriminator: '0', avatar: null, bot: true };
    this.users.set(this.botUser.id, this.botUser);
  }

  /** Adds a guild with its @everyone role (default bot permissions), an owner and the bot as members. */
  addGuild(options: { name?: string; everyonePermissions?: bigint } = {}): FakeGuild {
    const id = this.nextId();
    const owner = this.addUser(`owner-${id.slice(-4)}`);
    const guild: FakeGuild = {
      id,
      name: options.name ?? `Guild ${id.slice(-4)}`,
      ownerId: owner.id,
      roles: new Map(),
      members: new Map(),
      channelIds: new Set(),
    };
    guild.roles.set(id, {
      id,
      name: '@everyone',
      permissions: options.everyonePermissions ?? DEFAULT_BOT_PERMISSIONS,
      position: 0,
      mentionable: false,
    });
    this.guilds.set(id, guild);
    this.addMember(id, owner.id);
    this.addMember(id, this.botUser.id);
    return guild;
  }

  addUser(username: string): FakeUser {
    const user: FakeUser = { id: this.nextId(), username, global_name: username, discriminator: '0', avatar: null, bot: false };
    this.users.set(user.id, user);
    return user;
  }

  addMember(guildId: string, userId: string, roleIds: string[] = []): FakeMember {
    const member: FakeMember = { userId, roleIds, joinedAt: new Date().toISOString() };
    this.guild(guildId).members.set(userId, member);
    return member;
  }

  addRole(guildId: string, options: { name?: string; permissions?: bigint; mentionable?: boolean } = {}): FakeRole {
    const guild = this.guild(guildId);
    const role: FakeRole = {
      id: this.nextId(),
      name: options.name ?? 'role',
      permissions: options.permissions ?? 0n,
      position: guild.roles.size,
      mentionable: options.mentionable ?? false,
    };
    guild.roles.set(role.id, role);
    return role;
  }

  addChannel(options: AddChannelOptions): FakeChannel {
    const guild = this.guild(options.guildId);
    const id = this.nextId();
    const overwrites: Overwrite[] = [];
    if (options.botPermissions !== undefined) {
      overwrites.push({ id: this.botUser.id, type: 1, allow: options.botPermissions, deny: ~options.botPermissions & ((1n << 50n) - 1n) });
    }
    const channel: FakeChannel = {
      id,
      guildId: guild.id,
      name: options.name ?? `channel-${id.slice(-4)}`,
      type: options.type ?? (options.parentId ? ChannelType.PublicThread : ChannelType.GuildText),
      ...(options.parentId ? { parentId: options.parentId } : {}),
      overwrites,
    };
    this.channels.set(id, channel);
    guild.channelIds.add(id);
    return channel;
  }

  removeChannel(channelId: string): void {
    const channel = this.channels.get(channelId);
    if (!channel) return;
    this.channels.delete(channelId);
    this.guilds.get(channel.guildId)?.channelIds.delete(channelId);
  }

  /** The bot loses View Channel here (a moderator locked it out), as a member overwrite. */
  revokeAccess(channelId: string): void {
    const channel = this.channel(channelId);
    const target = channel.parentId ? this.channel(channel.parentId) : channel;
    target.overwrites = target.overwrites.filter((o) => !(o.type === 1 && o.id === this.botUser.id));
    target.overwrites.push({ id: this.botUser.id, type: 1, allow: 0n, deny: Perm.ViewChannel });
  }

  /** The member's computed permissions in a channel (threads take their parent's overwrites). */
  permissionsIn(channelId: string, userId: string): bigint {
    const channel = this.channel(channelId);
    const source = channel.parentId ? (this.channels.get(channel.parentId) ?? channel) : channel;
    const guild = this.guild(channel.guildId);
    const member = guild.members.get(userId);
    if (!member) return 0n;
    return channelPermissions({
      guildId: guild.id,
      ownerId: guild.ownerId,
      memberId: userId,
      memberRoleIds: member.roleIds,
      rolePermissions: new Map([...guild.roles.values()].map((r) => [r.id, r.permissions])),
      overwrites: source.overwrites,
    });
  }

  guild(id: string): FakeGuild {
    const guild = this.guilds.get(id);
    if (!guild) throw new Error(`fake Discord has no guild ${id}`);
    return guild;
  }

  channel(id: string): FakeChannel {
    const channel = this.channels.get(id);
    if (!channel) throw new Error(`fake Discord has no channel ${id}`);
    return channel;
  }

  messages(channelId: string): FakeMessage[] {
    return this.messagesByChannel.get(channelId) ?? [];
  }

  storeMessage(message: FakeMessage): void {
    const list = this.messagesByChannel.get(message.channel_id) ?? [];
    list.push(message);
    this.messagesByChannel.set(message.channel_id, list);
  }
}
