import { FeedFetchError } from './fetch/errors.js';
import { FeedParseError } from './parse/errors.js';

/** The `result` labels of `kazwire_feed_polls_total` that are the feed's own failure. */
export type FeedFailureKind = FeedFetchError['kind'] | 'parse_error';

/**
 * What the poller needs to know about a failure that is the feed's own (it is recorded in the feed's health and
 * backs the feed off): its kind, as a metrics label, and how long the server asked us to wait.
 * Fetch and parse errors carry these fields; anything else (Redis down, a bug) is not held against the feed.
 */
export interface FeedFailure extends Error {
  readonly failureKind: FeedFailureKind;
  /** From `Retry-After` on a 429/503, in ms; absent when the server gave none. */
  readonly retryAfterMs?: number;
}

/** The error as a feed failure, or undefined when it is our own failure. */
export function asFeedFailure(err: unknown): FeedFailure | undefined {
  return err instanceof FeedFetchError || err instanceof FeedParseError ? err : undefined;
}
