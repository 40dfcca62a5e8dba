import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/env.js';
import { configuredFeeds } from '../../src/feeds/configured-feeds.js';
import { toOpml } from '../../src/feeds/opml.js';

const pack = { id: 'kazakhstan', feeds: ['https://astanatimes.com/feed/'] };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kw-feeds-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the configured feed list', () => {
  it("is the topic pack's list when neither FEEDS_FILE nor FEED_URLS is set", () => {
    expect(configuredFeeds({ pack })).toEqual({ entries: [{ url: 'https://astanatimes.com/feed/' }], source: 'topic pack kazakhstan', problems: [] });
  });

  it('reads FEEDS_FILE with one URL a line, reporting bad lines by number and keeping the good ones', () => {
    const file = path.join(dir, 'feeds.txt');
    writeFileSync(file, '# Russian-language outlets\nhttps://tengrinews.kz/news.rss\nhttps//broken\nhttps://rus.azattyq.org/api/\n');
    const list = configuredFeeds({ feedsFile: file, pack });
    expect(list.entries.map((e) => e.url)).toEqual(['https://tengrinews.kz/news.rss', 'https://rus.azattyq.org/api/']);
    expect(list.problems).toEqual([{ line: 3, text: 'https//broken', reason: expect.stringMatching(/^not a URL/) }]);
    expect(list.source).toBe(`FEEDS_FILE ${file}`);
  });

  it('reads FEEDS_FILE as OPML, with titles, and adds FEED_URLS to it', () => {
    const file = path.join(dir, 'feeds.opml');
    writeFileSync(file, toOpml([{ url: 'https://www.azattyq.org/api/', title: 'Азаттық' }], { title: 'mine' }));
    const list = configuredFeeds({ feedsFile: file, feedUrls: ['https://eurasianet.org/rss'], pack });
    expect(list.entries).toEqual([{ url: 'https://www.azattyq.org/api/', title: 'Азаттық' }, { url: 'https://eurasianet.org/rss' }]);
    expect(list.source).toBe(`FEEDS_FILE ${file} + FEED_URLS`);
  });

  it('stops start-up with a configuration error for a missing or unreadable FEEDS_FILE', () => {
    expect(() => configuredFeeds({ feedsFile: path.join(dir, 'nope.txt'), pack })).toThrow(ConfigError);
    expect(() => configuredFeeds({ feedsFile: path.join(dir, 'nope.txt'), pack })).toThrow(/FEEDS_FILE: cannot read .*nope\.txt \(ENOENT\)/);
    writeFileSync(path.join(dir, 'bad.opml'), '<opml><body><outline text="a"></body></opml>');
    expect(() => configuredFeeds({ feedsFile: path.join(dir, 'bad.opml'), pack })).toThrow(/FEEDS_FILE .*bad\.opml: line 1: not well-formed XML/);
  });
});
