/**
 * Whether a mention the matcher found counts, judged from the words around it:
 * - the entity's `vetoes` (topic pack data): a `near` word within so many words of the mention, or a longer
 *   `partOf` name of something else that contains it, means the words name something else;
 * - a person's surname written right after a given name that is not that person's own (Алина Масимова,
 *   Nurlan Massimov) names someone else of that surname. Given names come from the pack's `givenNames` and
 *   from its people's full names.
 * A veto takes away one mention only; the matcher still counts the entity where it is mentioned elsewhere.
 */
import { allEntityNames, type TopicPack } from './topic-pack.js';
import { compileName, isAcronym, matchNameAt, type CompiledName } from './name-pattern.js';
import { normalizeText } from './text.js';
import * as letters from './letters.js';

/** A place where the matcher found a name of an entity. */
export interface Mention {
  /** Entity index in the pack. */
  entity: number;
  /** 0: the title, 1: the text. */
  field: number;
  start: number;
  end: number;
  /** Index of the name that matched, in `allEntityNames` order. */
  form: number;
  /** Whether that name is a person's surname alone. */
  surname: boolean;
}

/** One field (title or text) as read for the context: its string and its code units. */
export interface FieldText {
  text: string;
  units: Uint16Array;
}

export interface MentionContext {
  /** Per entity index: whether any of its mentions may be vetoed (the matcher then keeps them all). */
  vetoable: boolean[];
  /** Why the mention does not count, in a few words, or undefined when it counts. */
  vetoOf(mention: Mention, fields: readonly [FieldText, FieldText]): string | undefined;
  /**
   * Per entity index: whether only the given-name rule applies (a person without vetoes), which reads
   * nothing after the mention nor in the other field, so `surnameVeto` can judge it as soon as it is found.
   */
  judgedAtOnce?: boolean[];
  /** The given-name rule alone, for a surname mention at `start` of `field` of the entity. */
  surnameVeto?(entity: number, field: FieldText, start: number): string | undefined;
}

interface Rule {
  reason: string;
  within: number;
  near: Set<number>;
  partOf: Set<number>;
  /** Name indices the rule applies to; undefined: all. */
  forms?: Set<number>;
}

interface TermName {
  term: number;
  name: CompiledName;
}

const GIVEN_NAME_REASON = 'another person of this surname';
const DEFAULT_WITHIN = 3;
const WORD = letters.CharFlag.word;
const APOSTROPHE = 0x27;
// Local bindings: some loaders turn each use of an imported binding into a getter call.
const charFlags = letters.charFlags;
const foldVariantCode = letters.foldVariantCode;
const FOLDED = letters.FOLDED;

const pairOf = (written: string) => FOLDED[written.charCodeAt(0)]! * 0x10000 + FOLDED[written.charCodeAt(1)]!;
const key = (s: string) => normalizeText(s).toLowerCase();
/** White space that may stand between a given name and a surname. */
const isSpace = (u: number) => u === 0x20 || u === 0xa0 || u === 0x09 || u === 0x0a || u === 0x0d || u === 0x202f;

function isWord(units: Uint16Array, i: number): boolean {
  return (charFlags(units[i]!) & WORD) !== 0;
}

/** A word starts at `i`: a word code unit after a non-word one, other than the `s` of `Tokayev's`. */
function isWordStart(units: Uint16Array, i: number): boolean {
  if (!isWord(units, i)) return false;
  if (i === 0) return true;
  if (isWord(units, i - 1)) return false;
  return !(foldVariantCode(units[i - 1]!) === APOSTROPHE && i >= 2 && isWord(units, i - 2));
}

