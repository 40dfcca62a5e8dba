import { parseFeedList, type FeedListProblem } from './feed-list.js';
import { toOpml } from './opml.js';
import type { FeedRegistry, FeedSource } from './registry.js';

/**
 * Importing and exporting the feed list: the core that `npm run feeds -- import|export` uses, and that a chat
 * command with an attached file only has to hand the file's text to. Nothing is fetched at import time: new
 * feeds wait as never polled, and the poller reads them (and retries the ones that do not answer).
 */

/** What an import did. */
export interface FeedImportReport {
  format: 'opml' | 'lines';
  /** Feeds new to the registry. */
  added: string[];
  /** Feeds that were there already (left as they were). */
  existing: string[];
  /** Among `added`: feeds an operator had removed, now back. */
  restored: string[];
  /** Lines (or outlines) that are not feed addresses, with their line numbers; they were skipped. */
  problems: FeedListProblem[];
}

/**
 * Imports the feeds of a list (OPML or one URL a line) in one bulk write. Bad lines are reported and skipped,
 * the good ones kept. Throws OpmlError when an OPML document as a whole cannot be read.
 */
export async function importFeedList(
  registry: Pick<FeedRegistry, 'addMany'>,
  text: string,
  source: FeedSource = 'operator',
): Promise<FeedImportReport> {
  const parsed = parseFeedList(text);
  const result = await registry.addMany(parsed.entries, source);
  return { format: parsed.format, ...result, problems: parsed.problems };
}

/** A short account of an import, for the terminal or a chat reply; lists at most `maxProblems` bad lines. */
export function describeImport(report: FeedImportReport, maxProblems = 20): string {
  const from = report.format === 'opml' ? 'OPML' : 'the list';
  const parts = [`${count(report.added.length, 'feed')} added from ${from}`];
  if (report.restored.length > 0) parts.push(`${report.restored.length} of them restored after a removal`);
  if (report.existing.length > 0) parts.push(`${count(report.existing.length, 'feed')} already there`);
  const lines = [`${parts.join(', ')}.`];
  if (report.problems.length > 0) {
    lines.push(`${count(report.problems.length, 'line')} skipped:`);
    for (const p of report.problems.slice(0, maxProblems)) lines.push(`  line ${p.line}: ${p.reason}: ${p.text}`);
    if (report.problems.length > maxProblems) lines.push(`  … and ${report.problems.length - maxProblems} more`);
  }
  if (report.added.length > 0) lines.push('New feeds are polled by a running poller within a few minutes (npm run feeds -- list shows how they do).');
  return lines.join('\n');
}

/** The registry's feeds as an OPML 2.0 document, titled, in URL order. */
export async function exportFeedList(registry: Pick<FeedRegistry, 'list'>, now = new Date()): Promise<{ opml: string; count: number }> {
  const feeds = await registry.list();
  const opml = toOpml(
    feeds.map((f) => (f.title ? { url: f.url, title: f.title } : { url: f.url })),
    { title: 'Kazwire feeds', dateCreated: now },
  );
  return { opml, count: feeds.length };
}

function count(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
