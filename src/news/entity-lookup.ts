import { foldToLatin } from './text.js';
import type { TopicEntity, TopicPack } from './topic-pack.js';
import { compileMatcher } from './matcher.js';

/** The answer to "who/what is X": the entity when one fits, else up to 3 near names. */
export interface LookupResult {
  entity?: TopicEntity;
  /** "Did you mean" candidates, closest first (empty when `entity` was found). */
  suggestions: TopicEntity[];
}

export interface EntityLookup {
  find(query: string): LookupResult;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

interface Form {
  entity: TopicEntity;
  /** Folded to Latin: "kassym zhomart tokayev". */
  text: string;
}

/** Typos allowed for a name of this length: 1 up to 7 letters, then one more per 6 letters. */
function allowedTypos(length: number): number {
  return length < 4 ? 0 : 1 + Math.floor(Math.max(0, length - 7) / 6);
}

/**
 * Finds a topic-pack entity by any of its names, in any language and script: "Tokayev", "tokaev", "Toqaev",
 * "Токаев", "Тоқаевтың", "Kassym-Jomart", "Akorda", an id like "security-council", or a near miss such as
 * "Tokayv". Names are compared folded to Latin (Cyrillic transliterated), so Russian, Kazakh and English
 * spellings meet; inflected forms (Токаева, Нұр-Сұлтанда) are read as the matcher reads them in news.
 */
export function createEntityLookup(pack: TopicPack): EntityLookup {
  // Names and their inflections only: a query has no context to veto it.
  const matcher = compileMatcher(pack, { context: { vetoable: [], vetoOf: () => undefined } });
  const byId = new Map(pack.entities.map((e) => [e.id, e]));
  const forms: Form[] = [];
  const words: Form[] = [];
  for (const entity of pack.entities) {
    const names = [entity.id, entity.name, ...entity.names.en, ...entity.names.ru, ...entity.names.kk, ...(entity.aliases ?? []), ...(entity.caseSensitive ?? [])];
    const seen = new Set<string>();
    for (const name of names) {
      const text = foldToLatin(name.replace(/\(.*?\)/g, ' '));
      if (text && !seen.has(text)) {
        seen.add(text);
        forms.push({ entity, text });
      }
      // Parenthesised parts of display names ("(CSTO)") are names too.
      for (const inner of name.matchAll(/\(([^)]+)\)/g)) forms.push({ entity, text: foldToLatin(inner[1]!) });
      // Single words of a name ("kassym", "tokayev") find it too, when long enough to mean something.
      for (const w of text.split(' ')) {
        if (w.length < 4 || seen.has(`w:${w}`)) continue;
        seen.add(`w:${w}`);
        words.push({ entity, text: w });
      }
    }
  }

  function exact(q: string): TopicEntity | undefined {
    const full = forms.find((f) => f.text === q)?.entity;
    if (full) return full;
    // A single word matching one entity only: "nazarbayev" is one, "security" is not.
    const owners = new Set(words.filter((w) => w.text === q).map((w) => w.entity));
    if (owners.size === 1) return [...owners][0];
    // A name written with a first name (or part of it): "kassym zhomart" is the start of one name.
    const prefixed = new Set(forms.filter((f) => q.length >= 5 && f.text.startsWith(`${q} `)).map((f) => f.entity));
    return prefixed.size === 1 ? [...prefixed][0] : undefined;
  }

  return {
    find(query) {
      const q = foldToLatin(query);
      if (!q) return { suggestions: [] };
      const found = exact(q);
      if (found) return { entity: found, suggestions: [] };
      // Declined forms (Токаева, Тоқаевтың, Нұр-Сұлтанда), when they name one entity.
      const named = new Set(matcher.match(query, '').entities.map((m) => m.entityId));
      if (named.size === 1) return { entity: byId.get([...named][0]!)!, suggestions: [] };
      // Typos: the closest full name or word, when close enough and not tied with another entity.
      const best = new Map<TopicEntity, number>();
      for (const f of [...forms, ...words]) {
        const d = editDistance(q, f.text);
        if (d < (best.get(f.entity) ?? Infinity)) best.set(f.entity, d);
      }
      const ranked = [...best].sort((a, b) => a[1] - b[1] || a[0].id.localeCompare(b[0].id));
      const [first, second] = ranked;
      if (first && first[1] <= allowedTypos(q.length) && (!second || second[1] > first[1])) {
        return { entity: first[0], suggestions: [] };
      }
      return { suggestions: ranked.slice(0, 3).map(([e]) => e) };
    },
  };
}
