import type { NewsItem } from '../news/types.js';
import type { NotAlertedReason } from './not-alerted.js';

/**
 * Which items of one poll may alert, and why the others do not: pure, so every rule is unit-tested without
 * Redis or HTTP. docs/item-identity.md explains the rules.
 */

/** One item of the polled document. */
export interface PolledItem {
  item: NewsItem;
  identities: string[];
  /** The publication time the feed gave (clamped to the fetch time), in ms; undefined when it gave none. */
  datedAtMs?: number;
}

/** What the feed's health remembers of earlier polls. */
export interface FeedMemory {
  /** False until the feed's first successful poll. */
  initialized: boolean;
  /** Items of the last document that had any; 0 when the feed never served one. */
  lastDocItems: number;
  /** Newest publication time in that document, in ms. */
  lastDocNewestAtMs?: number;
  /** When the feed last reset, in ms. */
  lastResetAtMs?: number;
  /**
   * Set on a feed re-added after Redis lost its data: the newest publication time it served before the loss, in
   * ms. Its first poll then alerts the items dated after it (published since, so never seen), like an ordinary
   * poll, instead of recording them as the backlog of a new feed.
   */
  alertAfterMs?: number;
}

export interface VerdictOptions {
  /** Newest items alerted on a feed's first poll and on a reset. */
  backfill: number;
  /** Most new items handed on per poll; the newest are taken. */
  maxNewPerPoll: number;
  /** Items published longer ago than this do not alert, in ms; 0 = no age limit. */
  maxAgeMs: number;
  nowMs: number;
  /** A reset this soon after the previous one alerts nothing: the feed changes every id on every poll. Default 24 h. */
  repeatResetWithinMs?: number;
}

/** Without dates to compare, a complete change of items is a reset only when both documents have this many. */
export const MIN_UNDATED_RESET_ITEMS = 5;

export type PollMode = 'first_poll' | 'reset' | 'repeated_reset' | 'ordinary';

export interface PollVerdicts {
  mode: PollMode;
  /** Items none of whose identities was known, newest first. */
  fresh: NewsItem[];
  /** Items handed on (understood, archived), with whether each may alert. */
  handOn: Array<{ item: NewsItem; alert: boolean }>;
  /** Items that will not alert, by the reason decided here (ingest adds relevance and stories). */
  notAlerted: Array<{ item: NewsItem; reason: NotAlertedReason }>;
  /** Items known by an identity other than their id (their guid or link changed), for the debug log. */
  knownByOther: Array<{ item: NewsItem; knownBy: string[] }>;
  /** New items of an ordinary poll beyond `maxNewPerPoll`. */
  overCap: number;
}

export function decidePoll(
  items: PolledItem[],
  known: { has(identity: string): boolean },
  memory: FeedMemory,
  options: VerdictOptions,
): PollVerdicts {
  const notAlerted: PollVerdicts['notAlerted'] = [];
  const knownByOther: PollVerdicts['knownByOther'] = [];
  const fresh: PolledItem[] = [];
  for (const polled of items) {
    const matched = polled.identities.filter((id) => known.has(id));
    if (matched.length === 0) fresh.push(polled);
    else {
      notAlerted.push({ item: polled.item, reason: 'seen' });
      if (!known.has(polled.item.id)) knownByOther.push({ item: polled.item, knownBy: matched.map((id) => id.slice(0, 1)) });
    }
  }
  const newestFirst = fresh
    .map((p, order) => ({ p, order, at: Date.parse(p.item.publishedAt) }))
    .sort((a, b) => b.at - a.at || a.order - b.order)
    .map((x) => x.p);
  const mode = modeOf(items, fresh, memory, options);
  const handOn: PollVerdicts['handOn'] = [];
  const limit = Math.max(0, options.maxNewPerPoll);
  const tooOld = (p: PolledItem) => options.maxAgeMs > 0 && Date.parse(p.item.publishedAt) < options.nowMs - options.maxAgeMs;
  let overCap = 0;

  newestFirst.forEach((p, rank) => {
    const { item } = p;
    if (mode === 'ordinary') {
      if (rank >= limit) {
        if (tooOld(p)) notAlerted.push({ item, reason: 'too_old' });
        else {
          notAlerted.push({ item, reason: 'over_cap' });
          overCap++;
        }
      } else if (tooOld(p)) {
        handOn.push({ item, alert: false });
        notAlerted.push({ item, reason: 'too_old' });
      } else handOn.push({ item, alert: true });
      return;
    }
    if (mode === 'first_poll' && memory.alertAfterMs !== undefined && p.datedAtMs !== undefined && p.datedAtMs > memory.alertAfterMs && rank < limit) {
      if (tooOld(p)) {
        handOn.push({ item, alert: false });
        notAlerted.push({ item, reason: 'too_old' });
      } else handOn.push({ item, alert: true });
      return;
    }
    // A first poll or a reset: the newest `backfill` may alert, the rest are recorded.
    const backfill = mode === 'repeated_reset' ? 0 : Math.min(options.backfill, limit);
    const reason: NotAlertedReason = mode === 'first_poll' ? 'first_poll' : 'reset';
    if (rank < backfill && !tooOld(p)) handOn.push({ item, alert: true });
    else {
      notAlerted.push({ item, reason: rank < backfill ? 'too_old' : reason });
      // A first poll's backlog is archived for /timeline (the newest, up to the cap); a reset's items were
      // archived under their earlier identities already.
      if (mode === 'first_poll' && rank < limit) handOn.push({ item, alert: false });
    }
  });
  return { mode, fresh: newestFirst.map((p) => p.item), handOn, notAlerted, knownByOther, overCap };
}

/**
 * A reset: the feed was initialised and had served items, and now serves items none of which is known, which
 * are not simply newer than what it served before: more than half of the dated ones are dated at or before the
 * previous document's newest item (the same articles under new ids), or, with no dates to compare, both
 * documents have at least {@link MIN_UNDATED_RESET_ITEMS} items. A small feed that moved on to newer items, or
 * a feed whose earlier documents were all empty, is not reset: its items are new.
 */
function modeOf(items: PolledItem[], fresh: PolledItem[], memory: FeedMemory, options: VerdictOptions): PollMode {
  if (!memory.initialized) return 'first_poll';
  if (items.length === 0 || fresh.length < items.length || memory.lastDocItems === 0) return 'ordinary';
  const dated = fresh.filter((p) => p.datedAtMs !== undefined);
  const before = memory.lastDocNewestAtMs;
  const reset =
    dated.length > 0 && before !== undefined
      ? dated.filter((p) => p.datedAtMs! <= before).length * 2 > dated.length
      : Math.min(items.length, memory.lastDocItems) >= MIN_UNDATED_RESET_ITEMS;
  if (!reset) return 'ordinary';
  const within = options.repeatResetWithinMs ?? 24 * 3600_000;
  const repeated = memory.lastResetAtMs !== undefined && options.nowMs - memory.lastResetAtMs < within;
  return repeated ? 'repeated_reset' : 'reset';
}
