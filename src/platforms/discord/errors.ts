import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { SendError, type SendFailure } from '../../delivery/core/types.js';
import { errorMessage } from '../../errors.js';

/** Discord JSON error codes the sender acts on (https://discord.com/developers/docs/topics/opcodes-and-status-codes). */
export const DiscordCode = {
  UnknownChannel: 10003,
  UnknownGuild: 10004,
  UnknownMessage: 10008,
  MissingAccess: 50001,
  MissingPermissions: 50013,
  CannotSendInThread: 50083,
} as const;

/** Why a channel cannot take messages, in words an operator or a server admin can act on. */
const GONE_REASONS: Record<number, string> = {
  [DiscordCode.UnknownChannel]: 'Unknown Channel: the channel was deleted',
  [DiscordCode.UnknownGuild]: 'Unknown Guild: the bot is no longer in this server',
  [DiscordCode.MissingAccess]: 'Missing Access: the bot cannot see this channel (removed from the server, or hidden by channel permissions)',
  [DiscordCode.MissingPermissions]: 'Missing Permissions: the bot cannot send messages or embed links in this channel',
  [DiscordCode.CannotSendInThread]: 'the thread is archived or locked',
};

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);

/** When a 429 gives no usable delay, wait this long (ms) rather than retrying at once. */
const DEFAULT_RETRY_AFTER_MS = 1000;

function isNetworkError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return true;
  const code = (err as { code?: unknown }).code ?? (err.cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('UND_ERR'))) return true;
  return err instanceof TypeError && /fetch failed/i.test(err.message);
}

function classify(err: unknown): SendFailure {
  if (err instanceof RateLimitError) {
    const ms = Number.isFinite(err.retryAfter) && err.retryAfter > 0 ? err.retryAfter : err.timeToReset;
    return { kind: 'rate-limited', retryAfterMs: Math.ceil(ms > 0 ? ms : DEFAULT_RETRY_AFTER_MS), global: err.global };
  }
  if (err instanceof DiscordAPIError) {
    if (err.status === 429) {
      const raw = err.rawError as { retry_after?: number; global?: boolean };
      return { kind: 'rate-limited', retryAfterMs: Math.ceil((raw.retry_after ?? 1) * 1000), global: raw.global === true };
    }
    const reason = typeof err.code === 'number' ? GONE_REASONS[err.code] : undefined;
    if (reason && (err.status === 403 || err.status === 404 || err.status === 400)) return { kind: 'destination-gone', reason };
    // A revoked token is the operator's to fix; retrying keeps messages until it is.
    if (err.status === 401) return { kind: 'transient' };
    return { kind: 'rejected', reason: `${err.message} (${err.code})` };
  }
  if (err instanceof HTTPError) return err.status >= 500 ? { kind: 'transient' } : { kind: 'rejected', reason: `HTTP ${err.status}` };
  if (isNetworkError(err)) return { kind: 'transient' };
  // Unknown failures are retried: dropping a message silently is worse than a late one.
  return { kind: 'transient' };
}

/** Maps what discord.js REST throws to a SendError saying what the delivery worker should do next. */
export function toSendError(err: unknown, what: string): SendError {
  if (err instanceof SendError) return err;
  const failure = classify(err);
  const detail = failure.kind === 'destination-gone' || failure.kind === 'rejected' ? failure.reason : errorMessage(err);
  return new SendError(failure, `discord ${what} failed (${failure.kind}): ${detail}`, { cause: err });
}
