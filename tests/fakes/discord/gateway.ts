import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { FakeDiscordState } from './state.js';
import { guildCreateJson } from './serialize.js';

const Op = { Dispatch: 0, Heartbeat: 1, Identify: 2, PresenceUpdate: 3, Resume: 6, Reconnect: 7, RequestMembers: 8, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 } as const;
const Close = { UnknownOpcode: 4001, DecodeError: 4002, NotAuthenticated: 4003, AuthenticationFailed: 4004, AlreadyAuthenticated: 4005, InvalidSeq: 4007, InvalidApiVersion: 4012, InvalidIntents: 4013, DisallowedIntents: 4014 } as const;

const Intent = { Guilds: 1 << 0, GuildMembers: 1 << 1, GuildPresences: 1 << 8, GuildMessages: 1 << 9, MessageContent: 1 << 15 } as const;
const PRIVILEGED = Intent.GuildMembers | Intent.GuildPresences | Intent.MessageContent;
const ALL_INTENTS = (1 << 26) - 1;

/** Which intent an event needs; events not listed are always sent. */
const EVENT_INTENT: Record<string, number> = {
  GUILD_CREATE: Intent.Guilds,
  GUILD_DELETE: Intent.Guilds,
  CHANNEL_CREATE: Intent.Guilds,
  CHANNEL_DELETE: Intent.Guilds,
  CHANNEL_UPDATE: Intent.Guilds,
  THREAD_CREATE: Intent.Guilds,
  THREAD_DELETE: Intent.Guilds,
  MESSAGE_CREATE: Intent.GuildMessages,
  MESSAGE_UPDATE: Intent.GuildMessages,
};

export interface GatewayOptions {
  /** Sent in Hello, in ms. Default 41250 (Discord's). */
  heartbeatIntervalMs?: number;
  /** Privileged intents the application is allowed (bits); others close with 4014. Default none. */
  privilegedIntents?: number;
}

interface Session {
  id: string;
  intents: number;
  seq: number;
  /** Sent dispatches, kept so a resume can replay what was missed. */
  sent: Array<{ s: number; frame: string }>;
  socket: WebSocket | undefined;
}

/** Counts for assertions about the client's gateway behaviour. */
export interface GatewayStats {
  connections: number;
  identifies: number;
  resumes: number;
  heartbeats: number;
}

