/**
 * The multilingual event vocabulary of a topic pack (its `concepts` file, e.g. topics/kazakhstan/concepts.json):
 * concepts such as `troops` or `resign`, each with its English, Russian and Kazakh words, so that reports of
 * one event in different languages share concept ids. Schema, loading, and the matcher. Pure except loading.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { foldWord } from './story-stemming.js';

const wordList = z.array(z.string().trim().min(1)).default([]);

export const conceptSchema = z.object({
  /** Stable id, shared by the three languages: lower-case letters, digits and dashes. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  /**
   * Words per language. Each word matches any word that begins with it (`resign` finds "resigned",
   * "resignation"; `отставк` finds "отставку"); a word of four letters or fewer matches only whole
   * (`ЧП`, `fire`, `суд`: list "суда", "суде" too). Several words separated by spaces match as a phrase, each by its beginning.
   */
  en: wordList,
  ru: wordList,
  kk: wordList,
  /**
   * A site where events happen (an airport, a city hall). Two titles naming different sites tell different
   * events, as two titles naming different cities do (a slot conflict, story-similarity.ts). Default false.
   */
  site: z.boolean().optional(),
});

export const conceptVocabularySchema = z
  .object({ description: z.string().optional(), concepts: z.array(conceptSchema).min(1) })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    for (const [i, c] of v.concepts.entries()) {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['concepts', i, 'id'], message: `duplicate concept id ${c.id}` });
      seen.add(c.id);
      if (c.en.length + c.ru.length + c.kk.length === 0) ctx.addIssue({ code: 'custom', path: ['concepts', i], message: `concept ${c.id} has no words` });
    }
  });

export type Concept = z.infer<typeof conceptSchema>;
export type ConceptVocabulary = z.infer<typeof conceptVocabularySchema>;

/** Reads and validates a concepts file; the error names the file and every problem. */
export function loadConceptVocabulary(file: string): ConceptVocabulary {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read concept vocabulary ${file}: ${(err as Error).message}; check the pack's "concepts" field`, { cause: err });
  }
  const result = conceptVocabularySchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid concept vocabulary ${file}:\n  - ${problems.join('\n  - ')}`);
  }
  return result.data;
}

/** Words of four letters or fewer match only a whole word. */
const WHOLE_WORD_MAX = 4;

interface Entry {
  conceptId: string;
  site: boolean;
  words: string[];
}

/** Finds concept ids in a list of folded words. */
export interface ConceptMatcher {
  /**
   * Concept ids found, each with the index of the word where it starts. `stems` (same length as `words`)
   * lets a short whole-word form meet an inflected word: Kazakh аяз in аяздың.
   */
  find(words: readonly string[], stems?: readonly string[]): Array<{ conceptId: string; at: number; site: boolean }>;
}

function wordMatches(form: string, word: string, stem: string | undefined): boolean {
  return form.length <= WHOLE_WORD_MAX ? word === form || stem === form : word.startsWith(form);
}

/** Compiles a vocabulary; entries are looked up by their first two letters, so matching is near-linear. */
export function compileConcepts(vocabulary: ConceptVocabulary | undefined): ConceptMatcher {
  const byStart = new Map<string, Entry[]>();
  for (const c of vocabulary?.concepts ?? []) {
    for (const phrase of [...c.en, ...c.ru, ...c.kk]) {
      const words = foldWord(phrase).split(/[\s'’-]+/u).filter(Boolean);
      const first = words[0];
      if (!first) continue;
      const key = first.slice(0, 2);
      const list = byStart.get(key) ?? [];
      list.push({ conceptId: c.id, site: c.site ?? false, words });
      byStart.set(key, list);
    }
  }
  return {
    find(words, stems) {
      const found: Array<{ conceptId: string; at: number; site: boolean }> = [];
      for (let i = 0; i < words.length; i++) {
        for (const entry of byStart.get(words[i]!.slice(0, 2)) ?? []) {
          if (entry.words.every((form, k) => i + k < words.length && wordMatches(form, words[i + k]!, stems?.[i + k]))) {
            found.push({ conceptId: entry.conceptId, at: i, site: entry.site });
          }
        }
      }
      return found;
    },
  };
}