/** Builds the context check of a pack: its veto words and given names, compiled once. */
export function compileMentionContext(pack: TopicPack): MentionContext {
  const index = new Map<number, TermName[]>();
  const termWords: number[] = [];
  /** Given-name term ids → the name as written, lower case. */
  const givenName = new Map<number, string>();

  function addTerm(written: string, options: { caseSensitive: boolean; person: boolean }): number {
    const term = termWords.length;
    const normal = normalizeText(written);
    const acronym = isAcronym(written);
    const caseSensitive = options.caseSensitive || acronym;
    const name = compileName(caseSensitive ? normal : normal.toLowerCase(), { inflect: !acronym, person: options.person, caseSensitive });
    termWords.push(name.words);
    if (normal.length >= 2) {
      const pair = pairOf(normal);
      index.set(pair, [...(index.get(pair) ?? []), { term, name }]);
    }
    return term;
  }

  const ownGivenNames: Array<Set<string>> = [];
  const lexicon = new Set(pack.givenNames.map(key));
  for (const e of pack.entities) {
    const own = new Set<string>();
    if (e.kind === 'person') {
      for (const n of allEntityNames(e)) {
        const words = normalizeText(n).split(/[\s\u00A0-]+/).filter(Boolean);
        for (const w of words.slice(0, -1)) own.add(w.toLowerCase());
      }
    }
    ownGivenNames.push(own);
    for (const w of own) lexicon.add(w);
  }
  for (const written of lexicon) {
    // Given names are capitalised: "Said" ends a quote in English, "мира" is not Мира.
    const capitalised = written.charAt(0).toUpperCase() + written.slice(1);
    givenName.set(addTerm(capitalised, { caseSensitive: true, person: false }), written);
  }

  const rules: Array<Rule[] | undefined> = pack.entities.map((e) => {
    if (!e.vetoes?.length) return undefined;
    const names = allEntityNames(e).map(key);
    const person = e.kind === 'person';
    return e.vetoes.map((v) => ({
      reason: v.reason,
      within: v.within ?? DEFAULT_WITHIN,
      near: new Set((v.near ?? []).map((w) => addTerm(w, { caseSensitive: false, person: false }))),
      partOf: new Set((v.partOf ?? []).map((w) => addTerm(w, { caseSensitive: false, person }))),
      ...(v.forms?.length ? { forms: new Set(v.forms.map((f) => names.indexOf(key(f)))) } : {}),
    }));
  });
  // How far each entity's rules look: near words up to `within` words away, partOf names up to their length.
  const reach = (rs: Rule[] | undefined, pick: (r: Rule) => number) => Math.max(0, ...(rs ?? []).map(pick));
  const maxWithin = rules.map((rs) => reach(rs, (r) => (r.near.size > 0 ? r.within : 0)));
  const maxPartOf = rules.map((rs) => reach(rs, (r) => Math.max(0, ...[...r.partOf].map((t) => termWords[t]!))));
  const vetoable = pack.entities.map((e, i) => rules[i] !== undefined || e.kind === 'person');

  /** Terms written at `at` in `field`, with where they end. */
  function termsAt(field: FieldText, at: number): Array<{ term: number; end: number }> {
    const { units, text } = field;
    if (at + 1 >= text.length) return [];
    const found: Array<{ term: number; end: number }> = [];
    const pair = FOLDED[units[at]!]! * 0x10000 + FOLDED[units[at + 1]!]!;
    for (const { term, name } of index.get(pair) ?? []) {
      const end = matchNameAt(name, units, text.length, at);
      if (end >= 0) found.push({ term, end });
    }
    return found;
  }

  /** Whether the word right before `start`, after white space only, is another person's given name. */
  function afterOthersGivenName(entity: number, field: FieldText, start: number): boolean {
    const { units } = field;
    let p = start;
    while (p > 0 && isSpace(units[p - 1]!)) p--;
    if (p === start || p === 0 || !isWord(units, p - 1)) return false;
    const wordEnd = p;
    while (p > 0 && isWord(units, p - 1)) p--;
    for (const { term, end } of termsAt(field, p)) {
      const written = givenName.get(term);
      if (written !== undefined && end === wordEnd) return !ownGivenNames[entity]!.has(written);
    }
    return false;
  }

  function vetoByRules(m: Mention, applicable: Rule[], fields: readonly [FieldText, FieldText]): string | undefined {
    const near = new Map<number, number>(); // term → smallest distance in words
    const around: Array<{ term: number; start: number; end: number }> = [];
    const note = (term: number, distance: number) => near.set(term, Math.min(distance, near.get(term) ?? Infinity));
    for (const hit of termsAt(fields[m.field]!, m.start)) around.push({ ...hit, start: m.start });
    // Word starts before the mention, nearest first, on into the title when the mention is in the text.
    let f = m.field;
    let pos = m.start;
    const back = Math.max(maxWithin[m.entity]!, maxPartOf[m.entity]! - 1);
    const ahead = maxWithin[m.entity]!;
    for (let j = 1; j <= back; j++) {
      let p = pos - 1;
      while (p >= 0 && !isWordStart(fields[f]!.units, p)) p--;
      if (p < 0) {
        if (f === 0) break;
        f = 0;
        pos = fields[0].text.length;
        j--;
        continue;
      }
      pos = p;
      for (const hit of termsAt(fields[f]!, p)) {
        if (f === m.field && hit.end > m.start) around.push({ ...hit, start: p });
        else note(hit.term, j - termWords[hit.term]! + 1);
      }
    }
    // Word starts after it, on into the text when the mention is in the title.
    f = m.field;
    pos = m.end;
    for (let j = 1; j <= ahead; j++) {
      const units = fields[f]!.units;
      const n = fields[f]!.text.length;
      let p = pos;
      while (p < n && !isWordStart(units, p)) p++;
      if (p >= n) {
        if (f === 1) break;
        f = 1;
        pos = 0;
        j--;
        continue;
      }
      pos = p + 1;
      for (const hit of termsAt(fields[f]!, p)) note(hit.term, j);
    }
    for (const rule of applicable) {
      for (const [term, distance] of near) if (rule.near.has(term) && distance >= 1 && distance <= rule.within) return rule.reason;
      for (const hit of around) if (rule.partOf.has(hit.term) && hit.start <= m.start && hit.end >= m.end) return rule.reason;
    }
    return undefined;
  }

  return {
    vetoable,
    judgedAtOnce: pack.entities.map((e, i) => e.kind === 'person' && rules[i] === undefined),
    surnameVeto: (entity, field, start) => (afterOthersGivenName(entity, field, start) ? GIVEN_NAME_REASON : undefined),
    vetoOf(m, fields) {
      if (m.surname && afterOthersGivenName(m.entity, fields[m.field]!, m.start)) return GIVEN_NAME_REASON;
      const applicable = (rules[m.entity] ?? []).filter((r) => !r.forms || r.forms.has(m.form));
      return applicable.length > 0 ? vetoByRules(m, applicable, fields) : undefined;
    },
  };
}
