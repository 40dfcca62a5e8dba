import { KazwireError } from '../../errors.js';
import type { FeedFailure } from '../feed-failure.js';

/** Why a feed fetch failed; used as the `result` label of `kazwire_feed_polls_total`. */
export type FeedFetchErrorKind = 'http_error' | 'timeout' | 'too_large' | 'blocked' | 'network_error';

/** Details carried by a {@link FeedFetchError}. */
export interface FeedFetchErrorDetails {
  /** The URL being fetched when it failed (the redirect hop, not necessarily the feed URL). */
  url?: string;
  /** HTTP status, for `http_error`. */
  status?: number;
  /** How long the server asked us to wait, in milliseconds (from `Retry-After` on 429/503). */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * A feed could not be fetched. `action` says what the poller should do next: `retry` (timeouts, network
 * errors, 408, 429, 5xx; after `retryAfterMs` when known) or `give-up` (blocked address, body too large,
 * other 4xx: asking again will not help until someone changes the feed URL or the configuration).
 */
export class FeedFetchError extends KazwireError implements FeedFailure {
  readonly url?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(
    readonly kind: FeedFetchErrorKind,
    readonly action: 'retry' | 'give-up',
    message: string,
    details: FeedFetchErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'FeedFetchError';
    if (details.url !== undefined) this.url = details.url;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }

  /** The same as `kind`: every fetch failure is the feed's own. */
  get failureKind(): FeedFetchErrorKind {
    return this.kind;
  }
}

/** The hint appended to every `blocked` message, so an operator knows the switch exists. */
export const PRIVATE_NETWORK_HINT = 'set ALLOW_PRIVATE_NETWORK_FEEDS=true to allow intranet feeds';

/** A refusal to connect to an address the policy forbids. */
export function blockedAddress(address: string, reason: string, url?: string): FeedFetchError {
  return new FeedFetchError('blocked', 'give-up', `refused ${address}: ${reason} (${PRIVATE_NETWORK_HINT})`, {
    ...(url === undefined ? {} : { url }),
  });
}
