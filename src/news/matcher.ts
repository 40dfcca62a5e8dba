import type { EntityMatch } from './types.js';
import { entityNames, entityWeight, type TopicPack } from './topic-pack.js';
import { isWordCharAt, normalizeText } from './text.js';
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

interface Finder {
  /** Finds candidate positions anywhere: every pattern of the pack in one alternation. */
  scan: RegExp;
  /** Per first character: the entities that have a name starting with it, each with a sticky regex. */
  byFirstChar: Map<string, Array<{ entityId: string; sticky: RegExp }>>;
  lowerCase: boolean;
}

function buildFinder(entries: Array<{ entityId: string; name: string }>, lowerCase: boolean): Finder | undefined {
  if (entries.length === 0) return undefined;
  const perEntity = new Map<string, string[]>();
  const firstChars = new Map<string, Set<string>>();
  const all: Array<{ pattern: string; length: number }> = [];
  for (const { entityId, name } of entries) {
    const written = lowerCase ? normalizeText(name).toLowerCase() : normalizeText(name);
    const pattern = namePattern(written, { inflect: !isAcronym(name) });
    all.push({ pattern, length: written.length });
    perEntity.set(entityId, [...(perEntity.get(entityId) ?? []), pattern]);
    const first = written[0] ?? '';
    firstChars.set(first, (firstChars.get(first) ?? new Set()).add(entityId));
  }
  const boundary = `(?![${WORD_CLASS}])`;
  // Longer names first, so "Kassym-Jomart Tokayev" wins over "Tokayev" at the same position.
  all.sort((a, b) => b.length - a.length);
  const scan = new RegExp(`(?:${[...new Set(all.map((a) => a.pattern))].join('|')})${boundary}`, 'g');
  const sticky = new Map<string, RegExp>();
  for (const [entityId, patterns] of perEntity) sticky.set(entityId, new RegExp(`(?:${patterns.join('|')})${boundary}`, 'y'));
  const byFirstChar = new Map<string, Array<{ entityId: string; sticky: RegExp }>>();
  for (const [ch, ids] of firstChars) byFirstChar.set(ch, [...ids].map((entityId) => ({ entityId, sticky: sticky.get(entityId)! })));
  return { scan, byFirstChar, lowerCase };
}

/** Lower-cases without changing the length (a few characters, like `İ`, lengthen when lower-cased). */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

function findInto(
  finder: Finder,
  original: string,
  searched: string,
  field: EntityMatch['field'],
  found: Map<string, Found>,
): void {
  const { scan, byFirstChar } = finder;
  scan.lastIndex = 0;
  let hit: RegExpExecArray | null;
  while ((hit = scan.exec(searched)) !== null) {
    const at = hit.index;
    // Names may overlap ("Kazakh Security Council" holds "Kazakh"), so the next search starts one further.
    scan.lastIndex = at + 1;
    if (isWordCharAt(searched, at - 1)) continue;
    for (const { entityId, sticky } of byFirstChar.get(searched[at] ?? '') ?? []) {
      if (found.has(entityId)) continue;
      sticky.lastIndex = at;
      const m = sticky.exec(searched);
      if (m) found.set(entityId, { match: { entityId, matched: original.slice(at, at + m[0].length), field }, order: (field === 'title' ? 0 : 1e9) + at });
    }
  }
}

/**
 * Compiles a topic pack into one matcher. Matching is case-insensitive on NFC text with `ё` read as `е`;
 * Russian and Kazakh names of four letters or more also match inflected forms (Токаева, Тоқаевтың),
 * English ones a plural or possessive; acronyms (CSTO, ОДКБ) and the pack's `caseSensitive` names match
 * only as written. A name never matches inside a longer word.
 */
export function compileMatcher(pack: TopicPack): Matcher {
  const insensitive: Array<{ entityId: string; name: string }> = [];
  const sensitive: Array<{ entityId: string; name: string }> = [];
  const weights = new Map<string, number>();
  for (const entity of pack.entities) {
    weights.set(entity.id, entityWeight(entity));
    for (const name of entityNames(entity)) {
      (isAcronym(name) ? sensitive : insensitive).push({ entityId: entity.id, name });
    }
    for (const name of entity.caseSensitive ?? []) sensitive.push({ entityId: entity.id, name });
  }
  const finders = [buildFinder(insensitive, true), buildFinder(sensitive, false)].filter((f) => f !== undefined);
  const { threshold, titleFactor, anchorMinWeight } = pack.scoring;

  return {
    match(title, text) {
      const found = new Map<string, Found>();
      for (const [field, value] of [['title', title], ['text', text]] as const) {
        if (!value) continue;
        const normal = normalizeText(value);
        let lower: string | undefined;
        for (const finder of finders) {
          if (finder.lowerCase) lower ??= lowerSameLength(normal);
          findInto(finder, normal, finder.lowerCase ? lower! : normal, field, found);
        }
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
