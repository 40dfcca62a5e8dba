import { TellUserError } from '../errors.js';
import type { FeedRecord, FeedRegistry } from './registry.js';
import type { FetchFeed, ParseFeed } from './poller.js';
import type { ParsedFeed } from './types.js';

export interface FeedAdminDeps {
  registry: FeedRegistry;
  /** The poller's own guarded fetcher, so that chat and CLI additions pass the same address checks. */
  fetchFeed: FetchFeed;
  parseFeed: ParseFeed;
}

/** The outcome of trying a feed once. */
export type FeedCheck = { ok: true; finalUrl: string; feed: ParsedFeed } | { ok: false; kind: string; message: string };

/** Fetches and parses a feed once through the guarded fetcher; never throws for a feed problem. */
export async function checkFeed(deps: Pick<FeedAdminDeps, 'fetchFeed' | 'parseFeed'>, url: string): Promise<FeedCheck> {
  const parsedUrl = validateUrl(url);
  try {
    const outcome = await deps.fetchFeed(parsedUrl, {});
    if (outcome.kind !== 'ok') return { ok: false, kind: 'not_modified', message: 'the server answered 304 to an unconditional request' };
    const feed = await deps.parseFeed(outcome.body, { contentType: outcome.contentType, baseUrl: outcome.finalUrl });
    return { ok: true, finalUrl: outcome.finalUrl, feed };
  } catch (err) {
    const kind = (err as { kind?: string }).kind ?? 'error';
    return { ok: false, kind, message: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Feed management for operators (`npm run feeds`) and owners (`/feeds add|remove`): adding a feed first fetches
 * and parses it once, so a private address, a non-feed or a dead URL is refused with the reason, not stored.
 */
export function createFeedAdmin(deps: FeedAdminDeps) {
  const check = (url: string) => checkFeed(deps, url);

  return {
    check,

    list(): Promise<FeedRecord[]> {
      return deps.registry.list();
    },

    /** Adds a feed after one successful fetch and parse. Throws TellUserError with the reason otherwise. */
    async add(url: string): Promise<FeedRecord> {
      const result = await check(url);
      if (!result.ok) throw new TellUserError(`Not added: ${url} — ${result.message}`);
      const { feed } = await deps.registry.add(validateUrl(url), 'operator');
      return feed;
    },

    async remove(url: string): Promise<boolean> {
      return deps.registry.remove(url.trim());
    },
  };
}

export type FeedAdmin = ReturnType<typeof createFeedAdmin>;

function validateUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new TellUserError(`"${url}" is not a URL; give the feed's full address, e.g. https://example.org/rss.xml`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TellUserError(`only http and https feeds are supported, not ${parsed.protocol.replace(':', '')}`);
  }
  return parsed.toString();
}
