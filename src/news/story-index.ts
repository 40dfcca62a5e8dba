/**
 * The recent stories of the cluster log, in memory: their members' features, which stories hold each
 * feature, and what the stream has taught about features (document frequencies, per-outlet boilerplate).
 * Every process builds the same index from the same log, so every process decides alike. Pure.
 */
import type { FeatureSet } from './story-features.js';
import { scorePair, thresholdFor, type IndexedItem, type PairScore, type TermStats } from './story-similarity.js';

/** One committed assignment, as read back from the log. */
export interface LogEntry extends IndexedItem {
  storyId: string;
  /** The log's time of the entry (ms), for eviction. */
  loggedAtMs: number;
}

/** A member beyond the first MAX_MEMBERS: never compared, kept only to be counted out again on eviction. */
interface CountedMember {
  itemId: string;
  feedId: string;
  keys: string[];
}

interface IndexedStory {
  id: string;
  firstMs: number;
  /** The first MAX_MEMBERS members, whole: the ones a new item is compared with. */
  members: IndexedItem[];
  /** Later members, as their feature keys only (a big event's hundreds of reports weigh a few bytes each). */
  counted: CountedMember[];
  lastLoggedMs: number;
}

/** Where an item should go, and why. */
export interface Decision {
  /** The story to join; undefined to start a new one. */
  storyId?: string;
  best?: { storyId: string; pair: PairScore; threshold: number };
  /** Stories compared, and how many of them could not be joined at all. */
  compared: number;
  vetoed: number;
}

export interface StoryIndex {
  apply(entry: LogEntry): void;
  storyOfItem(itemId: string): string | undefined;
  decide(item: IndexedItem): Decision;
  /** Forgets stories whose last entry was logged before this time. */
  evictLoggedBefore(ms: number): void;
  readonly stats: TermStats;
  readonly size: number;
}

/** Pseudo-items in which no feature occurs: a young stream does not make every shared word look rare. */
const IDF_PRIOR_ITEMS = 20;
/** An outlet's feature is its boilerplate once the outlet has this many items... */
const BOILERPLATE_MIN_ITEMS = 3;
/** ...and the feature is on this share of them; it then weighs this much. */
const BOILERPLATE_SHARE = 0.5;
const BOILERPLATE_WEIGHT = 0.15;
/** Members of a story compared with a new item, at most (the first ones). */
const MAX_MEMBERS = 8;
/** Stories scored for one item, at most: those sharing the rarest features first. */
const MAX_CANDIDATES = 40;
/** A feature held by more stories than this share of them (and than the floor) does not propose candidates. */
const CROWDED_SHARE = 0.2;
const CROWDED_MIN = 200;

