/**
 * The features that describe an item for story clustering. Pure.
 * - `w:<lang>:<stem>` word stems (Snowball for English and Russian, kazakh-suffixes.ts for Kazakh);
 * - `c:<concept>` concepts of the pack's event vocabulary (troops, resign...), the same in every language;
 * - `e:<entity>` the pack's entities, and `p:<key>` spelling-neutral keys of other names (story-text.ts);
 * - `k:<key>` the same key of every longer word, so loans and cognates meet across languages;
 * - `n:<bucket>` major numbers, in overlapping buckets 25 % wide so about 2,500 / 2 030 / 3 000 agree,
 *   and `x:<value>` the exact value; days, clock times and years are left out.
 * Title features weigh twice the lead's; the lead is read without its dateline and sign-off.
 */
import type { StoryLanguage } from './story-language.js';
import { storyLanguage } from './story-language.js';
import { foldWord, stemWord } from './story-stemming.js';
import { nameKey, stripBoilerplate, tokenize, type TextToken } from './story-text.js';
import type { ConceptMatcher } from './story-concepts.js';
import { NOT_NAMES, STOP_WORDS } from './story-words.js';

/** Feature → weight. */
export type FeatureSet = Map<string, number>;

export interface StoryFeatures {
  language: StoryLanguage;
  terms: FeatureSet;
  /**
   * Who and where the title names: the pack's people and places (entity ids), the name a title opens
   * with (its name key), the slot a templated headline fills with its city, and the sites of the pack's
   * vocabulary it names (`c:airport`).
   */
  titleNames: string[];
  /** The name a title opens with before a colon or full stop ("Pavlodar: ...", "Кызылорда. ..."). */
  head?: string;
  /**
   * What each count of the title counts: its buckets (`n:<bucket>`) → the nearest concepts said within two
   * words of it ("225 killed", "пострадали 225 детей"). Counts with no concept beside them are left out.
   */
  counted?: Record<string, string[]>;
}

/** Words of the lead that are read, after the title. */
const LEAD_WORDS = 45;
const TITLE_WEIGHT = 2;
const LEAD_WEIGHT = 1;
const ENTITY_WEIGHT = 2;
/** Words this long also give a spelling-neutral `k:` key (story-text.ts nameKey), compared across languages only, at this weight. */
const COGNATE_MIN_LETTERS = 6;
const COGNATE_WEIGHT = 0.15;
/** Overlapping buckets of this ratio: two counts within 25 % always share one. */
const NUMBER_BUCKET_RATIO = 1.25;
/** Words after which a title gives the background of what it tells ("... after the quake", "... после землетрясения"). */
const CONTEXT_MARKERS: ReadonlySet<string> = new Set(['after', 'following', 'amid', 'после']);
/** Words either side of a title count whose concepts say what it counts. */
const COUNTED_WITHIN = 2;
/** A title whose words are mostly capitalised (Title Case) says nothing about which are names. */
const TITLE_CASE_SHARE = 0.6;

function add(set: FeatureSet, key: string, weight: number): void {
  if ((set.get(key) ?? 0) < weight) set.set(key, weight);
}

/** A year is written as four bare digits ("2 030" and "2,030" are counts). */
function isYear(raw: string, v: number): boolean {
  return /^\d{4}$/.test(raw) && v >= 1990 && v <= 2040;
}

/** The bucket keys of a major count; none for days of the month, small counts and years (they recur in most stories of a period). */
function bucketsOf(raw: string, value: number): string[] {
  if (value < 32 || isYear(raw, value)) return [];
  const bucket = Math.floor(Math.log(value) / Math.log(NUMBER_BUCKET_RATIO));
  return [`n:${bucket}`, `n:${bucket + 1}`];
}

function addNumber(set: FeatureSet, raw: string, value: number, weight: number): void {
  const buckets = bucketsOf(raw, value);
  if (buckets.length === 0) return;
  for (const b of buckets) add(set, b, weight / 2);
  add(set, `x:${value}`, weight / 2);
}

function isNameToken(t: TextToken): boolean {
  return t.value === undefined && !t.sentenceStart && /^\p{Lu}/u.test(t.raw) && t.raw.length >= 3 && !STOP_WORDS.has(t.folded) && !NOT_NAMES.has(t.folded);
}

