import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFeedPoller, type HandleNewItems } from '../../src/feeds/poller.js';
import { createRedisFeedRegistry } from '../../src/feeds/registry.js';
import { createRedisSeenStore } from '../../src/feeds/seen-store.js';
import { createRedisFeedActivity } from '../../src/feeds/schedule/feed-activity.js';
import { createFeedFetcher } from '../../src/feeds/fetch/index.js';
import { parseFeed } from '../../src/feeds/parse/parse-feed.js';
import { assignItemIds } from '../../src/feeds/identity.js';
import type { NewsItem } from '../../src/news/types.js';
import { useRedis, type RedisTestContext } from '../support/redis.js';
import { startHttpServer, type TestHttpServer } from '../support/http-server.js';
import { rss, type TestItem } from '../support/rss.js';

let ctx: RedisTestContext;
let server: TestHttpServer;
let items: TestItem[];
let status = 200;

beforeEach(async () => {
  ctx = await useRedis('poller');
  items = [];
  status = 200;
  server = await startHttpServer({
    '/feed.xml': (req, res) => {
      if (status !== 200) {
        res.writeHead(status, status === 429 ? { 'retry-after': '7200' } : {}).end('down');
        return;
      }
      const body = rss('Test Wire', items);
      const etag = `"${Buffer.from(body).length}-${items.map((i) => i.guid).join(',')}-${items.map((i) => i.title).join('|').length}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
    },
  });
});
afterEach(async () => {
  await server.close();
  await ctx.cleanup();
});

function makePoller(options: { backfill?: number; redis?: RedisTestContext['redis']; failIngest?: () => boolean } = {}) {
  const redis = options.redis ?? ctx.redis;
  const handled: Array<{ item: NewsItem; alert: boolean }> = [];
  const handleNewItems: HandleNewItems = async (news, alert) => {
    if (options.failIngest?.()) throw new Error('Connection is closed.');
    for (const item of news) handled.push({ item, alert: alert(item) });
  };
  const fetcher = createFeedFetcher({ allowPrivateNetwork: true, totalTimeoutMs: 5_000 });
  const registry = createRedisFeedRegistry({ redis, keys: ctx.keys });
  const poller = createFeedPoller({
    registry,
    seen: createRedisSeenStore({ redis, keys: ctx.keys }),
    activity: createRedisFeedActivity({ redis, keys: ctx.keys }),
    fetchFeed: (u, c, s) => fetcher.fetch(u, c, s),
    parseFeed: (body, o) => parseFeed(body, o),
    assignItemIds,
    handleNewItems,
    policy: { baseMs: 60_000, maxMs: 600_000 },
    backfill: options.backfill ?? 0,
  });
  return { poller, registry, handled, alerted: () => handled.filter((h) => h.alert).map((h) => h.item.title) };
}

const item = (n: number, minutesAgo = n): TestItem => ({
  guid: `g-${n}`,
  title: `Story ${n}`,
  link: `https://example.org/${n}`,
  description: `Body of story ${n}`,
  pubDate: new Date(Date.now() - minutesAgo * 60_000),
});

describe('feed poller', () => {
  it('records a new feed\'s items as seen on its first poll and alerts none', async () => {
    const { poller, registry, handled, alerted } = makePoller();
    const { feed } = await registry.add(server.url('/feed.xml'), 'config');
    items = [item(1), item(2), item(3)];
    const report = await poller.poll(feed.id);
    expect(report).toMatchObject({ result: 'ok', entries: 3, newItems: 3 });
    expect(handled).toHaveLength(3); // handed on, so they are archived for /timeline
    expect(alerted()).toEqual([]);

    items = [item(0, 0), ...items];
    await poller.poll(feed.id);
    expect(alerted()).toEqual(['Story 0']);
  });

  it('alerts the newest N items of a new feed when a backfill is configured', async () => {
    const { poller, registry, alerted } = makePoller({ backfill: 2 });
    const { feed } = await registry.add(server.url('/feed.xml'), 'config');
    items = [item(3), item(1), item(2), item(4)];
    await poller.poll(feed.id);
    expect(alerted().sort()).toEqual(['Story 1', 'Story 2']);
  });

  it('does not alert again after a restart, nor when an item drops out and comes back, nor when edited', async () => {
    const first = makePoller();
    const { feed } = await first.registry.add(server.url('/feed.xml'), 'config');
    items = [item(1), item(2)];
    await first.poller.poll(feed.id);

    const restarted = makePoller({ redis: ctx.connect() });
    items = [item(2)]; // item 1 left the window
    await restarted.poller.poll(feed.id);
    items = [item(1), { ...item(2), title: 'Story 2 (updated headline)' }]; // item 1 is back, item 2 edited
    await restarted.poller.poll(feed.id);
    expect(restarted.handled).toEqual([]);
  });

  it('costs nothing downstream when the feed answers 304', async () => {
    const { poller, registry, handled } = makePoller();
    const { feed } = await registry.add(server.url('/feed.xml'), 'config');
    items = [item(1)];
    await poller.poll(feed.id);
    const report = await poller.poll(feed.id);
    expect(report.result).toBe('not_modified');
    expect(handled).toHaveLength(1);
    expect(server.requests.at(-1)?.headers['if-none-match']).toBeTruthy();
    expect((await registry.get(feed.id))?.lastSuccessAt).toBeTruthy();
  });

  it('keeps the last error, counts consecutive failures and marks the feed failing after five', async () => {
    const { poller, registry } = makePoller();
    const { feed } = await registry.add(server.url('/feed.xml'), 'config');
    status = 500;
    let report;
    for (let i = 0; i < 5; i++) report = await poller.poll(feed.id);
    expect(report?.result).toBe('http_error');
    const health = await registry.get(feed.id);
    expect(health).toMatchObject({ consecutiveFailures: 5, failing: true });
    expect(health?.lastError).toMatch(/^http_error: .*500/);
    // still polled, rarely: hours away rather than minutes
    expect(report!.nextPollAtMs! - Date.now()).toBeGreaterThan(3600_000);

    status = 200;
    items = [item(1)];
    await poller.poll(feed.id);
    expect(await registry.get(feed.id)).toMatchObject({ consecutiveFailures: 0, failing: false });
  });

  it('waits as long as a 429 asks before polling the feed again', async () => {
    const { poller, registry } = makePoller();
    const { feed } = await registry.add(server.url('/feed.xml'), 'config');
    status = 429;
    const report = await poller.poll(feed.id);
    expect(report.result).toBe('http_error');
    // base interval 1 min, first failure: without the hint the next poll would be a minute away
    expect(report.nextPollAtMs! - Date.now()).toBeGreaterThan(7_000_000);
  });

  it('does not hold its own failure against the feed, and loses no item to it', async () => {
    let failing = false;
    const { poller, registry, alerted } = makePoller({ failIngest: () => failing });
    const { feed } = await registry.add(server.url('/feed.xml'), 'config');
    items = [item(1)];
    await poller.poll(feed.id);
    items = [item(0, 0), item(1)];
    failing = true;
    await expect(poller.poll(feed.id)).rejects.toThrow(/Connection is closed/);
    expect(await registry.get(feed.id)).toMatchObject({ consecutiveFailures: 0, failing: false });
    expect((await registry.get(feed.id))?.lastError).toBeUndefined();
    failing = false;
    await poller.poll(feed.id);
    expect(alerted()).toEqual(['Story 0']);
  });

  it('treats the same id twice in one document as one item', async () => {
    const { poller, registry, handled } = makePoller({ backfill: 10 });
    const { feed } = await registry.add(server.url('/feed.xml'), 'config');
    items = [item(1), { ...item(1), title: 'Story 1 again' }];
    await poller.poll(feed.id);
    expect(handled).toHaveLength(1);
  });

  it('reports a removed feed without polling it', async () => {
    const { poller } = makePoller();
    expect(await poller.poll('f-missing')).toMatchObject({ result: 'removed' });
    expect(server.requests).toHaveLength(0);
  });
});