export function createStoryIndex(windowMs: number): StoryIndex {
  const stories = new Map<string, IndexedStory>();
  const postings = new Map<string, Set<string>>();
  const itemStory = new Map<string, string>();
  const df = new Map<string, number>();
  const feedItems = new Map<string, number>();
  /** Per feed: feature -> items of the feed holding it (nested, so no feed+feature key string is built per pair). */
  const feedDf = new Map<string, Map<string, number>>();
  /**
   * One string per distinct feature (and feed id): every entry read from the log brings its own copies, and an
   * index of a few hundred thousand items would otherwise hold millions of equal strings. Emptied with `df`.
   */
  const strings = new Map<string, string>();
  const intern = (value: string): string => {
    const known = strings.get(value);
    if (known !== undefined) return known;
    strings.set(value, value);
    return value;
  };
  let items = 0;

  const bump = (map: Map<string, number>, key: string, by: number): number => {
    const v = (map.get(key) ?? 0) + by;
    if (v <= 0) map.delete(key);
    else map.set(key, v);
    return v;
  };
  const count = (feedId: string, keys: Iterable<string>, by: 1 | -1) => {
    items += by;
    bump(feedItems, feedId, by);
    let perFeed = feedDf.get(feedId);
    if (!perFeed) feedDf.set(feedId, (perFeed = new Map()));
    for (const key of keys) {
      if (bump(df, key, by) <= 0) strings.delete(key);
      bump(perFeed, key, by);
    }
    if (perFeed.size === 0) feedDf.delete(feedId);
  };

  const stats: TermStats = {
    get generation() {
      return items;
    },
    idf: (key) => Math.log((items + IDF_PRIOR_ITEMS) / ((df.get(key) ?? 0) + 1)),
    boilerplate(feedId, key) {
      const n = feedItems.get(feedId) ?? 0;
      if (n < BOILERPLATE_MIN_ITEMS) return 1;
      return (feedDf.get(feedId)?.get(key) ?? 0) >= n * BOILERPLATE_SHARE ? BOILERPLATE_WEIGHT : 1;
    },
  };

  function candidates(item: IndexedItem): string[] {
    const weight = new Map<string, number>();
    // A feature most stories share (Kazakhstan, Tokayev) finds no story worth reading first; its list may be long.
    const crowded = Math.max(CROWDED_MIN, stories.size * CROWDED_SHARE);
    for (const key of item.features.terms.keys()) {
      const ids = postings.get(key);
      if (!ids || ids.size > crowded) continue;
      const idf = stats.idf(key);
      for (const id of ids) weight.set(id, (weight.get(id) ?? 0) + idf);
    }
    return [...weight].sort((a, b) => b[1] - a[1]).slice(0, MAX_CANDIDATES).map(([id]) => id);
  }

  return {
    stats,
    get size() {
      return stories.size;
    },

    apply(entry) {
      if (itemStory.has(entry.itemId)) return;
      itemStory.set(entry.itemId, entry.storyId);
      let story = stories.get(entry.storyId);
      if (!story) {
        story = { id: entry.storyId, firstMs: entry.publishedAtMs, members: [], counted: [], lastLoggedMs: entry.loggedAtMs };
        stories.set(story.id, story);
      }
      story.lastLoggedMs = Math.max(story.lastLoggedMs, entry.loggedAtMs);
      const feedId = intern(entry.feedId);
      const terms: FeatureSet = new Map();
      for (const [key, weight] of entry.features.terms) terms.set(intern(key), weight);
      if (story.members.length < MAX_MEMBERS) {
        const features = { ...entry.features, terms };
        story.members.push({ itemId: entry.itemId, feedId, publishedAtMs: entry.publishedAtMs, features });
      } else {
        story.counted.push({ itemId: entry.itemId, feedId, keys: [...terms.keys()] });
      }
      count(feedId, terms.keys(), 1);
      for (const key of terms.keys()) {
        const ids = postings.get(key) ?? new Set<string>();
        ids.add(story.id);
        postings.set(key, ids);
      }
    },

    storyOfItem: (itemId) => itemStory.get(itemId),

    decide(item) {
      const decision: Decision = { compared: 0, vetoed: 0 };
      let bestMargin = -Infinity;
      for (const id of candidates(item)) {
        const story = stories.get(id);
        if (!story || Math.abs(item.publishedAtMs - story.firstMs) > windowMs) continue;
        decision.compared++;
        let top: PairScore | undefined;
        let vetoed = false;
        for (const member of story.members.slice(0, MAX_MEMBERS)) {
          const pair = scorePair(item, member, stats, windowMs / 3_600_000);
          if (pair.veto) {
            vetoed = true;
            break;
          }
          if (!top || pair.score - thresholdFor(pair) > top.score - thresholdFor(top)) top = pair;
        }
        // A story holding a report of this outlet (not a re-post) or another city's templated headline is another event.
        if (vetoed) decision.vetoed++;
        if (vetoed || !top) continue;
        const margin = top.score - thresholdFor(top);
        if (margin > bestMargin) {
          bestMargin = margin;
          decision.best = { storyId: id, pair: top, threshold: thresholdFor(top) };
        }
      }
      if (decision.best && bestMargin >= 0) decision.storyId = decision.best.storyId;
      return decision;
    },

    evictLoggedBefore(ms) {
      for (const story of stories.values()) {
        if (story.lastLoggedMs >= ms) continue;
        stories.delete(story.id);
        const all = [...story.members.map((m) => ({ itemId: m.itemId, feedId: m.feedId, keys: [...m.features.terms.keys()] })), ...story.counted];
        for (const member of all) {
          itemStory.delete(member.itemId);
          count(member.feedId, member.keys, -1);
          for (const key of member.keys) {
            const ids = postings.get(key);
            ids?.delete(story.id);
            if (ids?.size === 0) postings.delete(key);
          }
        }
      }
    },
  };
}
