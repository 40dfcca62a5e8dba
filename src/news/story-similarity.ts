/**
 * How alike two items are, as evidence that they report one event. Pure.
 *
 * Each feature weighs its weight × how rare it is in the stream (IDF) × how little it is its outlet's
 * boilerplate. Two items in one language compare on words and on language-neutral features (concepts,
 * entities, names, numbers); two in different languages on the neutral features alone, against a
 * threshold of their own. Time apart lowers the score; two items of one outlet join only when nearly
 * identical (an outlet rarely reports one event twice; a templated series is many events); two titles
 * that name different places or people in the same slot count against a join.
 */
import type { StoryFeatures } from './story-features.js';

/** An item as the index keeps it. */
export interface IndexedItem {
  itemId: string;
  feedId: string;
  publishedAtMs: number;
  features: StoryFeatures;
}

/** What the stream has taught about features. */
export interface TermStats {
  /** Inverse document frequency of a feature among the stream's items (higher is rarer). */
  idf(key: string): number;
  /** 1 for an ordinary feature of this feed; less when the feed puts it on most of its items. */
  boilerplate(feedId: string, key: string): number;
  /** Items the statistics were learned from; weights computed at a close generation are reused. */
  readonly generation: number;
}

/** The rule's constants; see docs/story-clustering.md. */
export const SIMILARITY_RULE = {
  /** Share of the words' similarity in a same-language score (the rest is the neutral features'). */
  wordShare: 0.5,
  /** Score from which an item joins a story in its own language... */
  sameLanguageThreshold: 0.33,
  /** ...and from which it joins one whose best match is in another language. */
  crossLanguageThreshold: 0.33,
  /** Items this close in time compare at full strength, in hours... */
  fullStrengthHours: 6,
  /** ...at this strength a day apart (a day-2 follow-up of the same actors and words)... */
  dayStrength: 0.5,
  /** ...and at this strength one window (48 h) apart, linearly in between. */
  windowEndStrength: 0.3,
  /** Features two items in different languages must share, one of them a concept or a count. */
  crossLanguageMinShared: 2,
  /** Word similarity from which two items of one outlet are the same report (a re-post, an update). */
  sameOutletWords: 0.75,
  /** Factor on a pair whose titles give counts that are nowhere near each other... */
  countConflictFactor: 0.6,
  /** ...and on one whose titles share a count of different things (225 killed, 225 children injured). */
  countedConflictFactor: 0.5,
  /** Factor on a pair whose titles both name people, places or sites the other item never mentions... */
  slotConflictFactor: 0.5,
  /** ...and when only one title does. */
  oneSidedSlotFactor: 0.85,
  /** Factor on a pair whose titles share no concept and each says something (a concept) the other item never mentions. */
  whatConflictFactor: 0.5,
} as const;

export interface PairScore {
  score: number;
  words: number;
  neutral: number;
  crossLanguage: boolean;
  /** Why the story of this member cannot be joined at all, when it cannot. */
  veto?: 'same outlet' | 'different heads';
  /** True when the pair shares names only, or (across languages) no concept or count: it scores 0. */
  weak: boolean;
  /** Titles naming people or places the other item never mentions: 0 (none), 1 (one title) or 2 (both). */
  slotConflict: 0 | 1 | 2;
  /** The titles share no concept and each says something (a concept) the other item never mentions: a landing and an opening at one airport. */
  whatConflict: boolean;
  /** Title counts nowhere near each other (`far apart`), or one count of different things (`different things`). */
  countConflict?: 'far apart' | 'different things';
  /** The shared features that weighed most, strongest first. */
  shared: string[];
}

/** Share of containment in a similarity (the rest is cosine). */
const CONTAINMENT_SHARE = 0.3;

type Vectors = { words: Map<string, number>; neutral: Map<string, number> };

/** The weighted vectors of an item: its words, and the features every language shares (with cognates only across languages). */
function computeWeights(item: IndexedItem, stats: TermStats, crossLanguage: boolean): Vectors {
  const words = new Map<string, number>();
  const neutral = new Map<string, number>();
  for (const [key, w] of item.features.terms) {
    if (key.startsWith('k:') && !crossLanguage) continue;
    const v = w * stats.idf(key) * stats.boilerplate(item.feedId, key);
    (key.startsWith('w:') ? words : neutral).set(key, v);
  }
  return { words, neutral };
}

