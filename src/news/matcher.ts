import type { EntityMatch } from './types.js';
import { entityNames, entityWeight, type TopicPack } from './topic-pack.js';
import { normalizeText } from './text.js';
import * as letters from './letters.js';
import * as names from './name-pattern.js';
import { compileName, isAcronym, type CompiledName } from './name-pattern.js';

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

// Local bindings: some loaders turn each use of an imported binding into a getter call, which the
// per-character loop below cannot afford.
const charFlags = letters.charFlags;
const matchNameAt = names.matchNameAt;
const foldVariantCode = letters.foldVariantCode;
const searchedCanonicalCode = letters.searchedCanonicalCode;
const FOLDED = letters.FOLDED;
const WORD = letters.CharFlag.word;
const COMBINING = letters.CharFlag.combining;
const KNOWN = letters.CharFlag.known;
const CHAR_FLAGS = letters.CHAR_FLAGS;

/** One entity's names of one case mode that start with the same two letters, longest pattern first. */
interface Candidate {
  entity: number;
  names: CompiledName[];
}

/** The candidates whose names start with one pair of letters (`pairKey`), in pack order. */
interface PairEntry {
  pair: number;
  candidates: Candidate[];
}

/**
 * Where names can start: the first two letters of a word, case folded, hashed to one of 64 Ki slots
 * (`pairSlot`) → the pairs names start with. Most words start with a pair no name starts with, and
 * their slot is empty: one array read answers them.
 */
type StartIndex = Array<PairEntry[] | undefined>;

const pairKey = (a: number, b: number): number => a * 0x10000 + b;
const pairSlot = (a: number, b: number): number => ((a << 6) ^ b) & 0xffff;

function addNames(index: StartIndex, entity: number, written: string[], caseSensitive: boolean): void {
  const byPair = new Map<number, CompiledName[]>();
  for (const name of written) {
    const normal = normalizeText(name);
    if (normal.length < 2) continue;
    const compiled = compileName(caseSensitive ? normal : normal.toLowerCase(), { inflect: !isAcronym(name), caseSensitive });
    const pair = pairKey(FOLDED[normal.charCodeAt(0)]!, FOLDED[normal.charCodeAt(1)]!);
    byPair.set(pair, [...(byPair.get(pair) ?? []), compiled]);
  }
  for (const [pair, compiled] of byPair) {
    // Longer names first, so "Kassym-Jomart Tokayev" is taken whole rather than as "Kassym".
    compiled.sort((x, y) => y.patternLength - x.patternLength);
    const slot = pairSlot(Math.floor(pair / 0x10000), pair % 0x10000);
    const entries = (index[slot] ??= []);
    let entry = entries.find((e) => e.pair === pair);
    if (!entry) entries.push((entry = { pair, candidates: [] }));
    entry.candidates.push({ entity, names: compiled });
  }
}

/** What one `match` call has found so far. */
interface Findings {
  field: EntityMatch['field'];
  entities: EntityMatch[];
  /** Entity index of each of `entities`. */
  order: number[];
  /**
   * Per entity index: equal to `call` once found in this call (each entity is reported once, where it
   * first appears). Kept across calls and never cleared, which costs less than a fresh array each time.
   */
  found: Int32Array;
  call: number;
  /** Entity ids by index. */
  entityIds: string[];
}

/** Tries the names starting with `pair` at `i`, a word start of `text`, recording the first that matches. */
function probe(entries: PairEntry[], pair: number, text: string, units: Uint16Array, n: number, i: number, into: Findings): void {
  const third = i + 2 < n ? units[i + 2]! : -1;
  const thirdAsWritten = third < 0 ? -1 : foldVariantCode(third);
  const thirdCanonical = third < 0 ? -1 : searchedCanonicalCode(third);
  for (const entry of entries) {
    if (entry.pair !== pair) continue;
    for (const candidate of entry.candidates) {
      const entity = candidate.entity;
      if (into.found[entity] === into.call) continue;
      for (const name of candidate.names) {
        if (name.third >= 0 && name.third !== (name.caseSensitive ? thirdAsWritten : thirdCanonical)) continue;
        const end = matchNameAt(name, units, n, i);
        if (end < 0) continue;
        into.found[entity] = into.call;
        into.order.push(entity);
        into.entities.push({ entityId: into.entityIds[entity]!, matched: text.slice(i, end), field: into.field });
        break;
      }
    }
  }
}

/**
 * One pass over `text` (its code units in `units`), probing each word start: a word code unit after a
 * non-word one. Returns false, having found nothing more, when the text holds a combining mark and
 * `composed` is false: the caller normalises it (NFC) and scans again, so accents and letters compare as one.
 */
