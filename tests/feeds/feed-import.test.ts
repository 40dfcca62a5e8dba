import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeImport, exportFeedList, importFeedList } from '../../src/feeds/feed-import.js';
import { parseFeedList } from '../../src/feeds/feed-list.js';
import { toOpml } from '../../src/feeds/opml.js';
import { createRedisFeedRegistry } from '../../src/feeds/registry.js';
import { useRedis, type RedisTestContext } from '../support/redis.js';

let ctx: RedisTestContext;
beforeEach(async () => {
  ctx = await useRedis('feed-import');
});
afterEach(() => ctx.cleanup());

/** Outlets as real lists name them: three scripts, punctuation that must be escaped, query strings. */
function outlet(i: number): { url: string; title: string } {
  const names = ['Қазақстан жаңалықтары', 'Новости Казахстана', 'Steppe & Oil "Daily"', 'Almaty <Live>', "Ақтау'дағы хабар"];
  return { url: `https://outlet-${i}.example.kz/rss.xml?lang=${i % 3}&page=1`, title: `${names[i % names.length]} №${i}` };
}

describe('importing and exporting the feed list', () => {
  it('round-trips 1,000 feeds through OPML with their titles', async () => {
    const registry = createRedisFeedRegistry(ctx);
    const feeds = Array.from({ length: 1000 }, (_, i) => outlet(i));
    const report = await importFeedList(registry, toOpml(feeds, { title: 'from another reader' }));
    expect(report).toMatchObject({ format: 'opml', problems: [], existing: [], restored: [] });
    expect(report.added).toHaveLength(1000);

    const { opml, count } = await exportFeedList(registry);
    expect(count).toBe(1000);
    const back = parseFeedList(opml);
    expect(back.problems).toEqual([]);
    const byUrl = (list: Array<{ url: string; title?: string }>) => [...list].sort((a, b) => a.url.localeCompare(b.url));
    expect(byUrl(back.entries)).toEqual(byUrl(feeds));

    // Importing the export again changes nothing.
    const again = await importFeedList(registry, opml);
    expect(again.added).toEqual([]);
    expect(again.existing).toHaveLength(1000);
  });

  it('imports a plain list, keeping the good lines and reporting the bad ones with line numbers', async () => {
    const registry = createRedisFeedRegistry(ctx);
    const report = await importFeedList(registry, 'https://a.example/rss\nnot-a-url\n# comment\nhttps://b.example/rss\n');
    expect(report.added).toEqual(['https://a.example/rss', 'https://b.example/rss']);
    expect(report.problems.map((p) => p.line)).toEqual([2]);
    expect(describeImport(report)).toMatch(/^2 feeds added from the list\.\n1 line skipped:\n {2}line 2: not a URL/);
    const feeds = await registry.list();
    expect(feeds.every((f) => f.source === 'operator' && !f.lastPollAt)).toBe(true);
    expect(await registry.stateCounts()).toMatchObject({ never_polled: 2, total: 2 });
  });

  it('restores a feed an operator had removed when it is imported again', async () => {
    const registry = createRedisFeedRegistry(ctx);
    await registry.syncConfigured(['https://pack.example/rss']);
    await registry.remove('https://pack.example/rss', { tombstone: true });
    const report = await importFeedList(registry, 'https://pack.example/rss\n');
    expect(report.restored).toEqual(['https://pack.example/rss']);
    expect(describeImport(report)).toContain('1 feed added from the list, 1 of them restored after a removal.');
    expect((await registry.syncConfigured(['https://pack.example/rss'])).keptOut).toEqual([]);
  });
});
