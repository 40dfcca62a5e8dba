import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/feeds/parse/parse-feed.js';

const DC = 'xmlns:dc="http://purl.org/dc/elements/1.1/"';
const DCTERMS = 'xmlns:dcterms="http://purl.org/dc/terms/"';
const MEDIA = 'xmlns:media="http://search.yahoo.com/mrss/"';

describe('parseFeed: the forms real feeds take', () => {
  it('keeps an item with one mismatched close tag, and the items after it, as a whole feed', async () => {
    const feed = await parseFeed(`<rss version="2.0"><channel><title>T</title><language>ru</langauge>
      <item><title>Первая</titel><link>https://kz.kz/1</link></item>
      <item><title>Вторая</title><link>https://kz.kz/2</lnk></item>
      <item><title>Третья</title><description>a <b>bold</description></item></channel></rss>`);
    expect(feed.partial).toBeUndefined();
    expect(feed.language).toBe('ru');
    expect(feed.entries.map((e) => [e.title, e.link])).toEqual([
      ['Первая', 'https://kz.kz/1'],
      ['Вторая', 'https://kz.kz/2'],
      ['Третья', undefined],
    ]);
  });

  it('reads a document whose last close tag is cut short (`</rss`) as whole', async () => {
    const feed = await parseFeed(`<rss><channel><title>testing &#8217; entity</title><item><title>a</title></item></channel></rss`);
    expect(feed).toEqual({ format: 'rss', title: 'testing ’ entity', entries: [{ title: 'a' }] });
  });

  it('salvages, marked partial, when an element left open would swallow the items after it', async () => {
    const feed = await parseFeed(`<rss version="2.0"><channel><title>T</title><itunes:category text="News">
      <item><title>one</title></item><item><title>two</title></item></channel></rss>`);
    expect(feed).toMatchObject({ partial: true, title: 'T' });
    expect(feed.entries.map((e) => e.title)).toEqual(['one', 'two']);
  });

  it('reads RSS 1.0 whose elements carry a prefix (<rss:item>), and RSS 1.0 items put inside the channel', async () => {
    const prefixed = await parseFeed(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/" ${DC}>
      <rss:channel rdf:about="https://kz.kz/"><rss:title>Prefixed</rss:title><rss:link>https://kz.kz/</rss:link></rss:channel>
      <rss:item rdf:about="https://kz.kz/1"><rss:title>One</rss:title><rss:link>https://kz.kz/1</rss:link><dc:date>2022-01-05T10:00:00+06:00</dc:date></rss:item>
      <rss:item rdf:about="https://kz.kz/2"><rss:title>Two</rss:title><rss:link>https://kz.kz/2</rss:link></rss:item></rdf:RDF>`);
    expect(prefixed).toMatchObject({ format: 'rdf', title: 'Prefixed', link: 'https://kz.kz/' });
    expect(prefixed.entries).toEqual([
      { title: 'One', link: 'https://kz.kz/1', publishedAt: '2022-01-05T04:00:00.000Z' },
      { title: 'Two', link: 'https://kz.kz/2' },
    ]);
    const nested = await parseFeed(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <channel><title>N</title><item><title>inside</title></item></channel><item><title>beside</title></item></rdf:RDF>`);
    expect(nested.entries.map((e) => e.title)).toEqual(['inside', 'beside']);
  });

  it('reads RSS without a <channel>, and RSS 2.0 items written beside the channel', async () => {
    const bare = await parseFeed(`<rss version="2.0"><title>Bare</title><item><title>a</title></item><item><title>b</title></item></rss>`);
    expect(bare).toMatchObject({ format: 'rss', title: 'Bare' });
    expect(bare.entries.map((e) => e.title)).toEqual(['a', 'b']);
    const beside = await parseFeed(`<rss version="2.0"><channel><title>C</title><item><title>in</title></item></channel><item><title>out</title></item></rss>`);
    expect(beside.entries.map((e) => e.title)).toEqual(['in', 'out']);
  });

  it('takes the title from dc:title or media:title, and the summary from dc:description, itunes:summary or media:description', async () => {
    const feed = await parseFeed(`<rss version="2.0" ${DC} ${MEDIA} xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><dc:title>DC feed</dc:title>
      <item><dc:title>DC title</dc:title><dc:description>DC text</dc:description></item>
      <item><media:title>Media title</media:title><itunes:summary>iTunes text</itunes:summary></item>
      <item><media:group><media:title>Grouped title</media:title><media:description>Media text</media:description></media:group></item>
      <item><title>Own title</title><media:content url="https://kz.kz/v.mp4"><media:title>not the item's</media:title></media:content></item>
    </channel></rss>`);
    expect(feed.title).toBe('DC feed');
    expect(feed.entries.map((e) => [e.title, e.summary])).toEqual([
      ['DC title', 'DC text'],
      ['Media title', 'iTunes text'],
      ['Grouped title', 'Media text'],
      ['Own title', undefined],
    ]);
  });

  it('takes an Atom summary from media:description, and an RSS <summary> as summary or, beside a description, as content', async () => {
    const atom = await parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom" ${MEDIA}><entry><title>a</title><media:group><media:description>Media text</media:description></media:group></entry></feed>`);
    expect(atom.entries[0]?.summary).toBe('Media text');
    const rss = await parseFeed(`<rss version="2.0"><channel><item><summary>only</summary></item><item><description>short</description><summary>long</summary></item></channel></rss>`);
    expect(rss.entries.map((e) => [e.summary, e.content])).toEqual([
      ['only', undefined],
      ['short', 'long'],
    ]);
  });

  it('reads dcterms dates (issued, created, modified), whatever prefix the feed binds to the namespace', async () => {
    const feed = await parseFeed(`<rss version="2.0" ${DCTERMS} xmlns:dct="http://purl.org/dc/terms/"><channel>
      <item><title>i</title><dcterms:issued>2022-01-05T10:00:00Z</dcterms:issued><dcterms:modified>2022-01-06T10:00:00Z</dcterms:modified></item>
      <item><title>c</title><dcterms:created>05.01.2022 10:00</dcterms:created></item>
      <item><title>m</title><dct:modified>Wed, 05 Jan 2022 10:00:00 MSK</dct:modified></item>
      <item><title>bad first</title><pubDate>soon</pubDate><dcterms:modified>2022-01-07</dcterms:modified></item>
    </channel></rss>`);
    expect(feed.entries.map((e) => e.publishedAt)).toEqual(['2022-01-05T10:00:00.000Z', '2022-01-05T10:00:00.000Z', '2022-01-05T07:00:00.000Z', '2022-01-07T00:00:00.000Z']);
  });

  it('reads Atom text constructs by type: html is stripped, text and xhtml kept, base64 decoded, out-of-line content is none', async () => {
    const feed = await parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom">
      <entry><title type="html">&lt;b&gt;Bold&lt;/b&gt; news</title></entry>
      <entry><title type="text">x &lt; y &amp; 5 &lt;b&gt;</title></entry>
      <entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">An <em>emphasised</em> title</div></title></entry>
      <entry><title type="application/octet-stream">0KLQvtC60LDQtdCy</title><content src="https://kz.kz/video.mp4"/></entry>
    </feed>`);
    expect(feed.entries.map((e) => e.title)).toEqual(['Bold news', 'x < y & 5 <b>', 'An emphasised title', 'Токаев']);
    expect(feed.entries[3]).not.toHaveProperty('content');
  });

  it('reads JSON Feed whose version is a bare number', async () => {
    const feed = await parseFeed(JSON.stringify({ version: '1.1', title: 'J', items: [{ id: '1', title: 'one', date_published: '2022-01-05T10:00:00+06:00' }] }));
    expect(feed).toMatchObject({ format: 'json', title: 'J', entries: [{ guid: '1', title: 'one', publishedAt: '2022-01-05T04:00:00.000Z' }] });
    expect(await parseFeed('{"version": "2.0-beta", "items": []}').catch((e: Error) => e.message)).toMatch(/not a feed/);
  });

  it('decodes every HTML5 entity, and numeric references 128-159 as windows-1252', async () => {
    const feed = await parseFeed(`<rss version="2.0"><channel><item><title>&alefsym; &NotEqualTilde; Tokayev&#146;s &#x93;order&#x0094; &#0150; &bogus; AT&T</title></item></channel></rss>`);
    expect(feed.entries[0]?.title).toBe('ℵ ≂̸ Tokayev’s “order” – &bogus; AT&T');
  });

  it('does not decode a literal ampersand twice (&amp;copy= stays)', async () => {
    const feed = await parseFeed(`<rss version="2.0"><channel><title>?page=1&amp;copy=2 Q&amp;notes</title></channel></rss>`);
    expect(feed.title).toBe('?page=1&copy=2 Q&notes');
  });
});
