import type { Params } from './params.js';
import type { RateLimiter } from './rate-limit.js';
import type { FakeUser, TelegramState } from './state.js';
import type { UpdateQueue } from './updates.js';

/** A callback query the bot may answer once. */
export interface CallbackQueryRecord {
  id: string;
  from: FakeUser;
  data: string;
  answered?: { text?: string; show_alert?: boolean; url?: string };
}

/** Everything a method handler may read or change. */
export interface MethodContext {
  params: Params;
  state: TelegramState;
  updates: UpdateQueue;
  /** Aborts when the client closes the connection (a long poll that was given up). */
  signal: AbortSignal;
  /** The fake's clock, in ms. */
  now(): number;
  rateLimiter: RateLimiter | undefined;
  strictAmpersands: boolean;
  commands: Map<string, Array<{ command: string; description: string }>>;
  callbackQueries: Map<string, CallbackQueryRecord>;
}

/** A Bot API method: returns `result`, or throws ApiError. */
export type MethodHandler = (ctx: MethodContext) => unknown;
