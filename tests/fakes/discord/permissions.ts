/**
 * Discord permission bits the fake checks, and the channel permission algorithm
 * (https://discord.com/developers/docs/topics/permissions#permission-overwrites).
 */
export const Perm = {
  Administrator: 1n << 3n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  ManageGuild: 1n << 5n,
  ManageChannels: 1n << 4n,
  ManageMessages: 1n << 13n,
  SendMessagesInThreads: 1n << 38n,
} as const;

export const ALL_PERMISSIONS = (1n << 50n) - 1n;

/** What a bot invited with the usual scopes gets on the guild's default role in the fake. */
export const DEFAULT_BOT_PERMISSIONS =
  Perm.ViewChannel |
  Perm.SendMessages |
  Perm.EmbedLinks |
  Perm.ReadMessageHistory |
  Perm.MentionEveryone |
  Perm.SendMessagesInThreads;

export interface Overwrite {
  id: string;
  /** 0 = role, 1 = member. */
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

export interface PermissionInput {
  guildId: string;
  ownerId: string;
  memberId: string;
  memberRoleIds: string[];
  /** role id -> permissions, including the @everyone role whose id is the guild id. */
  rolePermissions: Map<string, bigint>;
  overwrites: Overwrite[];
}

/** Guild-level permissions of a member: @everyone plus its roles; administrators get everything. */
export function basePermissions(p: PermissionInput): bigint {
  if (p.memberId === p.ownerId) return ALL_PERMISSIONS;
  let perms = p.rolePermissions.get(p.guildId) ?? 0n;
  for (const roleId of p.memberRoleIds) perms |= p.rolePermissions.get(roleId) ?? 0n;
  return perms & Perm.Administrator ? ALL_PERMISSIONS : perms;
}

/** Channel permissions: base, then @everyone overwrite, role overwrites, member overwrite, in that order. */
export function channelPermissions(p: PermissionInput): bigint {
  const base = basePermissions(p);
  if (base === ALL_PERMISSIONS) return base;
  let perms = base;
  const everyone = p.overwrites.find((o) => o.type === 0 && o.id === p.guildId);
  if (everyone) perms = (perms & ~everyone.deny) | everyone.allow;
  let allow = 0n;
  let deny = 0n;
  for (const o of p.overwrites) {
    if (o.type === 0 && o.id !== p.guildId && p.memberRoleIds.includes(o.id)) {
      allow |= o.allow;
      deny |= o.deny;
    }
  }
  perms = (perms & ~deny) | allow;
  const member = p.overwrites.find((o) => o.type === 1 && o.id === p.memberId);
  if (member) perms = (perms & ~member.deny) | member.allow;
  // Without View Channel every other channel permission is implicitly denied.
  return perms & Perm.ViewChannel ? perms : 0n;
}
