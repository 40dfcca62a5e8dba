import type { Dispatcher } from 'undici';
import { silentLogger } from '../../log.js';
import { anyAddress, publicAddressesOnly } from './address-policy.js';
import { ACCEPT_ENCODING, readCappedBody } from './capped-body.js';
import { FeedFetchError } from './errors.js';
import { statusError, toFeedFetchError } from './failures.js';
import { checkLiteralHost, createGuardedAgent, systemResolver } from './guarded-agent.js';
import { createKeyedSemaphore } from './keyed-semaphore.js';
import { headerValue, minNextPollDelay } from './response-hints.js';
import type { ConditionalHeaders, FeedFetcher, FeedFetcherOptions, FetchOutcome } from './types.js';

export const DEFAULT_USER_AGENT = 'Kazwire/0.1 (+https://github.com/kazwire/kazwire)';

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Creates the feed fetcher. It speaks HTTP through its own undici Agent (no proxy from the environment),
 * refuses non-public addresses unless allowed, follows redirects by hand re-checking every hop, decodes
 * gzip/deflate/br within the size cap, and holds one deadline over the whole fetch.
 * It records no metrics: the caller counts outcomes and error kinds.
 */
export function createFeedFetcher(options: FeedFetcherOptions = {}): FeedFetcher {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const totalTimeoutMs = options.totalTimeoutMs ?? 30_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const log = (options.logger ?? silentLogger).child({ module: 'feed-fetch' });
  const policy = options.addressPolicy ?? (options.allowPrivateNetwork ? anyAddress : publicAddressesOnly);
  const perHost = createKeyedSemaphore(options.maxConcurrentPerHost ?? 2);
  const agent = createGuardedAgent({
    resolve: options.lookup ?? systemResolver,
    policy,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    // undici's own idle timers only back up the deadline, which is what normally ends a slow fetch.
    idleTimeoutMs: totalTimeoutMs + 1_000,
  });

  const requestHeaders = (conditional: ConditionalHeaders): Record<string, string> => ({
    'user-agent': userAgent,
    accept: ACCEPT,
    'accept-encoding': ACCEPT_ENCODING,
    ...(conditional.etag ? { 'if-none-match': conditional.etag } : {}),
    ...(conditional.lastModified ? { 'if-modified-since': conditional.lastModified } : {}),
  });

  /** One hop: returns the outcome, or the next URL to follow. */
  async function hop(target: URL, conditional: ConditionalHeaders, signal: AbortSignal): Promise<FetchOutcome | URL> {
    checkLiteralHost(target, policy);
    const release = await perHost.acquire(target.hostname, signal);
    try {
      const response = await agent.request({
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: 'GET',
        headers: requestHeaders(conditional),
        signal,
      });
      return await settle(target, response, conditional, signal);
    } finally {
      release();
    }
  }

  async function settle(
    target: URL,
    response: Dispatcher.ResponseData,
    conditional: ConditionalHeaders,
    signal: AbortSignal,
  ): Promise<FetchOutcome | URL> {
    const { statusCode: status, headers, body } = response;
    const finalUrl = target.href;
    const location = headerValue(headers, 'location');
    if (REDIRECT_STATUSES.has(status) && location) {
      await drain(body, signal);
      try {
        return new URL(location, target);
      } catch {
        throw new FeedFetchError('http_error', 'give-up', `${finalUrl} redirected to an invalid URL "${location}"`, {
          url: finalUrl,
          status,
        });
      }
    }
    const hint = minNextPollDelay(headers);
    const freshness = { finalUrl, ...(hint === undefined ? {} : { minNextPollMs: hint }) };
    const etag = headerValue(headers, 'etag');
    const lastModified = headerValue(headers, 'last-modified');
    if (status === 304) {
      await drain(body, signal);
      const kept = { etag: etag ?? conditional.etag, lastModified: lastModified ?? conditional.lastModified };
      return { kind: 'not-modified', ...freshness, ...definedOnly(kept) };
    }
    if (status < 200 || status >= 300) {
      await drain(body, signal);
      throw statusError(finalUrl, status, headers);
    }
    const content = await readCappedBody({
      body,
      contentEncoding: headerValue(headers, 'content-encoding'),
      contentLength: headerValue(headers, 'content-length'),
      maxBytes,
      url: finalUrl,
    });
    const contentType = headerValue(headers, 'content-type');
    return { kind: 'ok', ...freshness, status, body: content, ...definedOnly({ contentType, etag, lastModified }) };
  }

  /** Follows redirects from `url`; `at.current` tracks the hop in progress, for error messages. */
  async function follow(
    url: string,
    conditional: ConditionalHeaders,
    signal: AbortSignal,
    at: { current?: URL },
  ): Promise<FetchOutcome> {
    let current = parseFeedUrl(url);
    for (let redirects = 0; ; redirects++) {
      at.current = current;
      const result = await hop(current, conditional, signal);
      if (!(result instanceof URL)) {
        log.debug({ feedUrl: url, finalUrl: result.finalUrl, kind: result.kind, redirects }, 'feed fetched');
        return result;
      }
      if (redirects >= maxRedirects) {
        throw new FeedFetchError(
          'http_error',
          'give-up',
          `${url} redirected more than ${maxRedirects} times (last to ${result.href}); use the feed's final address`,
          { url: current.href },
        );
      }
      log.debug({ feedUrl: url, from: current.href, to: result.href }, 'feed redirected');
      current = result;
    }
  }

  return {
    async fetch(url, conditional = {}, signal) {
      signal?.throwIfAborted();
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(new Error(`deadline of ${totalTimeoutMs} ms passed`)), totalTimeoutMs);
      const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
      const at: { current?: URL } = {};
      try {
        return await settleBy(follow(url, conditional, combined, at), combined);
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        throw toFeedFetchError(err, { url: at.current?.href ?? url, timedOut: deadline.signal.aborted, totalTimeoutMs });
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      // destroy, not close: close would wait for requests the deadline already gave up on (a hung handshake).
      await agent.destroy();
    },
  };
}

/**
 * Rejects with the signal's reason as soon as it aborts. undici only acts on an abort once the connection is
 * up, so a hung DNS answer or handshake would otherwise outlive the deadline (until `connectTimeoutMs`).
 * The abandoned work still ends on its own, at the latest when undici's connect timeout fires.
 */
function settleBy<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Reads away a small body we do not need, so the connection can be reused; a big one is cut off instead. */
async function drain(body: Dispatcher.ResponseData['body'], signal: AbortSignal): Promise<void> {
  await body.dump({ limit: 64 * 1024, signal }).catch(() => undefined);
}

function parseFeedUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new FeedFetchError('blocked', 'give-up', `refused "${url}": not a valid URL; feeds must be http or https URLs`, {
      url,
    });
  }
}

function definedOnly<T extends Record<string, string | undefined>>(fields: T): Partial<Record<keyof T, string>> {
  const out: Partial<Record<keyof T, string>> = {};
  for (const key of Object.keys(fields) as Array<keyof T>) {
    const value = fields[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
