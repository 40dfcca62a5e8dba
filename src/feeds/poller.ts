import type { Logger } from '../log.js';
import { silentLogger } from '../log.js';
import { feedItems, feedPolls } from '../metrics.js';
import type { NewsItem } from '../news/types.js';
import type { FeedEntry, ParsedFeed } from './types.js';
import { publicAddressesOnly, type AddressPolicy } from './fetch/address-policy.js';
import { checkedImageUrl } from './image-address.js';
import type { DocumentContext, IdentifiedDocument } from './identity.js';
import { countNotAlerted, type NotAlertedReason } from './not-alerted.js';
import { decidePoll, type FeedMemory, type PolledItem, type PollMode, type PollVerdicts } from './poll-verdicts.js';
import { asFeedFailure } from './feed-failure.js';
import type { FeedRecord, FeedRegistry, FeedUpdate } from './registry.js';
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
export type IdentifyItems = (entries: FeedEntry[], context: DocumentContext) => IdentifiedDocument;

/**
 * Takes a poll's new items onwards (relevance, stories, archive, queue). Must be idempotent per item id:
 * after a crash the same items come again. `alert` says which items may alert subscribers (not the backlog
 * of a feed's first poll, nor items over the per-poll cap or the age limit); the poller has counted why the
 * others do not, and the handler counts why an alertable one did not (not relevant, joined a story).
 */
export type HandleNewItems = (items: NewsItem[], alert: (item: NewsItem) => boolean) => Promise<void>;

export interface FeedPollerDeps {
  registry: FeedRegistry;
  seen: SeenStore;
  activity: FeedActivity;
  fetchFeed: FetchFeed;
  parseFeed: ParseFeed;
  identifyItems: IdentifyItems;
  handleNewItems: HandleNewItems;
  policy: IntervalPolicy;
  /** How many of the newest items alert on a feed's first poll and on a reset (FEED_BACKFILL_ITEMS). Default 0. */
  backfill?: number;
  /** Most new items one poll hands on; the newest are taken (FEED_MAX_NEW_ITEMS_PER_POLL). Default 50. */
  maxNewItemsPerPoll?: number;
  /** Items published longer ago than this do not alert, in ms (ALERT_MAX_AGE_HOURS); 0 = no limit. Default 0. */
  alertMaxAgeMs?: number;
  /**
   * Which addresses an item's picture may point at (the feeds' policy: ALLOW_PRIVATE_NETWORK_FEEDS); a picture
   * elsewhere is left out. Default public addresses only.
   */
  imageAddressPolicy?: AddressPolicy;
  logger?: Logger;
  now?: () => number;
}

/** Longest summary+content handed on per item, in characters. */
export const MAX_ITEM_TEXT_CHARS = 16_384;

export interface PollReport {
  feedId: string;
  result: 'ok' | 'not_modified' | 'removed' | string;
  entries: number;
  /** Items none of whose identities was known. */
  newItems: number;
  /** How this poll's new items were judged: ordinary, a feed's first poll, or a reset. */
  mode?: PollMode;
  /** New items recorded without alerting because the poll had more than the per-poll cap. */
  overCap?: number;
  /** The newest publication time the document gave, in ms (absent when it gave none, or was not fetched). */
  newestItemAtMs?: number;
  /** When the next poll should run, in ms since the epoch (absent when the feed was removed). */
  nextPollAtMs?: number;
  error?: string;
}