/** Weights move slowly as the stream grows: an item's vectors are kept until it has grown by this share. */
const REWEIGH_SHARE = 0.05;
const cache = new WeakMap<IndexedItem, { generation: number; same?: Vectors; cross?: Vectors }>();

function weights(item: IndexedItem, stats: TermStats, crossLanguage: boolean): Vectors {
  let entry = cache.get(item);
  if (!entry || Math.abs(entry.generation - stats.generation) > Math.max(2, stats.generation * REWEIGH_SHARE)) {
    entry = { generation: stats.generation };
    cache.set(item, entry);
  }
  const slot = crossLanguage ? 'cross' : 'same';
  return (entry[slot] ??= computeWeights(item, stats, crossLanguage));
}

function cosine(a: Map<string, number>, b: Map<string, number>, shared: Array<[string, number]>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, va] of a) {
    na += va * va;
    const vb = b.get(k);
    if (vb !== undefined) {
      dot += va * vb;
      shared.push([k, va * vb]);
    }
  }
  for (const vb of b.values()) nb += vb * vb;
  if (na === 0 || nb === 0) return 0;
  // Between cosine and containment: a short report wholly inside a longer one (a headline that tells two
  // events at once) is evidence too, but less than two reports that say the same things.
  const cos = dot / Math.sqrt(na * nb);
  const contained = Math.min(1, dot / Math.min(na, nb));
  return (1 - CONTAINMENT_SHARE) * cos + CONTAINMENT_SHARE * contained;
}

/** Whether an item names an actor (entity id), a name key or a site (`c:airport`) anywhere. */
function mentions(item: IndexedItem, key: string): boolean {
  if (key.startsWith('c:')) return item.features.terms.has(key);
  return item.features.terms.has(`e:${key}`) || item.features.terms.has(`p:${key}`);
}

function slotConflict(a: IndexedItem, b: IndexedItem): 0 | 1 | 2 {
  const aOnly = a.features.titleNames.some((k) => !mentions(b, k));
  const bOnly = b.features.titleNames.some((k) => !mentions(a, k));
  return ((aOnly ? 1 : 0) + (bOnly ? 1 : 0)) as 0 | 1 | 2;
}

/** An item's concepts and title counts, read once per item: they do not change. */
interface Shape {
  concepts: number;
  titleCounts: string[];
  titleConcepts: string[];
}

const shape = new WeakMap<IndexedItem, Shape>();

function shapeOf(item: IndexedItem): Shape {
  let v = shape.get(item);
  if (!v) {
    let concepts = 0;
    const titleCounts: string[] = [];
    const titleConcepts: string[] = [];
    for (const [k, w] of item.features.terms) {
      // A title concept weighs 2; the lead's 1.
      if (k.startsWith('c:')) {
        concepts++;
        if (w >= 2) titleConcepts.push(k);
      }
      // A title number weighs 1.5 per bucket; the lead's 0.75.
      else if (k.startsWith('n:') && w >= 1.5) titleCounts.push(k);
    }
    v = { concepts, titleCounts, titleConcepts };
    shape.set(item, v);
  }
  return v;
}

/** Both say what happened, in words of the vocabulary, and none of it agrees: a shared count is chance. */
function conceptsDisagree(a: IndexedItem, b: IndexedItem, what: ReadonlyArray<[string, number]>): boolean {
  return !what.some(([k]) => k.startsWith('c:')) && shapeOf(a).concepts > 0 && shapeOf(b).concepts > 0;
}

/**
 * How the titles' counts disagree: `far apart` when both give a count and no count of one is near any count of
 * the other (2,500 troops against 227 dead); `different things` when they share a count that counts different
 * things (225 killed against 225 children injured).
 */
function countsDisagree(a: IndexedItem, b: IndexedItem): PairScore['countConflict'] {
  const ta = shapeOf(a).titleCounts;
  const tb = shapeOf(b).titleCounts;
  if (ta.length === 0 || tb.length === 0) return undefined;
  if (!ta.some((k) => b.features.terms.has(k)) && !tb.some((k) => a.features.terms.has(k))) return 'far apart';
  const ca = a.features.counted;
  const cb = b.features.counted;
  if (!ca || !cb) return undefined;
  const shared = Object.keys(ca).filter((k) => cb[k] !== undefined);
  const different = shared.length > 0 && shared.every((k) => !ca[k]!.some((c) => cb[k]!.includes(c)));
  return different ? 'different things' : undefined;
}

