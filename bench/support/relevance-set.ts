/**
 * The hand-written relevance set (bench/data/relevance): loading, and precision and recall of a relevance
 * judgement over it, overall, per language and per trap kind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../src/paths.js';

export const relevanceDataDir: string = path.join(projectRoot, 'bench', 'data', 'relevance');

export const trapKinds = [
  'plain', 'indirect-reference', 'transliteration', 'case-form', 'cycling-team', 'homonym', 'abbreviation', 'alias-prefix', 'near-miss',
] as const;

const itemSchema = z
  .object({
    id: z.string().min(1),
    lang: z.enum(['en', 'ru', 'kk']),
    kind: z.enum(trapKinds),
    relevant: z.boolean(),
    title: z.string().min(1),
    lead: z.string(),
  })
  .strict();

export type LabelledItem = z.infer<typeof itemSchema>;
/**
 * dev: rules are developed on it; test: held out, written before the rules; late: written after them;
 * fresh: written later still, with other stories and spellings, and measured before any change made for it;
 * after: written after the changes the fresh part led to, first measured as written.
 */
export type Part = 'dev' | 'test' | 'late' | 'fresh' | 'after';

/** Every item of one part (`dev-*.json`, `test-*.json`, `late-*.json`, `fresh-*.json`, `after-*.json`), checked; throws naming the file and the problem. */
export function loadRelevanceSet(part: Part, dir: string = relevanceDataDir): LabelledItem[] {
  const files = readdirSync(dir).filter((f) => f.startsWith(`${part}-`) && f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`no ${part}-*.json files in ${dir}`);
  const seen = new Set<string>();
  return files.flatMap((file) => {
    const parsed = z.array(itemSchema).safeParse(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    for (const item of parsed.data) {
      if (seen.has(item.id)) throw new Error(`${file}: duplicate id ${item.id}`);
      seen.add(item.id);
    }
    return parsed.data;
  });
}

/** Counts of one group of items under one judgement. */
export interface Tally {
  items: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export const emptyTally = (): Tally => ({ items: 0, truePositives: 0, falsePositives: 0, falseNegatives: 0 });

/** Precision; undefined when nothing was judged relevant. */
export function precision(t: Tally): number | undefined {
  const judged = t.truePositives + t.falsePositives;
  return judged === 0 ? undefined : t.truePositives / judged;
}

/** Recall; undefined when the group holds no relevant item. */
export function recall(t: Tally): number | undefined {
  const relevant = t.truePositives + t.falseNegatives;
  return relevant === 0 ? undefined : t.truePositives / relevant;
}

/** Names of the groups an item counts in: `all`, its language, `kind:<kind>`. */
export function groupsOf(item: LabelledItem): string[] {
  return ['all', item.lang, `kind:${item.kind}`];
}

export interface Evaluation {
  tallies: Map<string, Tally>;
  /** Items judged wrongly, in set order. */
  wrong: LabelledItem[];
}

/** Judges every item and tallies the outcome per group. */
export function evaluate(items: readonly LabelledItem[], isRelevant: (item: LabelledItem) => boolean): Evaluation {
  const tallies = new Map<string, Tally>();
  const wrong: LabelledItem[] = [];
  for (const item of items) {
    const judged = isRelevant(item);
    if (judged !== item.relevant) wrong.push(item);
    for (const group of groupsOf(item)) {
      let t = tallies.get(group);
      if (!t) tallies.set(group, (t = emptyTally()));
      t.items++;
      if (judged && item.relevant) t.truePositives++;
      else if (judged) t.falsePositives++;
      else if (item.relevant) t.falseNegatives++;
    }
  }
  return { tallies, wrong };
}

/**
 * The naive filter the project is compared with: an item is relevant when its title or lead contains, in
 * any case, one of these stems of the topic's main names. No word boundaries, no inflection rules.
 */
const NAIVE_STEMS = [
  'kazakh', 'казах', 'қазақ', 'tokayev', 'tokaev', 'токаев', 'тоқаев', 'nazarbay', 'nazarbaev', 'назарбаев', 'astana', 'астан',
  'almaty', 'алмат', 'alma-ata', 'алма-ат', 'nur-sultan', 'нур-султан', 'нұр-сұлтан', 'csto', 'одкб', 'ұқшұ', 'knb', 'кнб', 'ұқк',
  'massimov', 'masimov', 'масимов', 'мәсімов', 'smailov', 'смаилов', 'смайылов', 'ablyazov', 'аблязов', 'zhanaozen', 'жанаозен',
  'жаңаөзен', 'aktau', 'актау', 'ақтау', 'aktobe', 'актобе', 'ақтөбе', 'mangystau', 'мангистау', 'маңғыстау', 'shymkent', 'шымкент',
];

export function naiveIsRelevant(item: LabelledItem): boolean {
  const text = `${item.title} ${item.lead}`.toLowerCase();
  return NAIVE_STEMS.some((s) => text.includes(s));
}
