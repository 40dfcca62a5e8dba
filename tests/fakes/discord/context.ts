import type { AttachmentStore } from './attachments.js';
import type { RateLimiter } from './rate-limits.js';
import type { FakeDiscordState, FakeMessage } from './state.js';

/** One HTTP request the fake answered, for assertions. */
export interface RequestRecord {
  method: string;
  /** Path after `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  status: number;
  body: unknown;
  /** Epoch ms when the request arrived. */
  at: number;
}

/** What the user saw of an interaction, in the order it happened. */
export interface InteractionResponseRecord {
  kind: 'callback' | 'edit-original' | 'followup' | 'delete-original';
  /** Callback type (4 = message, 5 = deferred, 6 = deferred update, 7 = update, 8 = autocomplete, 9 = modal). */
  type?: number;
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  /** Autocomplete choices (type 8). */
  choices?: unknown[];
  flags: number;
  /** flags & 64. */
  ephemeral: boolean;
  data: unknown;
  at: number;
}

export interface FakeInteraction {
  id: string;
  token: string;
  /** 2 chat input, 3 component, 4 autocomplete, 5 modal submit. */
  type: number;
  channelId: string;
  dispatchedAt: number;
  acknowledged: boolean;
  original?: FakeMessage;
  responses: InteractionResponseRecord[];
  /** Resolves on the first response, so tests can await what the user saw. */
  firstResponse: Promise<InteractionResponseRecord>;
  resolveFirst: (r: InteractionResponseRecord) => void;
}

/** Counters for assertions about how well a client behaves. */
export interface FakeCounters {
  /** 429 answers served, by scope. */
  rateLimited: { user: number; global: number };
  /** 401, 403 and 429 answers: what Discord counts toward its 10,000 per 10 minutes ban. */
  invalidRequests: number;
}

/** An application command as Discord stores it after a bulk overwrite. */
export interface StoredCommand {
  id: string;
  name: string;
  description: string;
  type: number;
  options: unknown[];
  [key: string]: unknown;
}

/** Everything route handlers share. */
export interface FakeDiscordContext {
  state: FakeDiscordState;
  limiter: RateLimiter;
  requests: RequestRecord[];
  counters: FakeCounters;
  interactions: Map<string, FakeInteraction>;
  /** How long after dispatch an interaction may still be answered, in ms (Discord: 3000). */
  interactionAckWindowMs: number;
  /** Nonce memory: `channelId:nonce` -> message and when it was created. */
  nonces: Map<string, { message: FakeMessage; at: number }>;
  /** How long a nonce stays enforced, in ms. */
  nonceWindowMs: number;
  /** What GET /gateway/bot answers as `url`. */
  /** Files attached to interactions, served at the fake CDN. */
  attachments: AttachmentStore;
  gatewayUrl: string;
  /** Registered application commands: `global` or a guild id -> commands. */
  commands: Map<string, StoredCommand[]>;
  /** Sends a gateway dispatch to connected sessions (no-op when none are). */
  dispatch: (event: string, data: unknown) => void;
}
