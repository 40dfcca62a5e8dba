import { afterEach, describe, expect, it } from 'vitest';
import { RetryLaterError } from '../../../src/errors.js';
import { FeedParseError } from '../../../src/feeds/parse/errors.js';
import { parseFeed } from '../../../src/feeds/parse/parse-feed.js';
import { createFeedParserPool, type FeedParserPool } from '../../../src/feeds/parse/pool.js';

const small = '<rss version="2.0"><channel><title>S</title><item><title>one</title><guid>1</guid></item></channel></rss>';

/** A description of 40,000 `<`: rss-parser's snippet regex takes seconds on it. */
function hostile(escaped: boolean): string {
  const lt = escaped ? '&lt;' : '<';
  return `<rss version="2.0"><channel><item><title>h</title><description>${lt.repeat(40_000)}</description></item></channel></rss>`;
}

function bigFeed(items: number): string {
  const body = Array.from({ length: items }, (_, i) => `<item><title>Item ${i}</title><link>https://x.kz/${i}</link><description>${'text '.repeat(50)}</description></item>`);
  return `<rss version="2.0"><channel><title>Big</title>${body.join('')}</channel></rss>`;
}

describe('createFeedParserPool', () => {
  let pool: FeedParserPool | undefined;
  afterEach(() => pool?.close());

  it('parses in a worker and answers with the feed', async () => {
    pool = createFeedParserPool({ size: 1 });
    const feed = await pool.parse(Buffer.from(small), { baseUrl: 'https://x.kz/' });
    expect(feed.entries).toEqual([{ guid: '1', title: 'one' }]);
  });

  it('brings every entry field across the thread boundary, the image and the date included', async () => {
    pool = createFeedParserPool({ size: 1 });
    const doc = `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><item><title>pic</title><link>/a</link>
      <pubDate>02.01.2022 15:04</pubDate><media:thumbnail url="/p.jpg"/></item></channel></rss>`;
    const inPool = await pool.parse(doc, { baseUrl: 'https://x.kz/feed' });
    expect(inPool.entries[0]).toEqual({ title: 'pic', link: 'https://x.kz/a', publishedAt: '2022-01-02T15:04:00.000Z', image: 'https://x.kz/p.jpg' });
    expect(inPool).toEqual(await parseFeed(doc, { baseUrl: 'https://x.kz/feed' }));
  });

  it('rebuilds parse errors with their kind across the thread boundary', async () => {
    pool = createFeedParserPool({ size: 1 });
    const err = await pool.parse('<html><body>moved</body></html>').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedParseError);
    expect(err).toMatchObject({ kind: 'not_a_feed', action: 'give-up' });
  });

  it('keeps the main thread and the other worker free while a hostile description is parsed', async () => {
    pool = createFeedParserPool({ size: 2 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const [escaped, raw, other] = await Promise.allSettled([pool.parse(hostile(true)), pool.parse(hostile(false)), pool.parse(small)]);
      // The escaped form is well-formed: it parses, with its 40,000 characters intact.
      expect(escaped.status === 'fulfilled' && escaped.value.entries[0]?.summary?.length).toBe(40_000);
      // Raw `<` is not XML, but inside a text element it is the element's text: kept whole, never a hang.
      expect(raw.status === 'fulfilled' && raw.value.entries[0]?.summary?.length).toBe(40_000);
      expect(other.status === 'fulfilled' && other.value.entries).toHaveLength(1);
      // The main thread's timer fired while the workers parsed: nothing blocked it.
      expect(ticks).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
    }
  });

  it('fails a parse past the deadline with kind timeout, and replaces its worker', async () => {
    pool = createFeedParserPool({ size: 1, timeoutMs: 1 });
    const err = await pool.parse(bigFeed(5000)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedParseError);
    expect(err).toMatchObject({ kind: 'timeout' });
    await pool.close();

    // A fresh pool with a humane deadline shows the failure was the deadline, not the document.
    pool = createFeedParserPool({ size: 1, timeoutMs: 30_000 });
    expect((await pool.parse(bigFeed(5000))).entries).toHaveLength(5000);
  });

  it('keeps serving after a timeout: the next parse runs on a fresh worker', async () => {
    pool = createFeedParserPool({ size: 1, timeoutMs: 1 });
    const first = pool.parse(bigFeed(5000)).catch((e: FeedParseError) => e.kind);
    const next = pool.parse(small).then(
      (feed) => feed.entries.length,
      (e: FeedParseError) => e.kind,
    );
    expect(await first).toBe('timeout');
    // With a 1 ms deadline the small parse may or may not beat the clock; it must settle either way,
    // never hang on the terminated worker nor fail as a crash.
    expect([1, 'timeout']).toContain(await next);
  });

  it('fails pending parses with a retry-later error on close', async () => {
    pool = createFeedParserPool({ size: 1 });
    const pending = pool.parse(bigFeed(2000)).catch((e: unknown) => e);
    await pool.close();
    expect(await pending).toBeInstanceOf(RetryLaterError);
    expect(await pool.parse(small).catch((e: unknown) => e)).toBeInstanceOf(RetryLaterError);
  });
});