/** The titles say nothing happened alike, and each says something the other item never mentions: a landing and an opening at one airport. */
function whatDisagrees(a: IndexedItem, b: IndexedItem): boolean {
  const ta = shapeOf(a).titleConcepts;
  const tb = shapeOf(b).titleConcepts;
  if (ta.some((k) => tb.includes(k))) return false;
  const missing = (x: readonly string[], y: IndexedItem) => x.some((k) => !y.features.terms.has(k));
  return missing(ta, b) && missing(tb, a);
}

/** The time factor: 1 up to `fullStrengthHours` apart, `dayStrength` at 24 h, `windowEndStrength` at the window's end. */
export function timeFactor(hoursApart: number, windowHours: number): number {
  const { fullStrengthHours: full, dayStrength: day, windowEndStrength: end } = SIMILARITY_RULE;
  if (hoursApart <= full) return 1;
  if (hoursApart <= 24) return 1 - ((1 - day) * (hoursApart - full)) / (24 - full);
  return Math.max(end, day - ((day - end) * (hoursApart - 24)) / Math.max(1, windowHours - 24));
}

/** Scores a new item against one member of a story. */
export function scorePair(item: IndexedItem, member: IndexedItem, stats: TermStats, windowHours: number): PairScore {
  const crossLanguage = item.features.language !== member.features.language;
  const a = weights(item, stats, crossLanguage);
  const b = weights(member, stats, crossLanguage);
  const sharedTerms: Array<[string, number]> = [];
  const words = crossLanguage ? 0 : cosine(a.words, b.words, sharedTerms);
  const neutral = cosine(a.neutral, b.neutral, sharedTerms);
  const base = crossLanguage ? neutral : SIMILARITY_RULE.wordShare * words + (1 - SIMILARITY_RULE.wordShare) * neutral;
  const conflict = slotConflict(item, member);
  // Names alone (every story of the week names Tokayev) say who, not what happened.
  const content = sharedTerms.filter(([k]) => /^[wcnxk]:/.test(k));
  const what = sharedTerms.filter(([k]) => k.startsWith('c:') || k.startsWith('n:') || k.startsWith('x:') || k.startsWith('k:'));
  const weak =
    content.length === 0 ||
    (crossLanguage && (what.length === 0 || sharedTerms.length < SIMILARITY_RULE.crossLanguageMinShared || conceptsDisagree(item, member, what)));
  const hours = Math.abs(item.publishedAtMs - member.publishedAtMs) / 3_600_000;
  const slot = conflict === 2 ? SIMILARITY_RULE.slotConflictFactor : conflict === 1 ? SIMILARITY_RULE.oneSidedSlotFactor : 1;
  const countConflict = countsDisagree(item, member);
  const counts =
    countConflict === 'far apart' ? SIMILARITY_RULE.countConflictFactor : countConflict === 'different things' ? SIMILARITY_RULE.countedConflictFactor : 1;
  const whatConflict = whatDisagrees(item, member);
  const what2 = whatConflict ? SIMILARITY_RULE.whatConflictFactor : 1;
  // A re-post (nearly the same words in one language) is the same report however late it comes.
  const repost = !crossLanguage && words >= SIMILARITY_RULE.sameOutletWords;
  const score = weak ? 0 : base * (repost ? 1 : timeFactor(hours, windowHours)) * slot * counts * what2;
  const shared = sharedTerms.sort((x, y) => y[1] - x[1]).slice(0, 6).map(([k]) => k);
  const result: PairScore = { score, words, neutral, crossLanguage, slotConflict: conflict, whatConflict, ...(countConflict ? { countConflict } : {}), shared, weak };
  const { head: ha } = item.features;
  const { head: hb } = member.features;
  if (ha && hb && ha !== hb && !mentions(member, ha) && !mentions(item, hb)) result.veto = 'different heads';
  // A bilingual outlet's two editions of one report are two languages of one feed: compared as any other pair.
  else if (item.feedId === member.feedId && !crossLanguage && words < SIMILARITY_RULE.sameOutletWords) result.veto = 'same outlet';
  return result;
}

/** The threshold a pair must reach. */
export function thresholdFor(pair: PairScore): number {
  return pair.crossLanguage ? SIMILARITY_RULE.crossLanguageThreshold : SIMILARITY_RULE.sameLanguageThreshold;
}
