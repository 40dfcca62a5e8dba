import { describe, expect, it } from 'vitest';
import { parseFeedList } from '../../src/feeds/feed-list.js';
import { OpmlError, parseOpml, toOpml } from '../../src/feeds/opml.js';

describe('parseFeedList, one URL a line', () => {
  it('keeps the good lines and reports each bad one with its line number', () => {
    const text = [
      '# Kazakh and Russian outlets',
      'https://tengrinews.kz/news.rss',
      '',
      '   https://www.inform.kz/rss/kaz.xml   # Kazinform, in Kazakh',
      'ftp://files.example/feed.xml',
      'tengrinews.kz',
      'https://a.example/rss https://b.example/rss',
      'https://TENGRINEWS.kz/news.rss#dup',
      'https://vlast.kz/rss.xml#section',
    ].join('\n');
    const parsed = parseFeedList(text);
    expect(parsed.format).toBe('lines');
    expect(parsed.entries.map((e) => e.url)).toEqual([
      'https://tengrinews.kz/news.rss',
      'https://www.inform.kz/rss/kaz.xml',
      'https://vlast.kz/rss.xml',
    ]);
    expect(parsed.problems).toEqual([
      { line: 5, text: 'ftp://files.example/feed.xml', reason: 'only http and https feeds are supported, not ftp' },
      { line: 6, text: 'tengrinews.kz', reason: expect.stringMatching(/^not a URL/) },
      { line: 7, text: 'https://a.example/rss https://b.example/rss', reason: 'one URL a line (a comment starts with #)' },
    ]);
  });

  it('reads an empty or comment-only file as no feeds', () => {
    expect(parseFeedList('')).toEqual({ format: 'lines', entries: [], problems: [] });
    expect(parseFeedList('# nothing yet\n\n').entries).toEqual([]);
  });
});

describe('parseFeedList, OPML', () => {
  const opml = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <!-- <outline text="commented out" xmlUrl="https://ignored.example/rss"/> -->
    <outline text="Kazakhstan">
      <outline type="rss" text="Azattyq" title="Азаттық радиосы" xmlUrl="https://www.azattyq.org/api/"/>
      <outline type="rss" text="Vlast &amp; Co" xmlUrl="https://vlast.kz/rss.xml"/>
      <outline type="rss" text="broken" xmlUrl="not a url"/>
    </outline>
    <outline type="rss" text="Kursiv" xmlUrl="https://kz.kursiv.media/feed/"/>
  </body>
</opml>`;

  it('reads every outline with an xmlUrl, at any depth, titled, and reports a bad one by line', () => {
    const parsed = parseFeedList(opml);
    expect(parsed.format).toBe('opml');
    expect(parsed.entries).toEqual([
      { url: 'https://www.azattyq.org/api/', title: 'Азаттық радиосы' },
      { url: 'https://vlast.kz/rss.xml', title: 'Vlast & Co' },
      { url: 'https://kz.kursiv.media/feed/', title: 'Kursiv' },
    ]);
    expect(parsed.problems).toEqual([{ line: 9, text: 'not a url', reason: expect.stringMatching(/^not a URL/) }]);
  });

  it('says on which line an OPML file stops being well-formed XML', () => {
    expect(() => parseFeedList('<opml version="2.0">\n<body>\n<outline text="a" xmlUrl="https://a.example/rss">\n</body></opml>')).toThrow(OpmlError);
    expect(() => parseOpml('<opml version="2.0">\n<body>\n<outline text="a" xmlUrl="https://a.example/rss">\n</body></opml>')).toThrow(/^line 4: not well-formed XML/);
  });

  it('refuses an XML document that is not OPML, naming its root', () => {
    expect(() => parseFeedList('<rss version="2.0"><channel/></rss>')).toThrow(/not an OPML file: its root element is <rss>/);
  });
});

describe('toOpml', () => {
  it('writes OPML 2.0 that reads back the same, with escaped titles and the URL for an untitled feed', () => {
    const feeds = [
      { url: 'https://a.example/rss?x=1&y=2', title: 'Tom & "Jerry" <news>' },
      { url: 'https://b.example/atom' },
    ];
    const xml = toOpml(feeds, { title: 'Kazwire feeds', dateCreated: new Date('2022-01-05T00:00:00Z') });
    expect(xml).toContain('<opml version="2.0">');
    expect(xml).toContain('<dateCreated>Wed, 05 Jan 2022 00:00:00 GMT</dateCreated>');
    expect(xml).toMatch(/<outline type="rss" text="Tom &amp; &quot;Jerry&quot; &lt;news&gt;"/);
    expect(parseFeedList(xml).entries).toEqual([feeds[0], { url: 'https://b.example/atom', title: 'https://b.example/atom' }]);
  });
});
