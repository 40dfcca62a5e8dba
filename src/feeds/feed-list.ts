import { normaliseFeedUrl } from './feed-id.js';
import { OpmlError, parseOpml } from './opml.js';
import type { FeedListEntry } from './registry.js';

/**
 * A list of feeds as operators write them (FEEDS_FILE, `npm run feeds -- import FILE`, an attached file): either
 * OPML (as feed readers export it) or plain text, one URL a line with `#` comments. Told apart by content: a
 * document whose first character is `<` is OPML.
 */

/** A line (or OPML outline) that is not a feed address; the good ones around it are kept. */
export interface FeedListProblem {
  line: number;
  /** What the line holds (cut short). */
  text: string;
  reason: string;
}

export interface ParsedFeedList {
  format: 'opml' | 'lines';
  /** Valid feeds, normalised, each once, in the order written. */
  entries: FeedListEntry[];
  problems: FeedListProblem[];
}

/** Checks one feed address the way the registry stores it; returns the normalised URL or why not. */
export function checkFeedAddress(raw: string): { url: string } | { reason: string } {
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    return { reason: 'not a URL (give the full address, e.g. https://example.org/rss.xml)' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { reason: `only http and https feeds are supported, not ${parsed.protocol.replace(':', '')}` };
  }
  if (!parsed.hostname) return { reason: 'the address has no host' };
  return { url: normaliseFeedUrl(parsed.toString()) };
}

/**
 * Parses a feed list. Never throws for a bad line: each is reported with its line number and the rest kept.
 * Throws OpmlError only when an OPML document as a whole cannot be read (malformed XML, not OPML).
 */
export function parseFeedList(text: string): ParsedFeedList {
  const content = text.replace(/^\uFEFF/, '');
  if (content.trimStart().startsWith('<')) return collect('opml', parseOpml(content));
  const written: Array<FeedListEntry & { line: number }> = [];
  const problems: FeedListProblem[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = stripComment(raw).trim();
    if (line === '') return;
    if (/\s/.test(line)) problems.push({ line: i + 1, text: short(line), reason: 'one URL a line (a comment starts with #)' });
    else written.push({ url: line, line: i + 1 });
  });
  const parsed = collect('lines', written);
  return { ...parsed, problems: [...problems, ...parsed.problems].sort((a, b) => a.line - b.line) };
}

function collect(format: 'opml' | 'lines', written: Array<FeedListEntry & { line: number }>): ParsedFeedList {
  const entries = new Map<string, FeedListEntry>();
  const problems: FeedListProblem[] = [];
  for (const { url, title, line } of written) {
    const checked = checkFeedAddress(url);
    if ('reason' in checked) {
      problems.push({ line, text: short(url || '(empty xmlUrl)'), reason: checked.reason });
      continue;
    }
    if (!entries.has(checked.url)) entries.set(checked.url, title ? { url: checked.url, title } : { url: checked.url });
  }
  return { format, entries: [...entries.values()], problems };
}

/** A `#` at the start of a line, or after a space, starts a comment (a URL's own `#fragment` does not). */
function stripComment(line: string): string {
  const at = line.search(/(^|\s)#/);
  return at < 0 ? line : line.slice(0, at);
}

function short(s: string): string {
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}

export { OpmlError };
