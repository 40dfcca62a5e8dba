import type { EntityMatch } from './types.js';
import { entityNames, entityWeight, type TopicPack } from './topic-pack.js';
import { foldVariants, normalizeText } from './text.js';
import * as letters from './letters.js';
import { namePattern, isAcronym, WORD_CLASS } from './name-pattern.js';

/** What the matcher found in one item. */
export interface MatchResult {
  /** One match per entity (the title's when it appears there), in order of first appearance, title first. */
  entities: EntityMatch[];
  /** Sum over matched entities of weight × (titleFactor when in the title, else 1). */
  score: number;
  /** score ≥ threshold and at least one matched entity weighs at least anchorMinWeight. */
  relevant: boolean;
}

/** Finds a topic pack's entities in news text. Compiled once, reused for every item. */
export interface Matcher {
  match(title: string, text: string): MatchResult;
}

/** A match and where it starts, to order matches as they appear. */
interface Found {
  match: EntityMatch;
  order: number;
}

// Local bindings: some loaders turn each call to an imported function into a getter call, which the
// per-character loop below cannot afford.
const isWordCode = letters.isWordCode;
const bigramKey = letters.bigramKey;

interface Candidate {
  entityId: string;
  /** The entity's names (of one case mode) starting with one pair of letters, run where the scan found them. */
  sticky: RegExp;
}

/**
 * Where names can start: first two letters (case folded) → the entities with a name starting so.
 * Scanning word starts and looking them up is much cheaper than running one big alternation over
 * Cyrillic text, where almost every position passes a RegExp's first-character check.
 */
type StartIndex = Map<number, Candidate[]>;

function addNames(index: StartIndex, entityId: string, names: string[], caseSensitive: boolean): void {
  const byStart = new Map<number, string[]>();
  for (const name of names) {
    const written = normalizeText(name);
    if (written.length < 2) continue;
    const pattern = namePattern(caseSensitive ? written : written.toLowerCase(), { inflect: !isAcronym(name) });
    const key = bigramKey(written.charCodeAt(0), written.charCodeAt(1));
    byStart.set(key, [...(byStart.get(key) ?? []), pattern]);
  }
  const boundary = `(?![${WORD_CLASS}])`;
  for (const [key, patterns] of byStart) {
    // Longer alternatives first, so "Kassym-Jomart Tokayev" is taken whole rather than as "Kassym".
    patterns.sort((a, b) => b.length - a.length);
    const sticky = new RegExp(`(?:${patterns.join('|')})${boundary}`, caseSensitive ? 'y' : 'yi');
    index.set(key, [...(index.get(key) ?? []), { entityId, sticky }]);
  }
}

function findInto(index: StartIndex, written: string, searched: string, field: EntityMatch['field'], found: Map<string, Found>): void {
  let prevIsWord = false;
  const last = searched.length - 1;
  for (let i = 0; i < last; i++) {
    const c = searched.charCodeAt(i);
    const isWord = isWordCode(c);
    if (isWord && !prevIsWord) {
      const candidates = index.get(bigramKey(c, searched.charCodeAt(i + 1)));
      if (candidates) {
        for (const { entityId, sticky } of candidates) {
          if (found.has(entityId)) continue;
          sticky.lastIndex = i;
          const m = sticky.exec(searched);
          if (m) found.set(entityId, { match: { entityId, matched: written.slice(i, i + m[0].length), field }, order: (field === 'title' ? 0 : 1e9) + i });
        }
      }
    }
    prevIsWord = isWord;
  }
}

/** NFC, skipped (it costs more than the scan) when the text has no combining marks to compose. */
function normalizeForm(text: string): string {
  return /[\u0300-\u036F\u0483-\u0489]/.test(text) ? text.normalize('NFC') : text;
}

/**
 * Compiles a topic pack into one matcher. Matching is case-insensitive on NFC text with `ё` read as `е`;
 * Russian and Kazakh names of four letters or more also match inflected forms (Токаева, Тоқаевтың),
 * English ones a plural or possessive; acronyms (CSTO, ОДКБ) and the pack's `caseSensitive` names match
 * only as written. A name never matches inside a longer word.
 */
export function compileMatcher(pack: TopicPack): Matcher {
  const index: StartIndex = new Map();
  const weights = new Map<string, number>();
  for (const entity of pack.entities) {
    weights.set(entity.id, entityWeight(entity));
    const names = entityNames(entity);
    addNames(index, entity.id, names.filter((n) => !isAcronym(n)), false);
    addNames(index, entity.id, [...names.filter(isAcronym), ...(entity.caseSensitive ?? [])], true);
  }
  const { threshold, titleFactor, anchorMinWeight } = pack.scoring;

  return {
    match(title, text) {
      const found = new Map<string, Found>();
      for (const [field, value] of [['title', title], ['text', text]] as const) {
        if (!value) continue;
        const written = normalizeForm(value);
        findInto(index, written, foldVariants(written), field, found);
      }
      let score = 0;
      let anchored = false;
      const entities = [...found.values()].sort((a, b) => a.order - b.order).map((f) => f.match);
      for (const m of entities) {
        const w = weights.get(m.entityId) ?? 1;
        score += m.field === 'title' ? w * titleFactor : w;
        if (w >= anchorMinWeight) anchored = true;
      }
      score = Math.round(score * 1000) / 1000;
      return { entities, score, relevant: anchored && score >= threshold };
    },
  };
}
