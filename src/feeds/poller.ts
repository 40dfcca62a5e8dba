import type { Logger } from '../log.js';
import { silentLogger } from '../log.js';
import { feedItems, feedPolls } from '../metrics.js';
import type { NewsItem } from '../news/types.js';
import type { FeedEntry, ParsedFeed } from './types.js';
import { asFeedFailure } from './feed-failure.js';
import type { FeedRecord, FeedRegistry } from './registry.js';
import type { SeenStore } from './seen-store.js';
import type { FeedActivity } from './schedule/feed-activity.js';
import { isFailing, nextPollDelayMs, type IntervalPolicy } from './schedule/interval-policy.js';

/** What the poller needs from the fetcher (src/feeds/fetch). */
export type FetchFeed = (
  url: string,
  conditional: { etag?: string; lastModified?: string },
  signal?: AbortSignal,
) => Promise<
  | { kind: 'ok'; finalUrl: string; body: Buffer; contentType?: string; etag?: string; lastModified?: string; minNextPollMs?: number }
  | { kind: 'not-modified'; finalUrl: string; etag?: string; lastModified?: string; minNextPollMs?: number }
>;

/** What the poller needs from the parser (src/feeds/parse). */
export type ParseFeed = (body: Buffer, options: { contentType?: string; baseUrl?: string }) => Promise<ParsedFeed>;

/** What the poller needs from identity (src/feeds/identity.ts). */
export type AssignItemIds = (entries: FeedEntry[]) => Array<{ id: string; entry: FeedEntry }>;

/**
 * Takes a poll's new items onwards (relevance, stories, archive, queue). Must be idempotent per item id:
 * after a crash the same items come again. `alert` says which items may alert subscribers (not the
 * backlog of a feed's first poll, nor items too old to be news).
 */
export type HandleNewItems = (items: NewsItem[], alert: (item: NewsItem) => boolean) => Promise<void>;

export interface FeedPollerDeps {
  registry: FeedRegistry;
  seen: SeenStore;
  activity: FeedActivity;
  fetchFeed: FetchFeed;
  parseFeed: ParseFeed;
  assignItemIds: AssignItemIds;
  handleNewItems: HandleNewItems;
  policy: IntervalPolicy;
  /** How many of a new feed's newest items alert on its first poll. Default 0. */
  backfill?: number;
  /** Items published longer ago than this are archived but never alerted, in ms. Default 48 h. */
  staleAfterMs?: number;
  logger?: Logger;
  now?: () => number;
}

/** Longest summary+content handed on per item, in characters. */
export const MAX_ITEM_TEXT_CHARS = 16_384;

export interface PollReport {
  feedId: string;
  result: 'ok' | 'not_modified' | 'removed' | string;
  entries: number;
  newItems: number;
  /** When the next poll should run, in ms since the epoch (absent when the feed was removed). */
  nextPollAtMs?: number;
  error?: string;
}

