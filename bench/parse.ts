/**
 * Feed parsing figures: rss-parser (through parseFeed, and raw) against fast-xml-parser's bare XML parse of
 * the same bytes (the near-limit for a JS XML parser), over the corpus and a generated 5,000-item feed,
 * plus the worker pool's overhead per feed, and HTML-to-text on pathological descriptions. Printed, never asserted.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { createFeedParserPool } from '../src/feeds/parse/pool.js';
import { parseFeed } from '../src/feeds/parse/parse-feed.js';
import { htmlToText } from '../src/news/html-text.js';
import { corpusAvailable, corpusDir } from '../tests/support/corpus.js';

interface Doc {
  bytes: Buffer;
  text: string;
}

function generatedFeed(items: number): Buffer {
  const body = Array.from(
    { length: items },
    (_, i) =>
      `<item><title>Токаев провёл совещание ${i}</title><link>https://news.kz/${i}?utm_source=rss</link><guid>n-${i}</guid>` +
      `<pubDate>Tue, 02 Mar 2021 23:39:15 +0100</pubDate><description><![CDATA[<p>${'Текст новости. '.repeat(20)}</p>]]></description></item>`,
  );
  return Buffer.from(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Gen</title>${body.join('')}</channel></rss>`);
}

async function measure(docs: Doc[], parse: (doc: Doc) => Promise<number> | number, rounds: number): Promise<{ ms: number; items: number }> {
  let items = 0;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const doc of docs) items += await parse(doc);
  }
  return { ms: (performance.now() - start) / rounds, items: items / rounds };
}

function row(label: string, docs: Doc[], result: { ms: number; items?: number }): string {
  const mb = docs.reduce((n, d) => n + d.bytes.length, 0) / 1e6;
  const mbs = (mb / (result.ms / 1000)).toFixed(1);
  const itemsPerS = result.items === undefined ? '-' : String(Math.round(result.items / (result.ms / 1000)));
  return `| ${label.padEnd(58)} | ${result.ms.toFixed(1).padStart(9)} | ${mbs.padStart(6)} | ${itemsPerS.padStart(9)} |`;
}

export async function run(): Promise<void> {
  const sets: Array<[string, Doc[], number]> = [];
  if (corpusAvailable) {
    const files = readdirSync(corpusDir).filter((f) => f !== 'MANIFEST.tsv');
    const docs = files.map((f) => readFileSync(path.join(corpusDir, f))).map((bytes) => ({ bytes, text: bytes.toString('utf8') }));
    sets.push([`corpus (${docs.length} files)`, docs, 3]);
  } else {
    console.log('(feed corpus not found: corpus rows skipped)');
  }
  const gen = generatedFeed(5000);
  sets.push(['generated RSS, 5,000 items', [{ bytes: gen, text: gen.toString('utf8') }], 3]);

  const fxp = new XMLParser({ ignoreAttributes: false, processEntities: true });
  console.log('\n## parse: throughput (mean of rounds, one thread)\n');
  console.log('parseFeed = decode + repair + rss-parser + mapping (+ entry-by-entry salvage of broken corpus files).');
  console.log(`| ${'parser / input'.padEnd(58)} |    ms/run |   MB/s |   items/s |`);
  console.log(`|${'-'.repeat(60)}|-----------|--------|-----------|`);
  for (const [name, docs, rounds] of sets) {
    const ours = await measure(docs, (d) => parseFeed(d.bytes).then((f) => f.entries.length, () => 0), rounds);
    const rss = await measure(docs, (d) => new Parser().parseString(d.text).then((f) => f.items.length, () => 0), rounds);
    const fast = await measure(docs, (d) => {
      try {
        fxp.parse(d.text);
      } catch {
        // Broken corpus files: counted as bytes read.
      }
      return 0;
    }, rounds);
    console.log(row(`parseFeed — ${name}`, docs, ours));
    console.log(row(`rss-parser alone (snippets off) — ${name}`, docs, rss));
    console.log(row(`fast-xml-parser, XML only — ${name}`, docs, { ms: fast.ms }));
  }

  console.log('\n## parse: worker pool overhead per feed\n');
  const small = Buffer.from('<rss version="2.0"><channel><title>S</title><item><title>one</title></item></channel></rss>');
  const pool = createFeedParserPool({ size: 1 });
  const bootStart = performance.now();
  await pool.parse(small);
  const boot = performance.now() - bootStart;
  const n = 500;
  const inPool = await measure([{ bytes: small, text: '' }], (d) => pool.parse(d.bytes).then((f) => f.entries.length), n);
  const inThread = await measure([{ bytes: small, text: '' }], (d) => parseFeed(d.bytes).then((f) => f.entries.length), n);
  await pool.close();
  console.log(`worker start (first parse): ${boot.toFixed(0)} ms`);
  console.log(`tiny feed: ${inPool.ms.toFixed(3)} ms in the pool vs ${inThread.ms.toFixed(3)} ms in-thread: ` + `overhead ≈ ${(inPool.ms - inThread.ms).toFixed(3)} ms per feed (copy + message round trip)`);
  runHtmlText();
}

/** Median time of `rounds` calls, in milliseconds. */
function medianMs(fn: () => unknown, rounds: number): number {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(rounds / 2)] ?? 0;
}

/**
 * htmlToText runs on the main thread for every item (ingest), so its cost on hostile descriptions is the
 * cost of the input's length. Each pathological input is timed at two sizes: linear time doubles, quadratic
 * quadruples. (The regex version replaced here took about 1.2 s on the 8,000 `<p` description.)
 */
export function runHtmlText(): void {
  console.log('\n## parse: htmlToText on pathological descriptions (median of 5, main thread)\n');
  const inputs: Array<[string, (n: number) => string, number]> = [
    ['unclosed `<p` (the 8,000 case)', (n) => `Tokayev spoke.${'<p'.repeat(n)}`, 8000],
    ['unclosed `<!--`', (n) => `kept${'<!--'.repeat(n)}`, 8000],
    ['unclosed `<script>`', (n) => `kept${'<script>'.repeat(n)}`, 8000],
    ['nested `<div><span>`', (n) => `${'<div><span>'.repeat(n)}deep${'</span></div>'.repeat(n)}`, 25_000],
    ['bare `<`', (n) => '<'.repeat(n), 500_000],
  ];
  console.log(`| ${'input'.padEnd(32)} | ${'n'.padStart(8)} | ${'KB'.padStart(6)} | ${'ms'.padStart(7)} | ${'ms at 2n'.padStart(8)} | ratio |`);
  console.log(`|${'-'.repeat(34)}|----------|--------|---------|----------|-------|`);
  for (const [label, make, n] of inputs) {
    const small = make(n);
    const large = make(2 * n);
    const ms = medianMs(() => htmlToText(small), 5);
    const ms2 = medianMs(() => htmlToText(large), 5);
    const ratio = ms > 0.05 ? (ms2 / ms).toFixed(1) : '-';
    console.log(`| ${label.padEnd(32)} | ${String(n).padStart(8)} | ${(small.length / 1024).toFixed(0).padStart(6)} | ${ms.toFixed(2).padStart(7)} | ${ms2.toFixed(2).padStart(8)} | ${ratio.padStart(5)} |`);
  }
  console.log('aim: the 8,000 `<p` description under 5 ms; ratio about 2 (linear), never about 4 (quadratic)');
}