function titleCase(tokens: readonly TextToken[]): boolean {
  const words = tokens.filter((t) => t.value === undefined && t.raw.length >= 4);
  return words.length >= 4 && words.filter((t) => /^\p{Lu}/u.test(t.raw)).length >= words.length * TITLE_CASE_SHARE;
}

/** "Pavlodar: ...", "Кызылорда. ...", "Semey – ...": one to three capitalised words, then a colon, a full stop or a dash. */
const HEAD = /^\s*((?:\p{Lu}[\p{L}-]*)(?:\s\p{Lu}[\p{L}-]*){0,2})(?:\s*[:.]|\s[–—-])\s+\S/u;

/** How a field is read: its weight, and the pack's people and places the item names (their entity ids stand for their words). */
interface FieldReading {
  language: StoryLanguage;
  weight: number;
  context: FeatureContext;
  entities: ReadonlySet<string>;
  /** Collects the title's name keys; undefined for the lead. */
  names?: string[];
  /** Collects what the title's counts count; undefined for the lead. */
  counted?: Record<string, string[]>;
}

function readField(set: FeatureSet, tokens: TextToken[], r: FieldReading): void {
  const { language, weight, names } = r;
  const skipNames = names !== undefined && titleCase(tokens);
  const stems: string[] = [];
  for (const t of tokens) {
    stems.push(t.value === undefined ? stemWord(t.folded, language) : t.folded);
    if (t.value !== undefined) {
      addNumber(set, t.raw, t.value, weight * 1.5);
      continue;
    }
    const actor = /^\p{Lu}/u.test(t.raw) ? r.context.actors.get(nameKey(t.raw) ?? '') : undefined;
    if (actor && r.entities.has(actor)) {
      // Tokayev, Токаев, Тоқаевтың: the entity id `e:tokayev` says it once, in every language.
      if (!t.sentenceStart || names) names?.push(nameKey(t.raw)!);
      continue;
    }
    if (isNameToken(t) && !skipNames) {
      const key = nameKey(t.raw);
      if (key) {
        add(set, `p:${key}`, weight);
        names?.push(key);
      }
    }
    if (t.folded.length < 3 || STOP_WORDS.has(t.folded)) continue;
    add(set, `w:${language}:${stems[stems.length - 1]!}`, weight);
    // Loans and cognates read alike across scripts: referendum/референдум, парламент/parliament.
    const cognate = t.folded.length >= COGNATE_MIN_LETTERS ? nameKey(t.folded) : undefined;
    if (cognate) add(set, `k:${cognate}`, weight * COGNATE_WEIGHT);
  }
  // Kazakh stacks endings on short roots (аяз → аяздың); English stems would make "fired" the whole word "fire".
  const found = r.context.concepts.find(tokens.map((t) => t.folded), language === 'kk' ? stems : undefined);
  for (const { conceptId, site } of found) {
    add(set, `c:${conceptId}`, weight);
    // A site the title names (the airport, the city hall) fills the slot a city fills.
    if (site) names?.push(`c:${conceptId}`);
  }
  if (r.counted) readCounted(r.counted, tokens, found);
}

function readCounted(counted: Record<string, string[]>, tokens: readonly TextToken[], found: ReadonlyArray<{ conceptId: string; at: number }>): void {
  tokens.forEach((t, i) => {
    if (t.value === undefined || t.share) return;
    // The nearest concepts say what it counts: "пострадали 225 детей, погибли четверо" counts the injured children.
    const distance = Math.min(...found.map((c) => Math.abs(c.at - i)));
    if (distance > COUNTED_WITHIN) return;
    const near = [...new Set(found.filter((c) => Math.abs(c.at - i) === distance).map((c) => `c:${c.conceptId}`))];
    for (const b of bucketsOf(t.raw, t.value)) counted[b] = [...new Set([...(counted[b] ?? []), ...near])];
  });
}

/** What features are read with: the pack's concepts, and the name keys of its people and places. */
export interface FeatureContext {
  concepts: ConceptMatcher;
  /** Name key → entity id, for the pack's people and places (`takav` → `tokayev`). */
  actors: ReadonlyMap<string, string>;
}

/** Name keys of the pack's people and places, each word of each name (Kassym-Jomart Tokayev → kasam, jamar, takav). */
export function actorKeys(entities: ReadonlyArray<{ id: string; kind: string; names: { en: string[]; ru: string[]; kk: string[] }; aliases?: string[] | undefined }>): Map<string, string> {
  const keys = new Map<string, string>();
  for (const e of entities) {
    if (e.kind !== 'person' && e.kind !== 'place') continue;
    for (const name of [...e.names.en, ...e.names.ru, ...e.names.kk, ...(e.aliases ?? [])]) {
      for (const word of name.split(/[^\p{L}]+/u)) {
        const key = word.length >= 4 ? nameKey(word) : undefined;
        if (key && !keys.has(key)) keys.set(key, e.id);
      }
    }
  }
  return keys;
}

