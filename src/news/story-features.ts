/**
 * The features that describe an item for story clustering. Pure.
 * Words are normalised and cut to a 5-letter stem so inflections align (военных/военные, troops/troop);
 * entity ids and numbers are language-neutral, so an English and a Russian title about the same event
 * share them (CSTO / ОДКБ → `@csto`, "2,500" / "2 500" → `#2500`).
 */

import type { StoryLanguage } from './story-language.js';

/** Feature → weight (a small integer; weighted MinHash repeats a feature this many times). */
export type FeatureSet = Map<string, number>;

const STOP_WORDS = new Set(
  (
    'the a an and or but of to in on at by for with from as is are was were be been has have had it its this that these those ' +
    'after before over under amid into about says said say will would could should can may new not no than then there their they ' +
    'he she his her who what when where which why how all more most also up out off per via vs s ' +
    'и в во на не что с со по к ко у о об от до из за для как а но же ли бы это этот эта эти был была были быть ' +
    'его ее их он она они мы вы я при про под над без так также уже еще или то чтобы после более года году год ' +
    'заявил заявила сообщил сообщает сообщила'
  ).split(' '),
);

const STEM_LENGTH = 5;
/** Words read from the body, after the title. */
const LEAD_WORDS = 30;

/** Weights: a shared number or entity says more about "same event" than a shared ordinary word. */
export const FEATURE_WEIGHTS = { titleWord: 2, leadWord: 1, entity: 2, number: 3, minorNumber: 1 } as const;

/** A number with thousands separators (2,500 / 2 500 / 2.500), or a word. */
const WORD = /\d{1,3}(?:[.,\u00A0\u202F ]\d{3})+(?![\p{L}\p{N}])|[\p{L}\p{N}]+/gu;

function numberFeature(token: string): { key: string; weight: number } | undefined {
  const digits = token.replace(/[.,\u00A0\u202F ]/g, '');
  if (!/^\d+$/.test(digits)) return undefined;
  const value = Number(digits);
  // Days of the month and years are in most stories of a period; they hint, they do not decide.
  const minor = value < 32 || (value >= 1990 && value <= 2040 && digits.length === 4);
  return { key: `#${digits}`, weight: minor ? FEATURE_WEIGHTS.minorNumber : FEATURE_WEIGHTS.number };
}

function add(set: FeatureSet, key: string, weight: number): void {
  if ((set.get(key) ?? 0) < weight) set.set(key, weight);
}

/** Lower-case stem of a word, `ё` read as `е`. */
export function stemWord(word: string): string {
  return word.toLowerCase().replace(/ё/g, 'е').slice(0, STEM_LENGTH);
}

/**
 * Features of an item: stems of the title's words, of the body's first words, the entity ids and the numbers.
 * @param ignoreStems stems to leave out (the topic pack's own names: their entity ids stand for them)
 */
export function storyFeatures(
  input: { title: string; text: string; entities: readonly string[] },
  ignoreStems: ReadonlySet<string> = new Set(),
): FeatureSet {
  const set: FeatureSet = new Map();
  const take = (source: string, wordWeight: number, limit: number) => {
    let n = 0;
    for (const [token] of source.normalize('NFC').matchAll(WORD)) {
      if (n++ >= limit) break;
      const num = numberFeature(token);
      if (num) {
        add(set, num.key, num.weight);
        continue;
      }
      const lower = token.toLowerCase();
      if (lower.length < 3 || STOP_WORDS.has(lower)) continue;
      const stem = stemWord(lower);
      if (!ignoreStems.has(stem)) add(set, stem, wordWeight);
    }
  };
  take(input.title, FEATURE_WEIGHTS.titleWord, 40);
  take(input.text, FEATURE_WEIGHTS.leadWord, LEAD_WORDS);
  for (const e of input.entities) add(set, `@${e}`, FEATURE_WEIGHTS.entity);
  return set;
}

/** Weighted Jaccard similarity: Σ min(wA, wB) / Σ max(wA, wB). 0 for two empty sets. */
export function weightedJaccard(a: FeatureSet, b: FeatureSet): number {
  let min = 0;
  let max = 0;
  for (const [k, wa] of a) {
    const wb = b.get(k) ?? 0;
    min += Math.min(wa, wb);
    max += Math.max(wa, wb);
  }
  for (const [k, wb] of b) if (!a.has(k)) max += wb;
  return max === 0 ? 0 : min / max;
}

/**
 * "stem:weight stem:weight", the form stored in Redis and read by the clustering script; with a language,
 * "lang=ru stem:weight ...". Strings stored without one are compared as if in the item's own language.
 */
export function encodeFeatures(set: FeatureSet, language?: StoryLanguage): string {
  const pairs = [...set].map(([k, w]) => `${k.replace(/[\s:]/g, '_')}:${w}`);
  return (language ? [`lang=${language}`, ...pairs] : pairs).join(' ');
}
