import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeCounters, FakeDiscordContext, InteractionResponseRecord, RequestRecord } from './context.js';
import { AttachmentStore } from './attachments.js';
import { dispatchInteraction, type DispatchedInteraction, type InteractionRequest } from './dispatch-interaction.js';
import { FakeGateway, type GatewayOptions, type GatewayStats } from './gateway.js';
import { RateLimiter, type RateLimitOptions } from './rate-limits.js';
import { createRestHandler } from './rest-handler.js';
import { Scenario, type FailureOptions, type ScenarioScope } from './scenario.js';
import { channelJson, guildCreateJson } from './serialize.js';
import { type AddChannelOptions, FakeDiscordState, type FakeChannel, type FakeGuild, type FakeMessage, type FakeRole, type FakeUser } from './state.js';

export { Perm, DEFAULT_BOT_PERMISSIONS } from './permissions.js';
export type { FakeChannel, FakeGuild, FakeMessage, FakeRole, FakeUser, InteractionResponseRecord, RequestRecord, InteractionRequest, DispatchedInteraction };

/** Options of the fake; every one has a Discord-like default. */
export interface FakeDiscordOptions {
  /** The bot token clients must present. Default a random-looking constant. */
  token?: string;
  rateLimits?: RateLimitOptions;
  gateway?: GatewayOptions;
  /** How long after dispatch an interaction may be acknowledged, in ms. Default 3000. */
  interactionAckWindowMs?: number;
  /** How long a nonce sent with enforce_nonce is remembered, in ms. Default 5 minutes. */
  nonceWindowMs?: number;
}

/** A local Discord: REST at `apiUrl`, gateway at `gatewayUrl`, and controls for tests. */
export interface FakeDiscord {
  /** `http://127.0.0.1:PORT/api`: pass as REST `api` / DISCORD_API_URL (discord.js appends /v10). */
  readonly apiUrl: string;
  /** `ws://127.0.0.1:PORT/gateway`, also what GET /gateway/bot answers. */
  readonly gatewayUrl: string;
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: FakeUser;
  addGuild(options?: { name?: string; everyonePermissions?: bigint }): FakeGuild;
  addChannel(options: AddChannelOptions): FakeChannel;
  addRole(guildId: string, options?: { name?: string; permissions?: bigint; mentionable?: boolean }): FakeRole;
  addUser(username: string): FakeUser;
  addMember(guildId: string, userId: string, roleIds?: string[]): void;
  removeChannel(channelId: string): void;
  /** The bot can no longer see the channel (member overwrite denying View Channel). */
  revokeAccess(channelId: string): void;
  /** Messages in a channel (the bot's and interaction replies), oldest first. */
  messages(channelId: string): FakeMessage[];
  /** Every REST request answered, oldest first. */
  requests(): RequestRecord[];
  readonly counters: FakeCounters;
  readonly gatewayStats: GatewayStats;
  /** Registered commands: `global` or a guild id. */
  commands(scope?: string): Array<{ id: string; name: string; description: string }>;
  /** Sends INTERACTION_CREATE to the connected bot; the 3 s acknowledgement clock starts now. */
  dispatchInteraction(request: InteractionRequest): DispatchedInteraction;
  interactionResponses(interactionId: string): InteractionResponseRecord[];
  /** How many attachment downloads the fake CDN answered. */
  readonly attachmentDownloads: number;
  /** The next `count` requests (in `scope`) fail with `status` (default 500). */
  failNext(count: number, options?: FailureOptions): void;
  /** `true`/`false`, or an epoch time in ms when it ends; answers 503 (or `status`) meanwhile. */
  outage(on: boolean | number, options?: FailureOptions): void;
  /** Holds every response (in `scope`) for `ms` before answering; 0 turns it off. */
  delayResponses(ms: number, scope?: ScenarioScope): void;
  /** Asks connected clients to reconnect and resume (op 7). */
  requestGatewayReconnect(): void;
  /** `true`: the gateway cannot be reached (connections cut, new ones refused); `false` ends it. */
  gatewayOutage(on: boolean): void;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 on a free port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const state = new FakeDiscordState(options.token ?? 'ODk0NTY3.fake-bot-token.kazwire');
  const gateway = new FakeGateway(state, options.gateway);
  const attachments = new AttachmentStore();
  const ctx: FakeDiscordContext = {
    state,
    attachments,
    limiter: new RateLimiter(options.rateLimits),
    requests: [],
    counters: { rateLimited: { user: 0, global: 0 }, invalidRequests: 0 },
    interactions: new Map(),
    interactionAckWindowMs: options.interactionAckWindowMs ?? 3000,
    nonces: new Map(),
    nonceWindowMs: options.nonceWindowMs ?? 5 * 60_000,
    gatewayUrl: '',
    commands: new Map(),
    dispatch: (event, data) => gateway.dispatch(event, data),
  };
  const scenario = new Scenario();
  const handle = createRestHandler(ctx, scenario);
  const server = createServer((req, res) => {
    if (attachments.serve(req, res)) return;
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: String(err), code: 0 }));
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://fake').pathname.replace(/\/$/, '') === '/gateway') gateway.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const apiUrl = `http://127.0.0.1:${port}/api`;
  ctx.gatewayUrl = gateway.url = `ws://127.0.0.1:${port}/gateway`;
  attachments.base = `http://127.0.0.1:${port}`;

  return {
    apiUrl,
    gatewayUrl: ctx.gatewayUrl,
    token: state.token,
    applicationId: state.applicationId,
    botUser: state.botUser,
    addGuild: (o) => {
      const guild = state.addGuild(o);
      gateway.dispatch('GUILD_CREATE', guildCreateJson(state, guild));
      return guild;
    },
    addChannel: (o) => {
      const channel = state.addChannel(o);
      gateway.dispatch(channel.parentId ? 'THREAD_CREATE' : 'CHANNEL_CREATE', { ...channelJson(channel), ...(channel.parentId ? { newly_created: true } : {}) });
      return channel;
    },
    addRole: (guildId, o) => state.addRole(guildId, o),
    addUser: (name) => state.addUser(name),
    addMember: (guildId, userId, roleIds) => void state.addMember(guildId, userId, roleIds),
    removeChannel: (channelId) => {
      const channel = state.channels.get(channelId);
      state.removeChannel(channelId);
      if (channel) gateway.dispatch(channel.parentId ? 'THREAD_DELETE' : 'CHANNEL_DELETE', channelJson(channel));
    },
    revokeAccess: (channelId) => state.revokeAccess(channelId),
    messages: (channelId) => state.messages(channelId),
    requests: () => ctx.requests,
    counters: ctx.counters,
    gatewayStats: gateway.stats,
    commands: (scope = 'global') => ctx.commands.get(scope) ?? [],
    dispatchInteraction: (request) => dispatchInteraction(ctx, request),
    interactionResponses: (id) => ctx.interactions.get(id)?.responses ?? [],
    get attachmentDownloads() {
      return attachments.downloads;
    },
    failNext: (count, o) => scenario.failNext(count, o),
    outage: (on, o) => scenario.outage(on, o),
    delayResponses: (ms, scope) => scenario.delayResponses(ms, scope),
    requestGatewayReconnect: () => gateway.requestReconnect(),
    gatewayOutage: (on) => gateway.setUnreachable(on),
    close: async () => {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