/** Features of an item from its title, the first words of its text, and its matched entity ids. */
export function storyFeatures(input: { title: string; text: string; entities: readonly string[] }, context: FeatureContext): StoryFeatures {
  const { actors } = context;
  const entities = new Set(input.entities);
  const language = storyLanguage(input.title, input.text);
  const terms: FeatureSet = new Map();
  const titleNames: string[] = [];
  const counted: Record<string, string[]> = {};
  const titleTokens = tokenize(input.title);
  const headMatch = HEAD.exec(input.title);
  const opening = headMatch ? headMatch[1]!.split(/\s/)[0]! : undefined;
  // A head that is a word of the vocabulary ("Генпрокуратура:", "ЦИК:", "Синоптики:") names a source, not a slot.
  const headWord = opening && context.concepts.find([foldWord(opening)]).length === 0 ? opening : undefined;
  // The head of a title is its first word, but as a name: it is the slot.
  if (headWord && titleTokens[0]) titleTokens[0].sentenceStart = false;
  // "Schools go online after the quake": what follows the marker is the background, weighed as the lead is.
  const cut = titleTokens.findIndex((t, i) => i > 0 && CONTEXT_MARKERS.has(t.folded));
  const [told, background] = cut < 0 ? [titleTokens, []] : [titleTokens.slice(0, cut), titleTokens.slice(cut + 1)];
  readField(terms, told, { language, weight: TITLE_WEIGHT, context, entities, names: titleNames, counted });
  if (background.length > 0) readField(terms, background, { language, weight: LEAD_WEIGHT, context, entities, names: titleNames, counted });
  readField(terms, tokenize(stripBoilerplate(input.text)).slice(0, LEAD_WORDS), { language, weight: LEAD_WEIGHT, context, entities });
  for (const e of input.entities) add(terms, `e:${e}`, ENTITY_WEIGHT);
  const headKey = headWord ? nameKey(headWord) : undefined;
  const headActor = headKey ? actors.get(headKey) : undefined;
  // A head naming one of the pack's people or places is that entity, however it is spelt.
  const head = headActor && entities.has(headActor) ? headActor : headKey;
  const named = new Set<string>();
  for (const key of titleNames) {
    const actor = actors.get(key);
    if (actor && entities.has(actor)) named.add(actor);
    else if (key === headKey || key.startsWith('c:')) named.add(key);
  }
  const hasCounted = Object.keys(counted).length > 0;
  return { language, terms, titleNames: [...named], ...(head ? { head } : {}), ...(hasCounted ? { counted } : {}) };
}

/** Compact JSON of an item's features, as kept in the cluster log. */
export function encodeFeatures(f: StoryFeatures): string {
  return JSON.stringify({ l: f.language, t: [...f.terms], n: f.titleNames, ...(f.head ? { h: f.head } : {}), ...(f.counted ? { q: f.counted } : {}) });
}

/** Reads encodeFeatures' output; undefined for anything else (an entry from an older version). */
export function decodeFeatures(raw: string): StoryFeatures | undefined {
  try {
    const v = JSON.parse(raw) as { l?: unknown; t?: unknown; n?: unknown; h?: unknown; q?: unknown };
    if ((v.l !== 'en' && v.l !== 'ru' && v.l !== 'kk') || !Array.isArray(v.t) || !Array.isArray(v.n)) return undefined;
    const terms: FeatureSet = new Map();
    for (const pair of v.t) if (Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'number') terms.set(pair[0], pair[1]);
    const titleNames = v.n.filter((x): x is string => typeof x === 'string');
    const counted = decodeCounted(v.q);
    return { language: v.l, terms, titleNames, ...(typeof v.h === 'string' ? { head: v.h } : {}), ...(counted ? { counted } : {}) };
  } catch {
    return undefined;
  }
}

function decodeCounted(q: unknown): Record<string, string[]> | undefined {
  if (typeof q !== 'object' || q === null || Array.isArray(q)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(q)) if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  return Object.keys(out).length > 0 ? out : undefined;
}
