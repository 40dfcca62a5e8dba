/**
 * Feed parsing figures: rss-parser (through parseFeed, and raw) against fast-xml-parser's bare XML parse of
 * the same bytes (the near-limit for a JS XML parser), over the corpus and a generated 5,000-item feed,
 * plus the worker pool's overhead per feed. Printed, never asserted.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { createFeedParserPool } from '../src/feeds/parse/pool.js';
import { parseFeed } from '../src/feeds/parse/parse-feed.js';
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
}
