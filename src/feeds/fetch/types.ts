import type { Logger } from '../../log.js';
import type { AddressPolicy } from './address-policy.js';
import type { ResolveHost } from './guarded-agent.js';

/** Validators from the previous successful fetch, sent as `If-None-Match` / `If-Modified-Since`. */
export interface ConditionalHeaders {
  etag?: string;
  lastModified?: string;
}

/** Freshness hint shared by both outcomes. */
interface FreshnessHint {
  /** The URL that answered, after redirects. */
  finalUrl: string;
  /**
   * Earliest sensible delay before the next poll, in milliseconds, from `Cache-Control: max-age` (less `Age`)
   * or `Expires`. Absent when the server gave no freshness. The scheduler may poll later, never needs to poll sooner.
   */
  minNextPollMs?: number;
}

/** The feed answered with a body (2xx). */
export interface FetchedFeed extends FreshnessHint {
  kind: 'ok';
  status: number;
  /** The raw body, decompressed but not charset-decoded: the parser decodes it using `contentType`. */
  body: Buffer;
  contentType?: string;
  etag?: string;
  lastModified?: string;
}

/** The feed has not changed since the validators sent (304); no body was read. */
export interface NotModifiedFeed extends FreshnessHint {
  kind: 'not-modified';
  /** The server's validators, or the ones sent when the 304 repeats none (keep using them). */
  etag?: string;
  lastModified?: string;
}

export type FetchOutcome = FetchedFeed | NotModifiedFeed;

/** Fetches feed documents safely: bounded in size, time, redirects, per-host concurrency and reachable addresses. */
export interface FeedFetcher {
  /**
   * GETs `url`, following up to `maxRedirects` redirects. Throws FeedFetchError (see its `kind` and `action`);
   * if `signal` aborts, rejects with the signal's reason instead.
   */
  fetch(url: string, conditional?: ConditionalHeaders, signal?: AbortSignal): Promise<FetchOutcome>;
  /** Closes pooled connections at once, aborting fetches still in flight; fetches after this fail. */
  close(): Promise<void>;
}

/** Options of `createFeedFetcher`. Every field is optional. */
export interface FeedFetcherOptions {
  /** Allow loopback, private, link-local and other non-public addresses (`ALLOW_PRIVATE_NETWORK_FEEDS`). Default false. */
  allowPrivateNetwork?: boolean;
  /** Largest body accepted, in bytes, counted after decompression (`FEED_MAX_BYTES`). Default 5 MiB. */
  maxBytes?: number;
  /** Longest wait for DNS plus the connection handshake, per hop, in milliseconds. Default 10 000. */
  connectTimeoutMs?: number;
  /** Deadline for the whole fetch (queueing, every redirect hop, headers and the full body), in milliseconds. Default 30 000. */
  totalTimeoutMs?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** The User-Agent header. Default `Kazwire/0.1 (+https://github.com/kazwire/kazwire)`. */
  userAgent?: string;
  /** Requests in flight at once to one hostname, from this process. Default 2. */
  maxConcurrentPerHost?: number;
  /** Default `silentLogger`. */
  logger?: Logger;
  /** Hostname resolver used when connecting. Default: the system resolver (`dns.lookup`). */
  lookup?: ResolveHost;
  /** Which addresses may be connected to; when given it replaces the policy chosen by `allowPrivateNetwork`. */
  addressPolicy?: AddressPolicy;
}
