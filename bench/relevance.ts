/**
 * Relevance on the hand-written labelled set (bench/data/relevance): precision and recall of the topic
 * pack's matcher, overall, per language and per trap kind, on the dev part, the held-out test part, the
 * late part (written after the rules), the fresh part (written later) and the after part (written after the
 * changes the fresh part led to), each beside its aim, with a naive stem filter for comparison.
 */
import { compileMatcher, type Matcher } from '../src/news/matcher.js';
import { loadTopicPack } from '../src/news/topic-pack.js';
import {
  evaluate, loadRelevanceSet, naiveIsRelevant, precision, recall, trapKinds, type Evaluation, type LabelledItem, type Part,
} from './support/relevance-set.js';

/** Precision and recall the matcher must reach in every group. */
const AIM = 0.95;
const GROUPS = ['all', 'en', 'ru', 'kk', ...trapKinds.map((k) => `kind:${k}`)];

function figure(value: number | undefined, withAim: boolean): string {
  if (value === undefined) return 'n/a'.padEnd(withAim ? 20 : 5);
  const shown = value.toFixed(3);
  return withAim ? `${shown} (aim ${AIM}) ${value >= AIM ? 'met' : 'UNMET'}`.padEnd(20) : shown;
}

function printPart(part: Part, items: LabelledItem[], judged: Evaluation, naive: Evaluation): void {
  console.log(`\n${part} part: ${items.length} items, ${items.filter((i) => i.relevant).length} relevant`);
  console.log(`  ${'group'.padEnd(24)}${'items'.padStart(5)}${'rel'.padStart(5)}  ${'precision'.padEnd(26)}${'recall'.padEnd(26)}${'FA'.padStart(3)}${'miss'.padStart(5)}   naive P / R`);
  for (const group of GROUPS) {
    const t = judged.tallies.get(group);
    if (!t) continue;
    const n = naive.tallies.get(group)!;
    const relevant = t.truePositives + t.falseNegatives;
    console.log(
      `  ${group.padEnd(24)}${String(t.items).padStart(5)}${String(relevant).padStart(5)}  ${figure(precision(t), true).padEnd(26)}` +
        `${figure(recall(t), true).padEnd(26)}${String(t.falsePositives).padStart(3)}${String(t.falseNegatives).padStart(5)}   ` +
        `${figure(precision(n), false)} / ${figure(recall(n), false)}`,
    );
  }
  for (const item of judged.wrong) {
    console.log(`  wrong: ${item.id} (${item.kind}, labelled ${item.relevant ? 'relevant' : 'not relevant'}): ${item.title}`);
  }
}

/** Runs the matcher (default: the bundled pack's) over both parts and prints the figures. */
export async function run(matcher: Matcher = compileMatcher(loadTopicPack())): Promise<void> {
  console.log(`\nrelevance: hand-written labelled set (bench/data/relevance); aim: precision and recall >= ${AIM} in every group`);
  console.log('  FA: false alarms (judged relevant, labelled not); miss: relevant items judged not; n/a: no item to measure');
  const isRelevant = (item: LabelledItem) => matcher.match(item.title, item.lead).relevant;
  for (const part of ['dev', 'test', 'late', 'fresh', 'after'] as const) {
    const items = loadRelevanceSet(part);
    printPart(part, items, evaluate(items, isRelevant), evaluate(items, naiveIsRelevant));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