export function createFeedPoller(deps: FeedPollerDeps) {
  const log = (deps.logger ?? silentLogger).child({ module: 'poller' });
  const now = deps.now ?? Date.now;
  const imagePolicy = deps.imageAddressPolicy ?? publicAddressesOnly;
  const withImage = (image: string | undefined) => {
    const url = checkedImageUrl(image, imagePolicy);
    return url ? { image: url } : {};
  };

  /** The document's items with their identities, as news items. */
  function readDocument(feed: FeedRecord, parsed: ParsedFeed, fetchedAt: number) {
    const doc = deps.identifyItems(parsed.entries, { siteLink: parsed.link, feedUrl: feed.url });
    const source = parsed.title?.trim() || hostOf(feed.url);
    const seenAt = new Date(fetchedAt).toISOString();
    const polled = doc.items.map(({ id, identities, entry }): PolledItem => {
      const dated = clampPublished(entry.publishedAt, fetchedAt);
      return {
        identities,
        ...(dated ? { datedAtMs: Date.parse(dated) } : {}),
        item: {
          id,
          feedId: feed.id,
          source,
          title: entry.title,
          link: entry.link,
          ...withImage(entry.image),
          // The feed's own summary and content (may be HTML; ingest makes it plain). Capped: relevance and a
          // 300-character summary need the start, and a bound keeps hostile multi-megabyte bodies cheap downstream.
          text: [entry.summary, entry.content].filter(Boolean).join('\n\n').slice(0, MAX_ITEM_TEXT_CHARS),
          publishedAt: dated ?? seenAt,
          seenAt,
        },
      };
    });
    const duplicates = doc.duplicates.map(({ id, entry }) => ({ id, feedId: feed.id, title: entry.title }));
    return { polled, duplicates };
  }

  /** Reads a fetched document: judges its items, hands the new ones on, records every identity. */
  async function ingestDocument(feed: FeedRecord, parsed: ParsedFeed, started: number) {
    const { polled, duplicates } = readDocument(feed, parsed, started);
    const identities = polled.flatMap((p) => p.identities);
    const known = await deps.seen.known(feed.id, identities);
    const verdicts = decidePoll(polled, known, memoryOf(feed), {
      backfill: deps.backfill ?? 0,
      maxNewPerPoll: deps.maxNewItemsPerPoll ?? 50,
      maxAgeMs: deps.alertMaxAgeMs ?? 0,
      nowMs: started,
    });
    const alertable = new Set(verdicts.handOn.filter((h) => h.alert).map((h) => h.item.id));
    await deps.handleNewItems(
      verdicts.handOn.map((h) => h.item),
      (item) => alertable.has(item.id),
    );
    await deps.seen.recordServed(feed.id, identities, { nowMs: started, known });
    await deps.registry.addItemsSeen(feed.id, verdicts.fresh.length);
    // New items show how often the feed publishes (the newest are enough: adaptive polling keeps 30).
    const times = verdicts.fresh
      .slice(0, 100)
      .map((i) => Date.parse(i.publishedAt))
      .filter((t) => t > started - 14 * 86_400_000);
    await deps.activity.record(feed.id, times);
    explain(feed, verdicts, duplicates, alertable.size);
    const newest = polled.reduce((max, p) => Math.max(max, p.datedAtMs ?? -Infinity), -Infinity);
    const polledAt = new Date(started).toISOString();
    const health: FeedUpdate = {
      ...(polled.length > 0
        ? { lastDocItems: polled.length, lastDocNewestAt: Number.isFinite(newest) ? new Date(newest).toISOString() : null }
        : {}),
      ...(verdicts.mode === 'reset' || verdicts.mode === 'repeated_reset' ? { lastResetAt: polledAt, resets: feed.resets + 1 } : {}),
      ...(verdicts.overCap > 0 ? { lastCappedAt: polledAt, lastCappedItems: verdicts.overCap } : {}),
    };
    return { verdicts, health, newest };
  }

  /** Counts and explains every item that will not alert, and warns of resets and capped polls. */
  function explain(feed: FeedRecord, verdicts: PollVerdicts, duplicates: Array<{ id: string; feedId: string; title: string }>, alerted: number) {
    countNotAlerted(log, duplicates, 'duplicate_in_feed');
    const byReason = new Map<NotAlertedReason, NewsItem[]>();
    for (const { item, reason } of verdicts.notAlerted) {
      const list = byReason.get(reason);
      if (list) list.push(item);
      else byReason.set(reason, [item]);
    }
    // Items read again on every poll are the bulk of any feed: explained at trace level, and at debug when one
    // was recognised by another identity than its id (its guid or link changed).
    for (const [reason, items] of byReason) countNotAlerted(log, items, reason, reason === 'seen' ? { level: 'trace' } : {});
    for (const { item, knownBy } of verdicts.knownByOther) {
      log.debug({ itemId: item.id, feedId: feed.id, title: item.title, reason: 'seen', knownBy }, 'item known under another identity; not alerted');
    }
    const context = { feedId: feed.id, url: feed.url, newItems: verdicts.fresh.length, alerted };
    if (verdicts.mode === 'reset') {
      log.warn({ ...context, previousItems: feed.lastDocItems }, 'feed reset: it serves only unknown items, dated like the ones it replaced; alerted the newest FEED_BACKFILL_ITEMS and recorded the rest');
    } else if (verdicts.mode === 'repeated_reset') {
      log.warn({ ...context, lastResetAt: feed.lastResetAt }, 'feed reset again within a day: it changes every item id on every poll; alerted nothing and recorded the items; check the feed');
    }
    if (verdicts.overCap > 0) {
      log.warn({ ...context, recorded: verdicts.overCap }, 'more new items than FEED_MAX_NEW_ITEMS_PER_POLL: alerted the newest and recorded the rest');
    }
    const counts = Object.fromEntries([...byReason].map(([reason, items]) => [reason, items.length]));
    log.debug({ feedId: feed.id, mode: verdicts.mode, items: verdicts.notAlerted.length + alerted, duplicates: duplicates.length, alerted, notAlerted: counts }, 'feed items judged');
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
        let health: FeedUpdate = {};
        let verdicts: PollVerdicts | undefined;
        let newest = -Infinity;
        if (outcome.kind === 'ok') {
          const parsed = await deps.parseFeed(outcome.body, { contentType: outcome.contentType, baseUrl: outcome.finalUrl });
          ttlMinutes = parsed.ttlMinutes;
          title = parsed.title?.trim() || undefined;
          entries = parsed.entries.length;
          feedItems.inc({ stage: 'seen' }, entries);
          ({ verdicts, health, newest } = await ingestDocument(feed, parsed, started));
          newCount = verdicts.fresh.length;
          feedItems.inc({ stage: 'new' }, newCount);
        }
        feedPolls.inc({ result: outcome.kind === 'ok' ? 'ok' : 'not_modified' });
        const nextPollAtMs = started + nextPollDelayMs(
          { recentNewItemTimes: await deps.activity.recent(feed.id), consecutiveFailures: 0, cacheHintMs, ttlMinutes },
          deps.policy,
        );
        await deps.registry.update(feed.id, {
          ...health,
          ...(title ? { title } : {}),
          ...(outcome.kind === 'ok' ? { etag: outcome.etag ?? null, lastModified: outcome.lastModified ?? null } : {}),
          initialized: true,
          ...(feed.alertAfter ? { alertAfter: null } : {}),
          lastPollAt: polledAt,
          lastSuccessAt: polledAt,
          consecutiveFailures: 0,
          failing: false,
          nextPollAt: new Date(nextPollAtMs).toISOString(),
        });
        log.debug({ feedId, url: feed.url, result: outcome.kind, entries, newItems: newCount }, 'feed polled');
        return {
          feedId,
          result: outcome.kind === 'ok' ? 'ok' : 'not_modified',
          entries,
          newItems: newCount,
          ...(verdicts ? { mode: verdicts.mode, overCap: verdicts.overCap } : {}),
          ...(Number.isFinite(newest) ? { newestItemAtMs: newest } : {}),
          nextPollAtMs,
        };
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

function memoryOf(feed: FeedRecord): FeedMemory {
  const newest = feed.lastDocNewestAt ? Date.parse(feed.lastDocNewestAt) : NaN;
  const reset = feed.lastResetAt ? Date.parse(feed.lastResetAt) : NaN;
  const alertAfter = feed.alertAfter ? Date.parse(feed.alertAfter) : NaN;
  return {
    ...(Number.isFinite(alertAfter) ? { alertAfterMs: alertAfter } : {}),
    initialized: feed.initialized,
    lastDocItems: feed.lastDocItems,
    ...(Number.isFinite(newest) ? { lastDocNewestAtMs: newest } : {}),
    ...(Number.isFinite(reset) ? { lastResetAtMs: reset } : {}),
  };
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