export function createFeedPoller(deps: FeedPollerDeps) {
  const log = (deps.logger ?? silentLogger).child({ module: 'poller' });
  const now = deps.now ?? Date.now;
  const staleAfterMs = deps.staleAfterMs ?? 48 * 3600_000;

  async function readItems(feed: FeedRecord, parsed: ParsedFeed, fetchedAt: number): Promise<NewsItem[]> {
    const withIds = deps.assignItemIds(parsed.entries);
    feedItems.inc({ stage: 'seen' }, withIds.length);
    // The same id twice in one document (duplicate guids or links) is one item.
    const unique = [...new Map(withIds.map((x) => [x.id, x])).values()];
    const unseen = new Set(await deps.seen.filterUnseen(feed.id, unique.map((x) => x.id)));
    const source = parsed.title?.trim() || hostOf(feed.url);
    const seenAt = new Date(fetchedAt).toISOString();
    return unique
      .filter((x) => unseen.has(x.id))
      .map(({ id, entry }) => ({
        id,
        feedId: feed.id,
        source,
        title: entry.title,
        link: entry.link,
        // The feed's own summary and content (may be HTML; ingest makes it plain). Capped: relevance and a
        // 300-character summary need the start, and a bound keeps hostile multi-megabyte bodies cheap downstream.
        text: [entry.summary, entry.content].filter(Boolean).join('\n\n').slice(0, MAX_ITEM_TEXT_CHARS),
        publishedAt: clampPublished(entry.publishedAt, fetchedAt) ?? seenAt,
        seenAt,
      }));
  }

  return {
    /** Polls one feed once, records its health, and returns when it should be polled next. */
    async poll(feedId: string, signal?: AbortSignal): Promise<PollReport> {
      const feed = await deps.registry.get(feedId);
      if (!feed) return { feedId, result: 'removed', entries: 0, newItems: 0 };
      const started = now();
      const polledAt = new Date(started).toISOString();
      let ttlMinutes: number | undefined;
      let cacheHintMs: number | undefined;

      try {
        const outcome = await deps.fetchFeed(feed.url, { etag: feed.etag, lastModified: feed.lastModified }, signal);
        cacheHintMs = outcome.minNextPollMs;
        let entries = 0;
        let newCount = 0;
        let title: string | undefined;
        if (outcome.kind === 'ok') {
          const parsed = await deps.parseFeed(outcome.body, { contentType: outcome.contentType, baseUrl: outcome.finalUrl });
          ttlMinutes = parsed.ttlMinutes;
          title = parsed.title?.trim() || undefined;
          entries = parsed.entries.length;
          const items = await readItems(feed, parsed, started);
          newCount = items.length;
          feedItems.inc({ stage: 'new' }, items.length);
          const alertable = selectAlertable(items, feed.initialized, deps.backfill ?? 0, started - staleAfterMs);
          await deps.handleNewItems(items, (item) => alertable.has(item.id));
          await deps.seen.markSeen(feed.id, items.map((i) => i.id), started);
          await deps.registry.addItemsSeen(feed.id, items.length);
          // The first poll's items show how often the feed publishes; later ones add to it.
          const times = items.map((i) => Date.parse(i.publishedAt)).filter((t) => t > started - 14 * 86_400_000);
          await deps.activity.record(feed.id, times);
        }
        feedPolls.inc({ result: outcome.kind === 'ok' ? 'ok' : 'not_modified' });
        const nextPollAtMs = started + nextPollDelayMs(
          { recentNewItemTimes: await deps.activity.recent(feed.id), consecutiveFailures: 0, cacheHintMs, ttlMinutes },
          deps.policy,
        );
        await deps.registry.update(feed.id, {
          ...(title ? { title } : {}),
          ...(outcome.kind === 'ok' ? { etag: outcome.etag ?? null, lastModified: outcome.lastModified ?? null } : {}),
          initialized: true,
          lastPollAt: polledAt,
          lastSuccessAt: polledAt,
          consecutiveFailures: 0,
          failing: false,
          nextPollAt: new Date(nextPollAtMs).toISOString(),
        });
        log.debug({ feedId, url: feed.url, result: outcome.kind, entries, newItems: newCount }, 'feed polled');
        return { feedId, result: outcome.kind === 'ok' ? 'ok' : 'not_modified', entries, newItems: newCount, nextPollAtMs };
      } catch (err) {
        const failure = asFeedFailure(err);
        // Not the feed's fault: fail the job. Nothing was marked seen, so the next poll (rescheduled by the
        // reconciler) hands the same items on again.
        if (failure === undefined) throw err;
        const kind = failure.failureKind;
        feedPolls.inc({ result: kind });
        const failures = feed.consecutiveFailures + 1;
        const retryAfterMs = failure.retryAfterMs;
        const nextPollAtMs = started + nextPollDelayMs(
          { recentNewItemTimes: [], consecutiveFailures: failures, retryAfterMs },
          deps.policy,
        );
        const failing = isFailing(failures, deps.policy);
        const message = failure.message;
        await deps.registry.update(feed.id, {
          lastPollAt: polledAt,
          lastError: `${kind}: ${message}`,
          lastErrorAt: polledAt,
          consecutiveFailures: failures,
          failing,
          nextPollAt: new Date(nextPollAtMs).toISOString(),
        });
        log[failing ? 'error' : 'warn']({ feedId, url: feed.url, kind, failures, err: message }, failing ? 'feed is failing' : 'feed poll failed');
        return { feedId, result: kind, entries: 0, newItems: 0, nextPollAtMs, error: message };
      }
    },
  };
}

export type FeedPoller = ReturnType<typeof createFeedPoller>;

/**
 * Which new items may alert: none of a feed's first poll except the newest `backfill`; never an item
 * published before `staleBeforeMs` (a feed that re-publishes old items must not flood subscribers).
 */
function selectAlertable(items: NewsItem[], initialized: boolean, backfill: number, staleBeforeMs: number): Set<string> {
  const fresh = items.filter((i) => Date.parse(i.publishedAt) >= staleBeforeMs);
  if (initialized) return new Set(fresh.map((i) => i.id));
  const newest = [...fresh].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt)).slice(0, backfill);
  return new Set(newest.map((i) => i.id));
}

/** A publication time in the future (clock skew, bad feeds) is taken as the fetch time. */
function clampPublished(iso: string | undefined, fetchedAt: number): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return undefined;
  return new Date(Math.min(t, fetchedAt)).toISOString();
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
