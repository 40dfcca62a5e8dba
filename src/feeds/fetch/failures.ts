import { errors as undiciErrors } from 'undici';
import { FeedFetchError } from './errors.js';
import { headerValue, parseRetryAfter, type ResponseHeaders } from './response-hints.js';

/**
 * The error for a response that is neither 2xx, 304 nor a followed redirect. 408, 429 and 5xx are worth
 * retrying (after `Retry-After` on 429 and 503); any other status will not change by asking again.
 */
export function statusError(url: string, status: number, headers: ResponseHeaders, nowMs = Date.now()): FeedFetchError {
  const retryable = status === 408 || status === 429 || status >= 500;
  const retryAfterMs =
    status === 429 || status === 503 ? parseRetryAfter(headerValue(headers, 'retry-after'), nowMs) : undefined;
  const advice = retryable
    ? retryAfterMs === undefined
      ? 'try again later'
      : `try again in ${Math.ceil(retryAfterMs / 1000)} s`
    : 'check the feed URL';
  return new FeedFetchError('http_error', retryable ? 'retry' : 'give-up', `${url} answered HTTP ${status}; ${advice}`, {
    url,
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** What was going on when an error arrived, to tell a deadline from a network failure. */
export interface FailureContext {
  url: string;
  /** The fetch's own deadline fired. */
  timedOut: boolean;
  totalTimeoutMs: number;
}

/**
 * Turns anything thrown while fetching into a FeedFetchError. A blocked address raised inside the
 * connector arrives wrapped (or not) by undici, so the cause chain is searched for it first.
 */
export function toFeedFetchError(err: unknown, context: FailureContext): FeedFetchError {
  const { url } = context;
  const own = findOwnError(err);
  if (own) {
    // The connector refuses an address without knowing the URL; name it here so the log shows which hop.
    if (own.url !== undefined) return own;
    const { kind, action, message, status, retryAfterMs } = own;
    return new FeedFetchError(kind, action, message, { url, status, retryAfterMs, cause: own.cause });
  }
  if (context.timedOut) {
    return new FeedFetchError(
      'timeout',
      'retry',
      `no complete response from ${url} within ${context.totalTimeoutMs} ms; try again later`,
      { url, cause: err },
    );
  }
  if (
    err instanceof undiciErrors.ConnectTimeoutError ||
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError
  ) {
    return new FeedFetchError('timeout', 'retry', `${url} timed out: ${err.message}; try again later`, { url, cause: err });
  }
  const code = (err as { code?: unknown } | null)?.code;
  const detail = typeof code === 'string' ? `${code} ${(err as Error).message}` : String((err as Error)?.message ?? err);
  return new FeedFetchError('network_error', 'retry', `could not fetch ${url}: ${detail}; try again later`, {
    url,
    cause: err,
  });
}

function findOwnError(err: unknown): FeedFetchError | undefined {
  for (let current: unknown = err, depth = 0; current && depth < 5; depth++) {
    if (current instanceof FeedFetchError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
