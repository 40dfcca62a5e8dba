import type { EntityMatch } from './types.js';
import { allEntityNames, entityWeight, type TopicPack } from './topic-pack.js';
import { normalizeText } from './text.js';
import * as letters from './letters.js';
import * as names from './name-pattern.js';
import { byLengthDescending, compileName, isAcronym, type CompiledName } from './name-pattern.js';
import { compileMentionContext, type FieldText, type Mention, type MentionContext } from './mention-context.js';

/** An entity whose every mention in the item was vetoed by its context, and so does not count. */
export interface VetoedMatch extends EntityMatch {
  /** The veto's reason ("cycling team", "another person of this surname"). */
  reason: string;
}

/** What the matcher found in one item. */
export interface MatchResult {
  /** One match per entity (the title's when it appears there), in order of first appearance, title first. */
  entities: EntityMatch[];
  /** Sum over matched entities of weight × (titleFactor when in the title, else 1). */
  score: number;
  /** score ≥ threshold and at least one matched entity weighs at least anchorMinWeight. */
  relevant: boolean;
  /** Entities found only where their context vetoed them, with the first such mention: why they did not count. */
  vetoed: VetoedMatch[];
}

/** How `compileMatcher` judges mentions by their context. */
export interface MatcherOptions {
  /** Decides which mentions count. Default: the pack's vetoes and given names (`compileMentionContext`). */
  context?: MentionContext;
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
const VARIANT = letters.VARIANT;
const WORD = letters.CharFlag.word;
const COMBINING = letters.CharFlag.combining;
const KNOWN = letters.CharFlag.known;
const CHAR_FLAGS = letters.CHAR_FLAGS;

/** A compiled name of an entity, with what the context check needs to know of it. */
interface EntityName extends CompiledName {
  /** Its index in `allEntityNames`. */
  form: number;
  /** A person's surname alone (one word, not an acronym). */
  surname: boolean;
}

/** One entity's names of one case mode that start with the same two letters, longest first. */
interface Candidate {
  entity: number;
  names: EntityName[];
}

/** The candidates whose names start with one pair of letters (`pairKey`), in pack order. */
interface PairEntry {
  pair: number;
  candidates: Candidate[];
}

/**
 * Where names can start: the first two letters of a word, hashed to one of 64 Ki slots (`pairSlot`) → the
 * pairs names start with. Most words start with a pair no name starts with, and their slot is empty: one
 * array read answers them. Case-insensitive names are keyed by their letters case folded, case-sensitive
 * names and acronyms by their letters as written, so "пересмотр" never tries "Первый Президент".
 */
type StartIndex = Array<PairEntry[] | undefined>;

const pairKey = (a: number, b: number): number => a * 0x10000 + b;
const pairSlot = (a: number, b: number): number => ((a << 6) ^ b) & 0xffff;

function addNames(index: StartIndex, entity: number, written: Array<{ name: string; form: number }>, caseSensitive: boolean, person: boolean): void {
  const byPair = new Map<number, EntityName[]>();
  for (const { name, form } of written) {
    const normal = normalizeText(name);
    if (normal.length < 2) continue;
    const acronym = isAcronym(name);
    const compiled = compileName(caseSensitive ? normal : normal.toLowerCase(), { inflect: !acronym, person, caseSensitive });
    const key = caseSensitive ? VARIANT : FOLDED;
    const pair = pairKey(key[normal.charCodeAt(0)]!, key[normal.charCodeAt(1)]!);
    byPair.set(pair, [...(byPair.get(pair) ?? []), { ...compiled, form, surname: person && !acronym && compiled.words === 1 }]);
  }
  for (const [pair, compiled] of byPair) {
    // Longer names first, so "Kassym-Jomart Tokayev" is taken whole rather than as "Kassym".
    compiled.sort(byLengthDescending);
    const slot = pairSlot(Math.floor(pair / 0x10000), pair % 0x10000);
    const entries = (index[slot] ??= []);
    let entry = entries.find((e) => e.pair === pair);
    if (!entry) entries.push((entry = { pair, candidates: [] }));
    entry.candidates.push({ entity, names: compiled });
  }
}

/** Mentions kept per entity and item for the context check; past that the entity counts as found. */
const MAX_MENTIONS = 8;

/** What one `match` call has found so far. */
interface Findings {
  field: EntityMatch['field'];
  entities: EntityMatch[];
  /** Entity index of each of `entities`. */
  order: number[];
  /** Where each of `entities` starts in its field. */
  starts: number[];
  /**
   * Per entity index: equal to `call` once found in this call (each entity is reported once, where it
   * first appears). Kept across calls and never cleared, which costs less than a fresh array each time.
   */
  found: Int32Array;
  call: number;
  /** Entity ids by index. */
  entityIds: string[];
  /**
   * Per entity index: 1 when its mentions go to `mentions`, to be judged by their context after the scan;
   * 2 when a surname mention is judged as soon as it is found (`MentionContext.surnameVeto`).
   */
  vetoable: Uint8Array;
  context: MentionContext;
  /** Mentions judged at once and vetoed, with why; reported when the entity never counts. */
  vetoedAtOnce: Array<{ entity: number; match: VetoedMatch }>;
  /** Mentions of vetoable entities, in the order found. */
  mentions: Mention[];
  /** Per entity index: mentions kept in this call (valid where `mentionCall` equals `call`). */
  mentionCount: Int32Array;
  mentionCall: Int32Array;
}

/** Judges a surname mention at once; records it and returns true when it is someone else's. */
function vetoedAtOnce(into: Findings, entity: number, text: string, units: Uint16Array, start: number, end: number): boolean {
  const reason = into.context.surnameVeto?.(entity, { text, units }, start);
  if (reason === undefined) return false;
  into.vetoedAtOnce.push({ entity, match: { entityId: into.entityIds[entity]!, matched: text.slice(start, end), field: into.field, reason } });
  return true;
}

/** Keeps a mention of a vetoable entity for the context check. */
function keepMention(into: Findings, entity: number, name: EntityName, start: number, end: number): void {
  if (into.mentionCall[entity] !== into.call) {
    into.mentionCall[entity] = into.call;
    into.mentionCount[entity] = 0;
  }
  into.mentions.push({ entity, field: into.field === 'title' ? 0 : 1, start, end, form: name.form, surname: name.surname });
  if (++into.mentionCount[entity]! >= MAX_MENTIONS) into.found[entity] = into.call;
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
        const mode = into.vetoable[entity];
        if (mode === 1) keepMention(into, entity, name, i, end);
        else if (mode === 2 && name.surname && vetoedAtOnce(into, entity, text, units, i, end)) {
          // Someone else of that name: look on for the entity.
        } else {
          into.found[entity] = into.call;
          into.order.push(entity);
          into.starts.push(i);
          into.entities.push({ entityId: into.entityIds[entity]!, matched: text.slice(i, end), field: into.field });
        }
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
function scan(index: Indexes, text: string, units: Uint16Array, composed: boolean, into: Findings): boolean {
  const n = text.length;
  // Module bindings read in a loop are loaded and checked again at every iteration; locals are not.
  const flagsOf = CHAR_FLAGS;
  const folded = FOLDED;
  const variant = VARIANT;
  const insensitive = index.insensitive;
  const sensitive = index.sensitive;
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
      const entries = insensitive[pairSlot(a, b)];
      if (entries !== undefined) probe(entries, pairKey(a, b), text, units, n, i, into);
      const wa = variant[units[i]!]!;
      const wb = variant[units[i + 1]!]!;
      const exact = sensitive[pairSlot(wa, wb)];
      if (exact !== undefined) probe(exact, pairKey(wa, wb), text, units, n, i, into);
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
/** One buffer per field (title, text), so that both are at hand for the context check after the scan. */
const kept: [Uint16Array, Uint16Array] = [new Uint16Array(512), new Uint16Array(4096)];
const keptBytes: [Buffer, Buffer] = [Buffer.from(kept[0].buffer), Buffer.from(kept[1].buffer)];

function codeUnits(slot: 0 | 1, text: string): Uint16Array {
  if (text.length <= kept[slot].length) {
    keptBytes[slot].write(text, 0, 'utf16le');
    return kept[slot];
  }
  const units = new Uint16Array(text.length);
  const bytes = Buffer.from(units.buffer);
  bytes.write(text, 0, 'utf16le');
  if (text.length <= KEPT_UNITS) [kept[slot], keptBytes[slot]] = [units, bytes];
  return units;
}

/** The start index of case-insensitive names, and that of case-sensitive names and acronyms. */
interface Indexes {
  insensitive: StartIndex;
  sensitive: StartIndex;
}

/** Scans one field; returns it as scanned (composed when it held a combining mark), with its code units. */
function scanField(index: Indexes, slot: 0 | 1, value: string, into: Findings): FieldText {
  const before = into.entities.length;
  const mentionsBefore = into.mentions.length;
  const vetoedBefore = into.vetoedAtOnce.length;
  const units = codeUnits(slot, value);
  if (scan(index, value, units, false, into)) return { text: value, units };
  for (const entity of into.order.splice(before)) into.found[entity] = 0;
  into.entities.length = before;
  into.starts.length = before;
  for (const m of into.mentions.splice(mentionsBefore)) {
    into.mentionCount[m.entity]!--;
    into.found[m.entity] = 0;
  }
  into.vetoedAtOnce.length = vetoedBefore;
  const composed = value.normalize('NFC');
  const composedUnits = codeUnits(slot, composed);
  scan(index, composed, composedUnits, true, into);
  return { text: composed, units: composedUnits };
}

const NO_FIELD: FieldText = { text: '', units: new Uint16Array(0) };

/**
 * Judges the kept mentions by their context, in the order found: an entity counts from its first mention
 * that is not vetoed, placed among the others by where it is. Returns the entities never counted, with
 * their first vetoed mention and why.
 */
function resolveMentions(context: MentionContext, into: Findings, fields: readonly [FieldText, FieldText]): VetoedMatch[] {
  const counted = new Set<number>();
  const vetoed = new Map<number, VetoedMatch>();
  const added: Array<{ entity: number; field: number; start: number; match: EntityMatch }> = [];
  for (const m of into.mentions) {
    if (counted.has(m.entity)) continue;
    const field = m.field === 0 ? 'title' : 'text';
    const match = { entityId: into.entityIds[m.entity]!, matched: fields[m.field]!.text.slice(m.start, m.end), field } as const;
    const reason = context.vetoOf(m, fields);
    if (reason === undefined) {
      counted.add(m.entity);
      added.push({ entity: m.entity, field: m.field, start: m.start, match });
    } else if (!vetoed.has(m.entity)) vetoed.set(m.entity, { ...match, reason });
  }
  if (added.length > 0) {
    const all = into.entities.map((match, k) => ({ entity: into.order[k]!, field: match.field === 'title' ? 0 : 1, start: into.starts[k]!, match }));
    all.push(...added);
    all.sort((a, b) => a.field - b.field || a.start - b.start);
    into.entities = all.map((a) => a.match);
    into.order = all.map((a) => a.entity);
  }
  return [...vetoed].filter(([entity]) => !counted.has(entity)).map(([, v]) => v);
}

/**
 * Compiles a topic pack into one matcher. Matching is case-insensitive on NFC text with `ё` read as `е` and
 * Latin letters read without diacritics; Russian and Kazakh names also match their inflected forms
 * (Токаева, Тоқаевтың, Нұр-Сұлтанда; see inflection.ts), English ones a plural or possessive; acronyms
 * (CSTO, ОДКБ) and the pack's `caseSensitive` names match only as written. A name never matches inside a
 * longer word. One pass over the code units of each text, with no RegExp: see name-pattern.ts for the rule
 * a name follows. Mentions of entities with vetoes, and people's surnames, are then judged by the words
 * around them (mention-context.ts).
 */
export function compileMatcher(pack: TopicPack, options: MatcherOptions = {}): Matcher {
  const index: Indexes = {
    insensitive: new Array<PairEntry[] | undefined>(0x10000).fill(undefined),
    sensitive: new Array<PairEntry[] | undefined>(0x10000).fill(undefined),
  };
  const entityIds = pack.entities.map((e) => e.id);
  const weights = pack.entities.map(entityWeight);
  for (const [entity, e] of pack.entities.entries()) {
    const all = allEntityNames(e).map((name, form) => ({ name, form }));
    const plainCount = all.length - (e.caseSensitive?.length ?? 0);
    const person = e.kind === 'person';
    addNames(index.insensitive, entity, all.slice(0, plainCount).filter((n) => !isAcronym(n.name)), false, person);
    addNames(index.sensitive, entity, [...all.slice(0, plainCount).filter((n) => isAcronym(n.name)), ...all.slice(plainCount)], true, person);
  }
  const { threshold, titleFactor, anchorMinWeight } = pack.scoring;
  const context = options.context ?? compileMentionContext(pack);
  const vetoable = Uint8Array.from(pack.entities, (_, i) => (context.judgedAtOnce?.[i] ? 2 : context.vetoable[i] ? 1 : 0));

  const found = new Int32Array(entityIds.length);
  const mentionCount = new Int32Array(entityIds.length);
  const mentionCall = new Int32Array(entityIds.length);
  let call = 0;

  return {
    match(title, text) {
      // Call numbers start at 1, so a 0 in `found` is never current; wrapping round starts afresh.
      call = call === 0x7fffffff ? 1 : call + 1;
      if (call === 1) {
        found.fill(0);
        mentionCall.fill(0);
      }
      const findings: Findings = {
        field: 'title', entities: [], order: [], starts: [], entityIds, found, call, vetoable, context, vetoedAtOnce: [], mentions: [], mentionCount, mentionCall,
      };
      const scannedTitle = title ? scanField(index, 0, title, findings) : NO_FIELD;
      findings.field = 'text';
      const scannedText = text ? scanField(index, 1, text, findings) : NO_FIELD;
      const vetoed = findings.mentions.length > 0 ? resolveMentions(context, findings, [scannedTitle, scannedText]) : [];
      // Surnames judged at once: the entity is reported as vetoed when no other mention of it counted.
      for (const v of findings.vetoedAtOnce) {
        if (found[v.entity] !== call && !vetoed.some((w) => w.entityId === v.match.entityId)) vetoed.push(v.match);
      }
      let score = 0;
      let anchored = false;
      for (let k = 0; k < findings.entities.length; k++) {
        const m = findings.entities[k]!;
        const w = weights[findings.order[k]!]!;
        score += m.field === 'title' ? w * titleFactor : w;
        if (w >= anchorMinWeight) anchored = true;
      }
      score = Math.round(score * 1000) / 1000;
      return { entities: findings.entities, score, relevant: anchored && score >= threshold, vetoed };
    },
  };
}
