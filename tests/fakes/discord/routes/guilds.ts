import type { FakeDiscordContext } from '../context.js';
import { Errors, json, type Route, type RouteResponse } from '../http.js';
import { guildJson, memberJson, roleJson } from '../serialize.js';
import type { FakeGuild } from '../state.js';

const bucket = (route: string) => (params: Record<string, string>, ctx: FakeDiscordContext) => ({
  route,
  major: params.guildId ?? '',
  spec: ctx.limiter.specs.other,
});

/** The guild when the bot is in it; 404 Unknown Guild otherwise (as Discord answers a bot that left). */
function botGuild(ctx: FakeDiscordContext, guildId: string): FakeGuild | RouteResponse {
  const guild = ctx.state.guilds.get(guildId);
  if (!guild?.members.has(ctx.state.botUser.id)) return Errors.unknownGuild();
  return guild;
}

const isResponse = (v: FakeGuild | RouteResponse): v is RouteResponse => 'status' in v;

export const guildRoutes: Route[] = [
  {
    method: 'GET',
    path: '/guilds/:guildId',
    auth: true,
    global: true,
    group: 'other',
    bucket: bucket('GET /guilds/:id'),
    handle: ({ ctx, params }) => {
      const guild = botGuild(ctx, params.guildId ?? '');
      return isResponse(guild) ? guild : json(200, guildJson(guild));
    },
  },
  {
    method: 'GET',
    path: '/guilds/:guildId/members/:userId',
    auth: true,
    global: true,
    group: 'other',
    bucket: bucket('GET /guilds/:id/members/:id'),
    handle: ({ ctx, params }) => {
      const guild = botGuild(ctx, params.guildId ?? '');
      if (isResponse(guild)) return guild;
      const member = guild.members.get(params.userId ?? '');
      return member ? json(200, memberJson(ctx.state, member)) : Errors.unknownMember();
    },
  },
  {
    method: 'GET',
    path: '/guilds/:guildId/roles',
    auth: true,
    global: true,
    group: 'other',
    bucket: bucket('GET /guilds/:id/roles'),
    handle: ({ ctx, params }) => {
      const guild = botGuild(ctx, params.guildId ?? '');
      return isResponse(guild) ? guild : json(200, [...guild.roles.values()].map(roleJson));
    },
  },
];
