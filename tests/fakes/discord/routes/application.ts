import type { FakeDiscordContext, StoredCommand } from '../context.js';
import { Errors, json, type Route, type RouteResponse } from '../http.js';
import { ErrorCollector, validateCommands } from '../validate.js';

const other = (route: string, major = '') => (_p: Record<string, string>, ctx: FakeDiscordContext) => ({
  route,
  major,
  spec: ctx.limiter.specs.other,
});

function applicationJson(ctx: FakeDiscordContext) {
  const bot = ctx.state.botUser;
  return {
    id: ctx.state.applicationId,
    name: bot.username,
    icon: null,
    description: '',
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    team: null,
    owner: { id: '1', username: 'owner', discriminator: '0', avatar: null, global_name: null },
    bot,
    approximate_guild_count: ctx.state.guilds.size,
    integration_types_config: { '0': {} },
  };
}

/** `global` or the guild id; undefined when the application or guild is not the bot's. */
function commandScope(ctx: FakeDiscordContext, params: Record<string, string>): string | RouteResponse {
  if (params.applicationId !== ctx.state.applicationId) return Errors.unknownApplication();
  if (params.guildId === undefined) return 'global';
  const guild = ctx.state.guilds.get(params.guildId);
  if (!guild?.members.has(ctx.state.botUser.id)) return Errors.missingAccess();
  return params.guildId;
}

function commandJson(ctx: FakeDiscordContext, scope: string, c: StoredCommand) {
  return {
    default_member_permissions: null,
    nsfw: false,
    name_localizations: null,
    description_localizations: null,
    integration_types: [0],
    contexts: null,
    ...c,
    application_id: ctx.state.applicationId,
    version: c.id,
    ...(scope === 'global' ? {} : { guild_id: scope }),
  };
}

function overwriteCommands(ctx: FakeDiscordContext, params: Record<string, string>, body: unknown): RouteResponse {
  const scope = commandScope(ctx, params);
  if (typeof scope !== 'string') return scope;
  const errors = new ErrorCollector();
  validateCommands(body, errors);
  const tree = errors.result();
  if (tree) return Errors.invalidFormBody(tree);
  const previous = ctx.commands.get(scope) ?? [];
  // Discord keeps a command's id when a command of the same name and type survives the overwrite.
  const next = (body as Array<Record<string, unknown>>).map((raw) => {
    const type = typeof raw.type === 'number' ? raw.type : 1;
    const kept = previous.find((p) => p.name === raw.name && p.type === type);
    return {
      ...raw,
      id: kept?.id ?? ctx.state.nextId(),
      name: String(raw.name),
      description: typeof raw.description === 'string' ? raw.description : '',
      type,
      options: Array.isArray(raw.options) ? raw.options : [],
    } satisfies StoredCommand;
  });
  ctx.commands.set(scope, next);
  return json(200, next.map((c) => commandJson(ctx, scope, c)));
}

function listCommands(ctx: FakeDiscordContext, params: Record<string, string>): RouteResponse {
  const scope = commandScope(ctx, params);
  if (typeof scope !== 'string') return scope;
  return json(200, (ctx.commands.get(scope) ?? []).map((c) => commandJson(ctx, scope, c)));
}

const commandsBucket = (params: Record<string, string>, ctx: FakeDiscordContext) => ({
  route: 'PUT /applications/:id/commands',
  major: params.guildId ?? 'global',
  spec: ctx.limiter.specs.commandsOverwrite,
});

export const applicationRoutes: Route[] = [
  {
    method: 'GET',
    path: '/gateway/bot',
    auth: true,
    global: true,
    group: 'other',
    bucket: other('GET /gateway/bot'),
    handle: ({ ctx }) =>
      json(200, {
        url: ctx.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      }),
  },
  {
    method: 'GET',
    path: '/users/@me',
    auth: true,
    global: true,
    group: 'other',
    bucket: other('GET /users/@me'),
    handle: ({ ctx }) => json(200, { ...ctx.state.botUser, flags: 0, mfa_enabled: false, verified: true, locale: 'en-US' }),
  },
  ...['/applications/@me', '/oauth2/applications/@me'].map(
    (path): Route => ({
      method: 'GET',
      path,
      auth: true,
      global: true,
      group: 'other',
      bucket: other(`GET ${path}`),
      handle: ({ ctx }) => json(200, applicationJson(ctx)),
    }),
  ),
  ...['/applications/:applicationId/commands', '/applications/:applicationId/guilds/:guildId/commands'].flatMap(
    (path): Route[] => [
      {
        method: 'PUT',
        path,
        auth: true,
        global: true,
        group: 'other',
        bucket: commandsBucket,
        handle: ({ ctx, params, body }) => overwriteCommands(ctx, params, body),
      },
      {
        method: 'GET',
        path,
        auth: true,
        global: true,
        group: 'other',
        bucket: other(`GET ${path}`),
        handle: ({ ctx, params }) => listCommands(ctx, params),
      },
    ],
  ),
];
