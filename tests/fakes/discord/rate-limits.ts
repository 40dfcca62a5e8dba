import { createHash } from 'node:crypto';

/** One per-route limit: `limit` requests per `windowMs`, counted per top-level resource. */
export interface BucketSpec {
  limit: number;
  windowMs: number;
}

/**
 * Limits the fake enforces. Defaults follow what Discord serves today: 5 message creates per 5 s per channel,
 * 50 requests per second per bot across routes. Tests shrink windows to stay fast.
 */
export interface RateLimitOptions {
  /** Message create per channel. Default 5 per 5000 ms. */
  messageCreate?: BucketSpec;
  /** Message edit per channel. Default 5 per 5000 ms. */
  messageEdit?: BucketSpec;
  /** Command bulk overwrite per application (and guild). Default 10 per 20000 ms. */
  commandsOverwrite?: BucketSpec;
  /** Any other route. Default 50 per 1000 ms. */
  other?: BucketSpec;
  /** Requests per global window across all authenticated routes of the bot. Default 50. */
  globalPerSecond?: number;
  /** The global window, in ms. Default 1000; tests stretch it so a slow burst cannot straddle two windows. */
  globalWindowMs?: number;
}

export interface RateDecision {
  allowed: boolean;
  global: boolean;
  /** Headers to send, whether allowed or not. */
  headers: Record<string, string>;
  /** Seconds until the caller may retry (only when refused). */
  retryAfter: number;
}

interface Window {
  count: number;
  resetAt: number;
}

/** Counts requests per bucket and globally with fixed windows, like Discord's buckets that reset at a time. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private globalWindow: Window = { count: 0, resetAt: 0 };
  readonly specs: Required<RateLimitOptions>;

  constructor(options: RateLimitOptions = {}) {
    this.specs = {
      messageCreate: options.messageCreate ?? { limit: 5, windowMs: 5000 },
      messageEdit: options.messageEdit ?? { limit: 5, windowMs: 5000 },
      commandsOverwrite: options.commandsOverwrite ?? { limit: 10, windowMs: 20_000 },
      other: options.other ?? { limit: 50, windowMs: 1000 },
      globalPerSecond: options.globalPerSecond ?? 50,
      globalWindowMs: options.globalWindowMs ?? 1000,
    };
  }

  /**
   * Takes one request from the global window (when `countsGlobally`) and from the route's bucket.
   * `route` names the bucket (`POST /channels/:id/messages`), `major` the top-level resource id.
   */
  take(route: string, major: string, spec: BucketSpec, countsGlobally: boolean, now = Date.now()): RateDecision {
    if (countsGlobally) {
      if (now >= this.globalWindow.resetAt) this.globalWindow = { count: 0, resetAt: now + this.specs.globalWindowMs };
      if (this.globalWindow.count >= this.specs.globalPerSecond) {
        const retryAfter = (this.globalWindow.resetAt - now) / 1000;
        return {
          allowed: false,
          global: true,
          retryAfter,
          headers: {
            'Retry-After': String(Math.max(1, Math.ceil(retryAfter))),
            'X-RateLimit-Global': 'true',
            'X-RateLimit-Scope': 'global',
          },
        };
      }
      this.globalWindow.count += 1;
    }
    const key = `${route}|${major}`;
    let window = this.windows.get(key);
    if (!window || now >= window.resetAt) {
      window = { count: 0, resetAt: now + spec.windowMs };
      this.windows.set(key, window);
    }
    const resetAfter = (window.resetAt - now) / 1000;
    const bucketHeaders = (remaining: number) => ({
      'X-RateLimit-Limit': String(spec.limit),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset': (window.resetAt / 1000).toFixed(3),
      'X-RateLimit-Reset-After': resetAfter.toFixed(3),
      'X-RateLimit-Bucket': bucketHash(route),
    });
    if (window.count >= spec.limit) {
      return {
        allowed: false,
        global: false,
        retryAfter: resetAfter,
        headers: {
          ...bucketHeaders(0),
          'Retry-After': String(Math.max(1, Math.ceil(resetAfter))),
          'X-RateLimit-Scope': 'user',
        },
      };
    }
    window.count += 1;
    return { allowed: true, global: false, retryAfter: 0, headers: bucketHeaders(spec.limit - window.count) };
  }

  reset(): void {
    this.windows.clear();
    this.globalWindow = { count: 0, resetAt: 0 };
  }
}

/** Discord's bucket ids are opaque hashes shared by routes with one limit. */
function bucketHash(route: string): string {
  return createHash('sha1').update(route).digest('hex').slice(0, 32);
}
