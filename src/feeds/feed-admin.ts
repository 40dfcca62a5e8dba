import { TellUserError } from '../errors.js';
import type { MessageKey } from '../i18n/catalogue.js';
import type { FeedRecord, FeedRegistry, RemovedFeed } from './registry.js';
import type { FetchFeed, ParseFeed } from './poller.js';
import type { ParsedFeed } from './types.js';
import type { FeedStateCounts } from './feed-state.js';
import { checkFeedAddress } from './feed-list.js';
import { describeImport, exportFeedList, importFeedList, type FeedImportReport } from './feed-import.js';

export interface FeedAdminDeps {
  registry: FeedRegistry;
  /** The poller's own guarded fetcher, so that chat and CLI additions pass the same address checks. */
  fetchFeed: FetchFeed;
  parseFeed: ParseFeed;
  /** How long the one look at a feed being added may take, in ms. Default 10 s. */
  addCheckTimeoutMs?: number;
}

/** The outcome of trying a feed once. */
export type FeedCheck = { ok: true; finalUrl: string; feed: ParsedFeed } | { ok: false; kind: string; message: string };

/**
 * Answers that will not change by waiting, so a feed is refused rather than kept: the address guard refused the
 * host (a private network), or the server answered with something that is not a feed (an HTML page).
 */
const REFUSED_KINDS = new Set(['blocked', 'not_a_feed']);

/** Fetches and parses a feed once through the guarded fetcher; never throws for a feed problem. */
export async function checkFeed(
  deps: Pick<FeedAdminDeps, 'fetchFeed' | 'parseFeed'>,
  url: string,
  signal?: AbortSignal,
): Promise<FeedCheck> {
  const parsedUrl = validateUrl(url);
  try {
    const outcome = await deps.fetchFeed(parsedUrl, {}, signal);
    if (outcome.kind !== 'ok') return { ok: false, kind: 'not_modified', message: 'the server answered 304 to an unconditional request' };
    const feed = await deps.parseFeed(outcome.body, { contentType: outcome.contentType, baseUrl: outcome.finalUrl });
    return { ok: true, finalUrl: outcome.finalUrl, feed };
  } catch (err) {
    const kind = (err as { kind?: string }).kind ?? 'error';
    return { ok: false, kind, message: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Feed management for operators (`npm run feeds`) and owners (`/feeds add|remove`).
 * Adding a feed looks at it once: a private address or a page that is not a feed is refused with the reason;
 * a feed that does not answer now (down, slow, DNS) is kept, never polled yet, with the reason recorded, and
 * the poller keeps trying it. Removing a feed keeps it out of the default list until it is added again.
 */
export function createFeedAdmin(deps: FeedAdminDeps) {
  const check = (url: string, signal?: AbortSignal) => checkFeed(deps, url, signal);

  return {
    check,

    list(): Promise<FeedRecord[]> {
      return deps.registry.list();
    },

    /**
     * Adds a feed. Throws TellUserError when it is refused (bad address, private network, not a feed). When it
     * could not be read now, it is kept and the returned record carries `lastError` with no `lastSuccessAt`.
     */
    async add(url: string): Promise<FeedRecord> {
      const address = validateUrl(url);
      const result = await check(address, AbortSignal.timeout(deps.addCheckTimeoutMs ?? 10_000));
      if (!result.ok && REFUSED_KINDS.has(result.kind)) {
        throw new TellUserError(`Not added: ${url} — ${result.message}`, said('feeds.notAdded', { url, reason: result.message }));
      }
      const { feed, created } = await deps.registry.add(address, 'operator');
      if (!created) return feed;
      if (result.ok) {
        const title = result.feed.title?.trim();
        if (title) await deps.registry.update(feed.id, { title });
        return title ? { ...feed, title } : feed;
      }
      const lastError = `${result.kind}: ${result.message}`;
      const lastErrorAt = new Date().toISOString();
      await deps.registry.update(feed.id, { lastError, lastErrorAt });
      return { ...feed, lastError, lastErrorAt };
    },

    /** Removes a feed for good: the default list does not bring it back at the next start (adding it again does). */
    async remove(url: string): Promise<boolean> {
      return deps.registry.remove(url.trim(), { tombstone: true });
    },

    /** Imports a feed list (OPML or one URL a line) in bulk, fetching nothing; see importFeedList. */
    importList(text: string): Promise<FeedImportReport> {
      return importFeedList(deps.registry, text, 'operator');
    },

    describeImport,

    /** Every feed as OPML 2.0. */
    exportList(): Promise<{ opml: string; count: number }> {
      return exportFeedList(deps.registry);
    },

    /** Counts by state, and the feeds kept out of the default list by a removal. */
    async summary(): Promise<{ counts: FeedStateCounts; removed: RemovedFeed[] }> {
      const [counts, removed] = await Promise.all([deps.registry.stateCounts(), deps.registry.removedFeeds()]);
      return { counts, removed };
    },
  };
}

export type FeedAdmin = ReturnType<typeof createFeedAdmin>;

/** The refusal as a catalogue key, so /feeds says it in the owner's language (the guard's reason stays as it said it). */
function said(key: MessageKey, values: Record<string, string>) {
  return { key, values };
}

function validateUrl(url: string): string {
  const checked = checkFeedAddress(url);
  if ('reason' in checked) {
    if (checked.reason.startsWith('not a URL')) {
      throw new TellUserError(`"${url}" is not a URL; give the feed's full address, e.g. https://example.org/rss.xml`, said('feeds.notUrl', { url }));
    }
    throw new TellUserError(checked.reason);
  }
  return checked.url;
}
