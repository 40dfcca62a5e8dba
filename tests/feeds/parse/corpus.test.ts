import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFeedParserPool } from '../../../src/feeds/parse/pool.js';
import { decodeFeedBytes } from '../../../src/feeds/parse/charset.js';
import { FeedParseError } from '../../../src/feeds/parse/errors.js';
import { parseFeed } from '../../../src/feeds/parse/parse-feed.js';
import type { ParsedFeed } from '../../../src/feeds/types.js';
import { corpusAvailable, corpusDir, corpusSkipReason } from '../../support/corpus.js';

interface ManifestRow {
  file: string;
  format: string;
  wellFormed: boolean;
  itemCount: number;
  notes: string;
}

function readManifest(): ManifestRow[] {
  const [header, ...lines] = readFileSync(path.join(corpusDir, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  const columns = (header ?? '').split('\t');
  const at = (cells: string[], name: string) => cells[columns.indexOf(name)] ?? '';
  return lines.map((line) => {
    const cells = line.split('\t');
    return {
      file: at(cells, 'file'),
      format: at(cells, 'format'),
      wellFormed: at(cells, 'well_formed') === 'yes',
      itemCount: Number(at(cells, 'item_count')),
      notes: at(cells, 'notes'),
    };
  });
}

/**
 * Well-formed files whose entry count differs from the manifest on purpose, with the reason.
 * node-feedparser__illegally-nested.xml: the manifest counts 20 `<item>` elements, but 10 of them are empty
 * `<item />` elements nested inside the real items (after their description); they carry no title, link or
 * text, and a nested element is not a channel item. We read the 10 real items.
 */
const COUNT_TOLERANCE: Record<string, number> = {
  'node-feedparser__illegally-nested.xml': 10,
};

/** Scripts named in the manifest notes (or implied by the encoding), with a test for their letters. */
const SCRIPTS: Array<{ name: string; inNotes: RegExp; letters: RegExp }> = [
  { name: 'Cyrillic', inNotes: /cyrillic|russian/i, letters: /\p{Script=Cyrillic}/u },
  { name: 'Han', inNotes: /\bCJK\b|chinese|big5|gb2312/i, letters: /\p{Script=Han}/u },
  { name: 'Japanese', inNotes: /japanese|shift_jis/i, letters: /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u },
  { name: 'Hangul', inNotes: /hangul|korean|euc-kr/i, letters: /\p{Script=Hangul}/u },
  { name: 'Arabic', inNotes: /arabic-script|urdu/i, letters: /\p{Script=Arabic}/u },
  { name: 'Hebrew', inNotes: /hebrew|windows-1255/i, letters: /\p{Script=Hebrew}/u },
  { name: 'Thai', inNotes: /thai|tis-620/i, letters: /\p{Script=Thai}/u },
  { name: 'Greek', inNotes: /greek|iso-8859-7/i, letters: /\p{Script=Greek}/u },
];

/** Files whose non-Latin text sits only in a field ParsedFeed does not keep: checked on the decoded document. */
const SCRIPT_ONLY_IN_UNKEPT_FIELDS: Record<string, string> = {
  'feedparser-py__http_high_bit_date.xml': 'the Greek is only in the channel <pubDate>, which ParsedFeed does not keep',
};

/** The human-readable text of a parsed feed: its title and its entries' titles and summaries. */
function visibleText(feed: ParsedFeed): string {
  return [feed.title ?? '', ...feed.entries.flatMap((e) => [e.title, e.summary ?? '', e.content ?? ''])].join('\n');
}

if (!corpusAvailable) console.warn(corpusSkipReason);

describe.skipIf(!corpusAvailable)('the feed corpus', () => {
  const rows = corpusAvailable ? readManifest() : [];
  const read = (file: string) => readFileSync(path.join(corpusDir, file));

  describe('well-formed files parse to the manifest item count', () => {
    it.each(rows.filter((r) => r.wellFormed).map((r) => [r.file, r] as const))('%s', async (_file, row) => {
      const feed = await parseFeed(read(row.file));
      expect(feed.entries).toHaveLength(COUNT_TOLERANCE[row.file] ?? row.itemCount);
      expect(feed.partial).toBeUndefined();
    });
  });

  describe('malformed files parse or fail with a named FeedParseError', () => {
    it.each(rows.filter((r) => !r.wellFormed).map((r) => [r.file, r] as const))('%s', async (_file, row) => {
      const outcome: ParsedFeed | Error = await parseFeed(read(row.file)).catch((err: Error) => err);
      if (outcome instanceof Error) {
        expect(outcome).toBeInstanceOf(FeedParseError);
        expect(['not_a_feed', 'malformed', 'too_large']).toContain((outcome as FeedParseError).kind);
        expect(row.itemCount === 0 || row.format === 'other' || /truncat|invalid JSON|incomplete|Premature end/i.test(row.notes)).toBe(true);
      } else if (outcome.partial) {
        // Salvaged entry by entry: never more entries than the document has, and at least one.
        expect(outcome.entries.length).toBeLessThanOrEqual(row.itemCount);
        expect(outcome.entries.length).toBeGreaterThan(0);
      } else {
        expect(outcome.entries).toHaveLength(row.itemCount);
      }
    });
  });

  it('reads every file that is only sloppy (whitespace before the declaration, bad prolog) to its full count', async () => {
    const sloppy = rows.filter((r) => !r.wellFormed && /leading whitespace|wrong\/implicit encoding|undefined entity|gzip bytes|unknown encoding name/i.test(r.notes));
    expect(sloppy.length).toBeGreaterThan(10);
    for (const row of sloppy) {
      const feed = await parseFeed(read(row.file));
      expect({ file: row.file, count: feed.entries.length }).toEqual({ file: row.file, count: row.itemCount });
    }
  });

  describe('text in non-Latin scripts comes out as letters of that script, without U+FFFD', () => {
    const cases = rows.flatMap((row) =>
      SCRIPTS.filter((s) => s.inNotes.test(row.notes) || s.inNotes.test(row.file)).map((s) => [row.file, s.name, row, s] as const),
    );
    it('covers every script the brief names', () => {
      expect(new Set(cases.map((c) => c[1]))).toEqual(new Set(SCRIPTS.map((s) => s.name)));
    });
    it.each(cases)('%s (%s)', async (_file, _script, row, script) => {
      const text = visibleText(await parseFeed(read(row.file)));
      expect(text).not.toContain('\uFFFD');
      const decoded = decodeFeedBytes(read(row.file)).text;
      expect(decoded).not.toContain('\uFFFD');
      expect(SCRIPT_ONLY_IN_UNKEPT_FIELDS[row.file] ? decoded : text).toMatch(script.letters);
    });
  });

  describe('through the worker pool', () => {
    const pool = createFeedParserPool({ size: 2, timeoutMs: 20_000 });
    afterAll(() => pool.close());

    it('parses the whole corpus with the same outcome as in-thread, and nothing hangs', { timeout: 180_000 }, async () => {
      const outcomes = await Promise.all(
        rows.map(async (row) => {
          const result: ParsedFeed | Error = await pool.parse(read(row.file)).catch((err: Error) => err);
          if (result instanceof Error) {
            expect(result).toBeInstanceOf(FeedParseError);
            return `${row.file}: ${(result as FeedParseError).kind}`;
          }
          return `${row.file}: ${result.entries.length}`;
        }),
      );
      const inThread = await Promise.all(
        rows.map((row) =>
          parseFeed(read(row.file)).then(
            (feed) => `${row.file}: ${feed.entries.length}`,
            (err: FeedParseError) => `${row.file}: ${err.kind}`,
          ),
        ),
      );
      expect(outcomes).toEqual(inThread);
    });
  });
});