/** The WebSocket half of the fake: Hello, heartbeats, Identify -> READY + GUILD_CREATE, Resume, dispatches. */
export class FakeGateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  readonly stats: GatewayStats = { connections: 0, identifies: 0, resumes: 0, heartbeats: 0 };
  url = '';

  constructor(
    private readonly state: FakeDiscordState,
    private readonly options: GatewayOptions = {},
  ) {
    this.wss.on('connection', (socket: WebSocket, req: IncomingMessage) => this.onConnection(socket, req));
  }

  /** While true, the gateway cannot be reached: connections are cut and new ones refused. */
  private unreachable = false;

  /** Cuts every connection (no close frame, as when the network drops) and refuses new ones until set back. */
  setUnreachable(on: boolean): void {
    this.unreachable = on;
    if (on) for (const client of this.wss.clients) client.terminate();
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.unreachable) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  /** Sends an event to every identified session whose intents cover it. */
  dispatch(event: string, data: unknown): void {
    const needs = EVENT_INTENT[event] ?? 0;
    for (const session of this.sessions.values()) {
      if (needs && (session.intents & needs) === 0) continue;
      this.send(session, event, data);
    }
  }

  /** Asks every connected client to reconnect and resume (op 7), as Discord does before a restart. */
  requestReconnect(): void {
    for (const s of this.sessions.values()) s.socket?.send(JSON.stringify({ op: Op.Reconnect, d: null, s: null, t: null }));
  }

  /** True when at least one session is identified and connected. */
  get connected(): boolean {
    return [...this.sessions.values()].some((s) => s.socket !== undefined);
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private send(session: Session, event: string, data: unknown): void {
    session.seq += 1;
    const frame = JSON.stringify({ op: Op.Dispatch, t: event, s: session.seq, d: data });
    session.sent.push({ s: session.seq, frame });
    if (session.sent.length > 1000) session.sent.shift();
    session.socket?.send(frame);
  }

  private onConnection(socket: WebSocket, req: IncomingMessage): void {
    this.stats.connections += 1;
    const query = new URL(req.url ?? '/', 'ws://fake').searchParams;
    if (query.get('v') !== '10') return socket.close(Close.InvalidApiVersion, 'Invalid API version');
    if ((query.get('encoding') ?? 'json') !== 'json') return socket.close(Close.DecodeError, 'Error while decoding payload.');
    let session: Session | undefined;
    const heartbeatInterval = this.options.heartbeatIntervalMs ?? 41_250;
    socket.send(JSON.stringify({ op: Op.Hello, d: { heartbeat_interval: heartbeatInterval, _trace: ['fake-gateway'] }, s: null, t: null }));
    socket.on('close', () => {
      if (session?.socket === socket) session.socket = undefined;
    });
    socket.on('message', (raw: RawData) => {
      let payload: { op?: unknown; d?: Record<string, unknown> | null };
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        return socket.close(Close.DecodeError, 'Error while decoding payload.');
      }
      switch (payload.op) {
        case Op.Heartbeat:
          this.stats.heartbeats += 1;
          return socket.send(JSON.stringify({ op: Op.HeartbeatAck, d: null, s: null, t: null }));
        case Op.Identify:
          if (session) return socket.close(Close.AlreadyAuthenticated, 'Already authenticated.');
          session = this.identify(socket, payload.d ?? {});
          return;
        case Op.Resume:
          if (session) return socket.close(Close.AlreadyAuthenticated, 'Already authenticated.');
          session = this.resume(socket, payload.d ?? {});
          return;
        case Op.PresenceUpdate:
        case Op.RequestMembers:
          if (!session) return socket.close(Close.NotAuthenticated, 'Not authenticated.');
          return;
        default:
          return socket.close(Close.UnknownOpcode, 'Unknown opcode.');
      }
    });
  }

  private tokenOk(token: unknown): boolean {
    return typeof token === 'string' && token.replace(/^Bot\s+/i, '') === this.state.token;
  }

  private identify(socket: WebSocket, d: Record<string, unknown>): Session | undefined {
    if (!this.tokenOk(d.token)) {
      socket.close(Close.AuthenticationFailed, 'Authentication failed.');
      return undefined;
    }
    const intents = d.intents;
    if (typeof intents !== 'number' || intents < 0 || (intents & ~ALL_INTENTS) !== 0) {
      socket.close(Close.InvalidIntents, 'Invalid intent(s).');
      return undefined;
    }
    if ((intents & PRIVILEGED & ~(this.options.privilegedIntents ?? 0)) !== 0) {
      socket.close(Close.DisallowedIntents, 'Disallowed intent(s).');
      return undefined;
    }
    this.stats.identifies += 1;
    const session: Session = { id: randomBytes(16).toString('hex'), intents, seq: 0, sent: [], socket };
    this.sessions.set(session.id, session);
    const guilds = [...this.state.guilds.values()].filter((g) => g.members.has(this.state.botUser.id));
    this.send(session, 'READY', {
      v: 10,
      user: { ...this.state.botUser, flags: 0, verified: true, mfa_enabled: false, email: null },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.url,
      shard: [0, 1],
      application: { id: this.state.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
      _trace: ['fake-gateway'],
    });
    if (intents & Intent.Guilds) for (const g of guilds) this.send(session, 'GUILD_CREATE', guildCreateJson(this.state, g));
    return session;
  }

  private resume(socket: WebSocket, d: Record<string, unknown>): Session | undefined {
    if (!this.tokenOk(d.token)) {
      socket.close(Close.AuthenticationFailed, 'Authentication failed.');
      return undefined;
    }
    const session = this.sessions.get(String(d.session_id));
    if (!session) {
      // Not resumable: the client must identify again.
      socket.send(JSON.stringify({ op: Op.InvalidSession, d: false, s: null, t: null }));
      return undefined;
    }
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    if (seq > session.seq) {
      socket.close(Close.InvalidSeq, 'Invalid seq.');
      return undefined;
    }
    this.stats.resumes += 1;
    session.socket?.close(4000, 'Resumed elsewhere');
    session.socket = socket;
    for (const missed of session.sent.filter((e) => e.s > seq)) socket.send(missed.frame);
    this.send(session, 'RESUMED', { _trace: ['fake-gateway'] });
    return session;
  }
}
