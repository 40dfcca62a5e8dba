import { describe, expect, it } from 'vitest';
import { firstImgSrc, imageUrl } from '../../../src/feeds/parse/entry-image.js';
import { parseFeed } from '../../../src/feeds/parse/parse-feed.js';

const NS = 'xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:content="http://purl.org/rss/1.0/modules/content/"';

/** The image of the only item of an RSS document whose item holds `inner`. */
async function rssImage(inner: string, baseUrl = 'https://news.kz/feed.xml'): Promise<string | undefined> {
  const feed = await parseFeed(`<rss version="2.0" ${NS}><channel><item><title>t</title>${inner}</item></channel></rss>`, { baseUrl });
  return feed.entries[0]?.image;
}

describe('the picture of an item', () => {
  it('is a media:content that is an image, by medium, MIME type or file name (not a video)', async () => {
    expect(await rssImage('<media:content url="https://cdn.kz/v.mp4" medium="video"/><media:content url="https://cdn.kz/a.jpg" medium="image"/>')).toBe('https://cdn.kz/a.jpg');
    expect(await rssImage('<media:content url="https://cdn.kz/pic" type="image/webp"/>')).toBe('https://cdn.kz/pic');
    expect(await rssImage('<media:content url="https://cdn.kz/photo.JPEG?w=800"/>')).toBe('https://cdn.kz/photo.JPEG?w=800');
    expect(await rssImage('<media:group><media:content url="https://cdn.kz/in-group.png" medium="image"/></media:group>')).toBe('https://cdn.kz/in-group.png');
    expect(await rssImage('<media:content url="https://cdn.kz/clip" type="video/mp4"/>')).toBeUndefined();
  });

  it('is a media:thumbnail, also one inside the media:content of a video', async () => {
    expect(await rssImage('<media:thumbnail url="https://cdn.kz/thumb.jpg" width="120"/>')).toBe('https://cdn.kz/thumb.jpg');
    expect(await rssImage('<media:content url="https://cdn.kz/v.mp4" medium="video"><media:thumbnail url="https://cdn.kz/poster.jpg"/></media:content>')).toBe('https://cdn.kz/poster.jpg');
  });

  it('is an image enclosure, not an audio one', async () => {
    expect(await rssImage('<enclosure url="https://cdn.kz/ep.mp3" type="audio/mpeg" length="1"/><enclosure url="https://cdn.kz/cover.png" type="image/png" length="1"/>')).toBe('https://cdn.kz/cover.png');
    expect(await rssImage('<enclosure url="https://cdn.kz/ep.mp3" type="audio/mpeg" length="1"/>')).toBeUndefined();
  });

  it('is an itunes:image, by href or (as some feeds write it) url', async () => {
    expect(await rssImage('<itunes:image href="https://cdn.kz/itunes.jpg"/>')).toBe('https://cdn.kz/itunes.jpg');
    expect(await rssImage('<itunes:image url="https://cdn.kz/itunes-url.jpg"/>')).toBe('https://cdn.kz/itunes-url.jpg');
  });

  it('is a lazy-loaded <img>’s data-src, not its data: placeholder', async () => {
    expect(await rssImage('<description><![CDATA[<img src="data:image/gif;base64,R0lG" data-src="/lazy.jpg">]]></description>')).toBe('https://news.kz/lazy.jpg');
    expect(await rssImage('<description><![CDATA[<img src="data:image/gif;base64,R0lG">]]></description>')).toBeUndefined();
  });

  it('is the first <img src> of the content, else of the description, skipping tracking pixels', async () => {
    expect(await rssImage('<description>&lt;img src="/d.jpg"&gt;</description><content:encoded><![CDATA[<p><img width="1" height="1" src="https://t.kz/px.gif"><IMG alt="x" SRC=\'/c.jpg?a=1&amp;b=2\'></p>]]></content:encoded>')).toBe(
      'https://news.kz/c.jpg?a=1&b=2',
    );
    expect(await rssImage('<description><![CDATA[text <img src="/only-desc.png"> more]]></description>')).toBe('https://news.kz/only-desc.png');
  });

  it('prefers media:content, then media:thumbnail, enclosure, itunes:image, and the HTML last', async () => {
    const all = (skip: number) =>
      [
        '<media:content url="https://cdn.kz/1.jpg" medium="image"/>',
        '<media:thumbnail url="https://cdn.kz/2.jpg"/>',
        '<enclosure url="https://cdn.kz/3.jpg" type="image/jpeg" length="1"/>',
        '<itunes:image href="https://cdn.kz/4.jpg"/>',
        '<description><![CDATA[<img src="https://cdn.kz/5.jpg">]]></description>',
      ]
        .slice(skip)
        .join('');
    const found = await Promise.all([0, 1, 2, 3, 4].map((skip) => rssImage(all(skip))));
    expect(found).toEqual([1, 2, 3, 4, 5].map((n) => `https://cdn.kz/${n}.jpg`));
  });

  it('is resolved against the item xml:base, and only http(s) is kept', async () => {
    const feed = await parseFeed(
      `<rss version="2.0" ${NS}><channel><item xml:base="https://other.kz/news/"><media:thumbnail url="img/a.jpg"/></item>
        <item><media:thumbnail url="data:image/png;base64,AAAA"/></item><item><media:thumbnail url="javascript:alert(1)"/></item></channel></rss>`,
      { baseUrl: 'https://news.kz/feed.xml' },
    );
    expect(feed.entries.map((e) => e.image)).toEqual(['https://other.kz/news/img/a.jpg', undefined, undefined]);
  });

  it('is an Atom link rel="enclosure" of an image type, else the first <img> of the content', async () => {
    const feed = await parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.kz/">
      <entry><title>a</title><link rel="enclosure" type="audio/mpeg" href="/a.mp3"/><link rel="enclosure" type="image/jpeg" href="/a.jpg"/></entry>
      <entry><title>b</title><content type="html">&lt;p&gt;&lt;img src="b.png"&gt;&lt;/p&gt;</content></entry>
      <entry><title>c</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>x <img src="c.gif"/></p></div></content></entry>
    </feed>`);
    expect(feed.entries.map((e) => e.image)).toEqual(['https://blog.kz/a.jpg', 'https://blog.kz/b.png', 'https://blog.kz/c.gif']);
  });

  it('is a JSON Feed image, else its banner_image', async () => {
    const feed = await parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        items: [
          { id: '1', image: '/i.png', banner_image: '/b.png' },
          { id: '2', banner_image: 'https://cdn.kz/b.png' },
          { id: '3', image: 'ftp://x.kz/i.png' },
        ],
      }),
      { baseUrl: 'https://j.kz/feed.json' },
    );
    expect(feed.entries.map((e) => e.image)).toEqual(['https://j.kz/i.png', 'https://cdn.kz/b.png', undefined]);
  });
});

describe('imageUrl and firstImgSrc', () => {
  it('takes a protocol-relative URL without a base as https', () => {
    expect(imageUrl('//cdn.kz/a.jpg', undefined)).toBe('https://cdn.kz/a.jpg');
    expect(imageUrl('a.jpg', undefined)).toBeUndefined();
  });

  it('reads in linear time, whatever the markup: 50,000 <img without a closing >', () => {
    expect(firstImgSrc(`${'<img src="x"'.repeat(50_000)}`)).toBeUndefined();
    expect(firstImgSrc(`${'<img alt=x>'.repeat(50_000)}<img src=last.png>`)).toBe('last.png');
  });
});