function scan(index: StartIndex, text: string, units: Uint16Array, composed: boolean, into: Findings): boolean {
  const n = text.length;
  // Module bindings read in a loop are loaded and checked again at every iteration; locals are not.
  const flagsOf = CHAR_FLAGS;
  const folded = FOLDED;
  const known = KNOWN;
  const word = WORD;
  const combining = composed ? 0 : COMBINING;
  // In the common case one comparison classifies a code unit: known, not a combining mark, and a word
  // code unit or not. Anything else takes the slower way, once per code unit ever seen for `known`.
  const mask = known | word | combining;
  const knownWord = known | word;
  let i = 0;
  while (i < n) {
    let f = flagsOf[units[i]!]!;
    if ((f & mask) === known) {
      i++;
      continue;
    }
    if ((f & known) === 0) f = charFlags(units[i]!);
    if ((f & combining) !== 0) return false;
    if ((f & word) === 0) {
      i++;
      continue;
    }
    if (i + 1 < n) {
      const a = folded[units[i]!]!;
      const b = folded[units[i + 1]!]!;
      const entries = index[pairSlot(a, b)];
      if (entries !== undefined) probe(entries, pairKey(a, b), text, units, n, i, into);
    }
    // The rest of the word. Lower-case Russian and English letters, most of any text, are told by their
    // range without reading the table.
    for (;;) {
      while (++i < n) {
        const u = units[i]!;
        if (u - 0x430 < 0x20 && u >= 0x430) continue;
        if (u - 0x61 < 26 && u >= 0x61) continue;
        if (((f = flagsOf[u]!) & mask) !== knownWord) break;
      }
      if (i >= n) return true;
      if ((f & known) === 0) f = charFlags(units[i]!);
      if ((f & combining) !== 0) return false;
      if ((f & word) === 0) break;
    }
  }
  return true;
}

/**
 * Reading a string's characters one by one makes V8 check its representation at every read; copying its
 * code units out once (natively) and reading a typed array takes half the instructions. The copy goes to a
 * buffer kept between calls, grown up to `KEPT_UNITS` code units (128 KiB).
 */
const KEPT_UNITS = 1 << 16;
let keptUnits = new Uint16Array(4096);
let keptBytes = Buffer.from(keptUnits.buffer);

function codeUnits(text: string): Uint16Array {
  if (text.length <= keptUnits.length) {
    keptBytes.write(text, 0, 'utf16le');
    return keptUnits;
  }
  const units = new Uint16Array(text.length);
  const bytes = Buffer.from(units.buffer);
  bytes.write(text, 0, 'utf16le');
  if (text.length <= KEPT_UNITS) [keptUnits, keptBytes] = [units, bytes];
  return units;
}

function scanField(index: StartIndex, value: string, into: Findings): void {
  const before = into.entities.length;
  if (scan(index, value, codeUnits(value), false, into)) return;
  for (const entity of into.order.splice(before)) into.found[entity] = 0;
  into.entities.length = before;
  const composed = value.normalize('NFC');
  scan(index, composed, codeUnits(composed), true, into);
}

/**
 * Compiles a topic pack into one matcher. Matching is case-insensitive on NFC text with `ё` read as `е`;
 * Russian and Kazakh names of four letters or more also match inflected forms (Токаева, Тоқаевтың),
 * English ones a plural or possessive; acronyms (CSTO, ОДКБ) and the pack's `caseSensitive` names match
 * only as written. A name never matches inside a longer word. One pass over the code units of each
 * text, with no RegExp: see name-pattern.ts for the rule a name follows.
 */
export function compileMatcher(pack: TopicPack): Matcher {
  const index: StartIndex = new Array<PairEntry[] | undefined>(0x10000).fill(undefined);
  const entityIds = pack.entities.map((e) => e.id);
  const weights = pack.entities.map(entityWeight);
  for (const [entity, e] of pack.entities.entries()) {
    const all = entityNames(e);
    addNames(index, entity, all.filter((n) => !isAcronym(n)), false);
    addNames(index, entity, [...all.filter(isAcronym), ...(e.caseSensitive ?? [])], true);
  }
  const { threshold, titleFactor, anchorMinWeight } = pack.scoring;

  const found = new Int32Array(entityIds.length);
  let call = 0;

  return {
    match(title, text) {
      // Call numbers start at 1, so a 0 in `found` is never current; wrapping round starts afresh.
      call = call === 0x7fffffff ? 1 : call + 1;
      if (call === 1) found.fill(0);
      const findings: Findings = { field: 'title', entities: [], order: [], entityIds, found, call };
      if (title) scanField(index, title, findings);
      findings.field = 'text';
      if (text) scanField(index, text, findings);
      let score = 0;
      let anchored = false;
      for (let k = 0; k < findings.entities.length; k++) {
        const m = findings.entities[k]!;
        const w = weights[findings.order[k]!]!;
        score += m.field === 'title' ? w * titleFactor : w;
        if (w >= anchorMinWeight) anchored = true;
      }
      score = Math.round(score * 1000) / 1000;
      return { entities: findings.entities, score, relevant: anchored && score >= threshold };
    },
  };
}
