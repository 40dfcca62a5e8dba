import { Perm } from './permissions.js';
import type { FakeDiscordState, PingRecord } from './state.js';
import type { ErrorCollector } from './validate.js';

interface AllowedMentions {
  parse?: unknown;
  users?: unknown;
  roles?: unknown;
}

/** Checks allowed_mentions like Discord (parse values, parse/list exclusivity). */
export function validateAllowedMentions(value: unknown, errors: ErrorCollector): void {
  if (value === undefined || value === null) return;
  const am = value as AllowedMentions;
  const parse = Array.isArray(am.parse) ? am.parse : [];
  for (const [i, p] of parse.entries()) {
    if (p !== 'users' && p !== 'roles' && p !== 'everyone') {
      errors.add(['allowed_mentions', 'parse', i], { code: 'BASE_TYPE_CHOICES', message: `Value must be one of {'everyone', 'roles', 'users'}.` });
    }
  }
  for (const kind of ['users', 'roles'] as const) {
    if (parse.includes(kind) && Array.isArray(am[kind]) && am[kind].length > 0) {
      errors.add(['allowed_mentions'], {
        code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        message: `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
      });
    }
  }
}

/**
 * Who a message would notify. Only `content` pings (mentions inside embeds never notify);
 * with no allowed_mentions every kind is allowed; `@everyone`/`@here` need Mention Everyone,
 * role mentions need a mentionable role or Mention Everyone.
 */
export function computePings(
  state: FakeDiscordState,
  channelId: string,
  content: string,
  allowedMentions: unknown,
): PingRecord {
  const am = (allowedMentions ?? undefined) as AllowedMentions | undefined;
  const parse = am ? (Array.isArray(am.parse) ? (am.parse as string[]) : []) : ['everyone', 'users', 'roles'];
  const listed = (kind: 'users' | 'roles') => (am && Array.isArray(am[kind]) ? (am[kind] as string[]) : []);
  const channel = state.channel(channelId);
  const guild = state.guild(channel.guildId);
  const perms = state.permissionsIn(channelId, state.botUser.id);
  const canMentionEveryone = (perms & Perm.MentionEveryone) !== 0n;

  const everyone = /@(everyone|here)/.test(content) && parse.includes('everyone') && canMentionEveryone;
  const users = [...content.matchAll(/<@!?(\d+)>/g)]
    .map((m) => m[1] as string)
    .filter((id) => (parse.includes('users') || listed('users').includes(id)) && state.users.has(id));
  const roles = [...content.matchAll(/<@&(\d+)>/g)]
    .map((m) => m[1] as string)
    .filter((id) => parse.includes('roles') || listed('roles').includes(id))
    .filter((id) => {
      const role = guild.roles.get(id);
      return role !== undefined && (role.mentionable || canMentionEveryone);
    });
  return { everyone, users: [...new Set(users)], roles: [...new Set(roles)] };
}
