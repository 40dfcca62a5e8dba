import { GiveUpError } from '../../errors.js';
import type { FeedFailure } from '../feed-failure.js';

/**
 * Why a feed document could not be read:
 * - `not_a_feed`: the bytes are something else (an HTML page, an unknown root element, JSON that is not a JSON Feed);
 * - `malformed`: XML or JSON syntax the parser could not recover from (the message carries the parser's reason);
 * - `timeout`: parsing took longer than the pool's deadline (a hostile or pathological document);
 * - `too_large`: the document (or its gunzipped form) is over the size cap.
 */
export type FeedParseErrorKind = 'not_a_feed' | 'malformed' | 'timeout' | 'too_large';

/**
 * A feed document that will not parse as it is. Polling it again unchanged gives the same answer, so the
 * caller records the failure on the feed and waits for the document to change (hence `GiveUpError`).
 */
export class FeedParseError extends GiveUpError implements FeedFailure {
  declare readonly kind: FeedParseErrorKind;
  /** Every parse failure is one label in the poll metrics; `kind` says which. */
  readonly failureKind = 'parse_error' as const;

  constructor(kind: FeedParseErrorKind, message: string, options?: { cause?: unknown }) {
    super(kind, message, options);
    this.name = 'FeedParseError';
  }
}

