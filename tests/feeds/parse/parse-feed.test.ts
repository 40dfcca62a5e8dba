import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../../src/feeds/parse/errors.js';
import { parseFeed } from '../../../src/feeds/parse/parse-feed.js';

async function parseError(body: string | Buffer): Promise<FeedParseError> {
  const err = await parseFeed(body).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FeedParseError);
  return err as FeedParseError;
}

describe('parseFeed', () => {
  it('reads RSS 2.0 items with plain-text titles, ISO dates and the ttl', async () => {
    const feed = await parseFeed(`<?xml version="1.0"?>
      <rss version="2.0"><channel><title>Kaz &amp;amp; Co</title><link>https://news.kz/</link><language>ru</language><ttl>30</ttl>
        <item><title>&lt;b&gt;Astana&lt;/b&gt; &amp;amp; Almaty&nbsp;news</title><link>https://news.kz/a?x=1&y=2</link>
          <guid isPermaLink="false">a-1</guid><pubDate>Tue, 02 Mar 2021 23:39:15 +0100</pubDate><description>d</description>
          <content:encoded><![CDATA[<p>full &nbsp;</p>]]></content:encoded><category>Politics</category></item>
        <item><title>Bad date</title><pubDate>not a date</pubDate></item>
      </channel></rss>`);
    expect(feed).toMatchObject({ format: 'rss', title: 'Kaz & Co', link: 'https://news.kz/', language: 'ru', ttlMinutes: 30 });
    expect(feed.entries[0]).toEqual({
      guid: 'a-1',
      link: 'https://news.kz/a?x=1&y=2',
      title: 'Astana & Almaty news', // a title's white space, NBSP included, is collapsed to single spaces
      summary: 'd',
      content: '<p>full &nbsp;</p>',
      publishedAt: '2021-03-02T22:39:15.000Z',
      categories: ['Politics'],
    });
    expect(feed.entries[1]).not.toHaveProperty('publishedAt');
  });

  it('resolves relative links against xml:base, then the feed URL', async () => {
    const rss = await parseFeed(
      `<rss version="2.0"><channel><link>/</link>
        <item xml:base="https://a.kz/post/1/"><title>a</title><link>comments</link></item>
        <item><title>b</title><link>/news/2</link></item></channel></rss>`,
      { baseUrl: 'https://b.kz/feed.xml' },
    );
    expect(rss.link).toBe('https://b.kz/');
    expect(rss.entries.map((e) => e.link)).toEqual(['https://a.kz/post/1/comments', 'https://b.kz/news/2']);

    const atom = await parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://c.kz/blog/">
        <entry><title type="html">&lt;i&gt;One&lt;/i&gt;</title><id>urn:1</id><link rel="alternate" href="2024/one"/><published>2024-01-02T03:04:05Z</published></entry>
      </feed>`);
    expect(atom.entries[0]).toMatchObject({ guid: 'urn:1', title: 'One', link: 'https://c.kz/blog/2024/one', publishedAt: '2024-01-02T03:04:05.000Z' });
  });

  it('reads Atom 0.3 dates and a feed with a prefixed Atom namespace', async () => {
    const old = await parseFeed(`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title>x</title><issued>2004-05-06T07:08:09Z</issued></entry></feed>`);
    expect(old.entries[0]?.publishedAt).toBe('2004-05-06T07:08:09.000Z');
    const prefixed = await parseFeed(`<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>T</a:title><a:entry><a:title>E</a:title><a:link href="https://x.kz/e"/></a:entry></a:feed>`);
    expect(prefixed).toMatchObject({ format: 'atom', title: 'T', entries: [{ title: 'E', link: 'https://x.kz/e' }] });
  });

  it('does not throw on an unparseable Atom date (rss-parser would)', async () => {
    const feed = await parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title><published>yesterday-ish</published></entry></feed>`);
    expect(feed.entries[0]).toEqual({ title: 'x' });
  });

  it('reads JSON Feed 1.1, skipping fields of the wrong type', async () => {
    const feed = await parseFeed(
      Buffer.from(
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: 'J',
          home_page_url: 'https://j.kz/',
          items: [
            { id: 1, url: '/p/1', title: 'One <b>bold</b>', content_html: '<p>hi</p>', date_published: '2024-02-03T04:05:06+06:00', authors: [{ name: 'A' }], tags: ['t'] },
            { id: 'two', title: 42, content_text: 'plain' },
            'not an item',
          ],
        }),
      ),
      { baseUrl: 'https://j.kz/feed.json' },
    );
    expect(feed).toMatchObject({ format: 'json', title: 'J', link: 'https://j.kz/' });
    expect(feed.entries).toEqual([
      { guid: '1', link: 'https://j.kz/p/1', title: 'One bold', content: '<p>hi</p>', publishedAt: '2024-02-02T22:05:06.000Z', author: 'A', categories: ['t'] },
      { guid: 'two', title: '', content: 'plain' },
    ]);
  });

  it('tolerates what sloppy feeds do: junk before the declaration, a BOM, bare & and HTML entities', async () => {
    const feed = await parseFeed(
      Buffer.from(`\ufeff  \n<!-- generated --><?xml version='1.0' encoding='utf-8'?>
        <rss version='2.0'><channel><item><title>A&nbsp;&mdash; B &copy;</title><link>https://x.kz/?a=1&b=2</link></item></channel></rss>`),
    );
    expect(feed.entries[0]).toEqual({ title: 'A — B ©', link: 'https://x.kz/?a=1&b=2' });
  });

  it('salvages the complete items of a truncated document and marks it partial', async () => {
    const feed = await parseFeed(`<rss version="2.0"><channel><title>T</title><item><title>one</title></item><item><title>two</title></item><item><title>thr`);
    expect(feed.partial).toBe(true);
    expect(feed.title).toBe('T');
    expect(feed.entries.map((e) => e.title)).toEqual(['one', 'two']);
  });

  it('names what is wrong: HTML page, unknown root, malformed XML or JSON, empty, too large', async () => {
    expect(await parseError('<!DOCTYPE html><html><head><title>x</title></head></html>')).toMatchObject({
      kind: 'not_a_feed',
      message: 'not a feed: the document is an HTML page (<html>)',
    });
    expect((await parseError('<opml version="2.0"></opml>')).message).toMatch(/unknown root element <opml>/);
    expect(await parseError('<rss version="2.0"><channel><title>x</title><item><title>cut sho')).toMatchObject({ kind: 'malformed' });
    expect(await parseError('<rss version="2.0"><channel><title x="1>y</title></channel></rss>')).toMatchObject({ kind: 'malformed' });
    expect((await parseError('{"version": "https://jsonfeed.org/version/1", "items": [')).message).toMatch(/^malformed feed: JSON syntax error/);
    expect(await parseError('{"hello": "world"}')).toMatchObject({ kind: 'not_a_feed' });
    expect(await parseError('   ')).toMatchObject({ kind: 'not_a_feed' });
    expect(await parseFeed(Buffer.alloc(2048, 0x20), { maxBytes: 1024 }).catch((e: FeedParseError) => e.kind)).toBe('too_large');
  });

  it('reads an empty <rss> as a feed without entries', async () => {
    expect(await parseFeed('<rss></rss>')).toEqual({ format: 'rss', entries: [] });
  });
});
