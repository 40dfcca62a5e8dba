import { describe, expect, it } from 'vitest';
import { asFeedFailure } from '../../src/feeds/feed-failure.js';
import { FeedFetchError } from '../../src/feeds/fetch/errors.js';
import { FeedParseError } from '../../src/feeds/parse/errors.js';
import { RetryLaterError } from '../../src/errors.js';

describe('asFeedFailure', () => {
  it('gives a fetch failure its kind and the wait the server asked for', () => {
    const err = new FeedFetchError('http_error', 'retry', 'answered 429', { status: 429, retryAfterMs: 120_000 });
    expect(asFeedFailure(err)).toMatchObject({ failureKind: 'http_error', retryAfterMs: 120_000 });
  });

  it('labels every parse failure parse_error, without a wait', () => {
    const failure = asFeedFailure(new FeedParseError('not_a_feed', 'not a feed: an HTML page'));
    expect(failure?.failureKind).toBe('parse_error');
    expect(failure?.retryAfterMs).toBeUndefined();
  });

  it('does not take our own failures for the feed\'s', () => {
    expect(asFeedFailure(new Error('Connection is closed.'))).toBeUndefined();
    expect(asFeedFailure(new RetryLaterError('redis', 'Redis is down', 1000))).toBeUndefined();
    expect(asFeedFailure({ failureKind: 'http_error' })).toBeUndefined();
  });
});
