import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFeedPoller, type HandleNewItems } from '../../src/feeds/poller.js';
import { createRedisFeedRegistry } from '../../src/feeds/registry.js';
import { createRedisSeenStore } from '../../src/feeds/seen-store.js';
import { createRedisFeedActivity } from '../../src/feeds/schedule/feed-activity.js';
import { createFeedFetcher } from '../../src/feeds/fetch/index.js';
import { parseFeed } from '../../src/feeds/parse/parse-feed.js';
import { assignItemIds, identifyItems } from '../../src/feeds/identity.js';
import type { NewsItem } from '../../src/news/types.js';
import { itemsNotAlerted } from '../../src/metrics.js';
import { useRedis, type RedisTestContext } from '../support/redis.js';
import { startHttpServer, type TestHttpServer } from '../support/http-server.js';
import { rss, type TestItem } from '../support/rss.js';

let ctx: RedisTestContext;
let server: TestHttpServer;
let items: TestItem[];
let status = 200;
let useEtag = true;

beforeEach(async () => {
  ctx = await useRedis('poller');
  items = [];
  status = 200;
  useEtag = true;
  server = await startHttpServer({
    '/feed.xml': (req, res) => {
      if (status !== 200) {
        res.writeHead(status, status === 429 ? { 'retry-after': '7200' } : {}).end('down');
        return;
      }
      const body = rss('Test Wire', items);
      if (!useEtag) {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body);
        return;
      }
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

interface PollerOptions {
  backfill?: number;
  maxNewItemsPerPoll?: number;
  alertMaxAgeMs?: number;
  maxUnservedPerFeed?: number;
  redis?: RedisTestContext['redis'];
  failIngest?: () => boolean;
}

function makePoller(options: PollerOptions = {}) {
  const redis = options.redis ?? ctx.redis;
  const handled: Array<{ item: NewsItem; alert: boolean }> = [];
  const handleNewItems: HandleNewItems = async (news, alert) => {
    if (options.failIngest?.()) throw new Error('Connection is closed.');
    for (const item of news) handled.push({ item, alert: alert(item) });
  };
  const fetcher = createFeedFetcher({ allowPrivateNetwork: true, totalTimeoutMs: 5_000 });
  const registry = createRedisFeedRegistry({ redis, keys: ctx.keys });
  const seen = createRedisSeenStore({ redis, keys: ctx.keys, ...(options.maxUnservedPerFeed ? { maxUnservedPerFeed: options.maxUnservedPerFeed } : {}) });
  const poller = createFeedPoller({
    registry,
    seen,
    activity: createRedisFeedActivity({ redis, keys: ctx.keys }),
    fetchFeed: (u, c, s) => fetcher.fetch(u, c, s),
    parseFeed: (body, o) => parseFeed(body, o),
    identifyItems,
    handleNewItems,
    policy: { baseMs: 60_000, maxMs: 600_000 },
    backfill: options.backfill ?? 0,
    ...(options.maxNewItemsPerPoll ? { maxNewItemsPerPoll: options.maxNewItemsPerPoll } : {}),
    ...(options.alertMaxAgeMs ? { alertMaxAgeMs: options.alertMaxAgeMs } : {}),
  });
  return { poller, registry, seen, handled, alerted: () => handled.filter((h) => h.alert).map((h) => h.item.title) };
}

/** `kazwire_items_not_alerted_total` by reason, so far in this test file. */
async function notAlertedCounts(): Promise<Record<string, number>> {
  const metric = await itemsNotAlerted.get();
  return Object.fromEntries(metric.values.map((v) => [String(v.labels.reason), v.value]));
}

async function countsDuring(fn: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = await notAlertedCounts();
  await fn();
  const after = await notAlertedCounts();
  return Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([, v]) => v !== 0));
}

const item = (n: number, minutesAgo = n): TestItem => ({
  guid: `g-${n}`,
  title: `Story ${n}`,
  link: `https://example.org/${n}`,
  description: `Body of story ${n}`,
  pubDate: new Date(Date.now() - minutesAgo * 60_000),
});

describe('feed poller', () => {
  it('hands each item on with its picture, leaving out one that points into a private network', async () => {
    const { poller, registry, handled } = makePoller();
    const { feed } = await registry.add(server.url('/feed.xml'), 'config');
    items = [
      { ...item(1), description: '<p><img src="https://cdn.example.org/photo-1.jpg" alt=""></p> Body of story 1' },
      { ...item(2), description: '<img src="http://192.168.1.10/cam.jpg"> Body of story 2' },
      item(3),
    ];
    await poller.poll(feed.id);
    const images = Object.fromEntries(handled.map((h) => [h.item.title, h.item.image]));
    expect(images).toEqual({ 'Story 1': 'https://cdn.example.org/photo-1.jpg', 'Story 2': undefined, 'Story 3': undefined });
  });

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

describe('feed poller: what is new, and what is not alerted', () => {
  const dated = (n: number, iso: string): TestItem => ({ ...item(n), pubDate: iso });

  it('alerts old-dated items of an initialised feed: what is new to the bot, whatever its date', async () => {
    const { poller, registry, alerted } = makePoller();
    const { feed } = await registry.add(server.url('/feed.xml'), 'config');
    items = [dated(1, '2022-01-04T08:00:00Z')];
    await poller.poll(feed.id);
    items = [dated(2, '2022-01-05T09:30:00Z'), dated(3, '2022-01-06T02:10:00Z'), ...items];
    await poller.poll(feed.id);
    expect(alerted().sort()).toEqual(['Story 2', 'Story 3']);
  });

  it('counts items older than ALERT_MAX_AGE_HOURS as too_old, archives and does not alert them', async () => {
    const { poller, registry, handled, alerted } = makePoller({ alertMaxAgeMs: 48 * 3600_000 });
    const { feed } = await registry.add(server.url('/feed.xml'), 'config');
    items = [item(1)];
    await poller.poll(feed.id);
    items = [item(2, 5), item(3, 3 * 24 * 60), item(1)];
    const counts = await countsDuring(() => poller.poll(feed.id));
    expect(alerted()).toEqual(['Story 2']);
    expect(handled.map((h) => h.item.title)).toContain('Story 3');
    expect(counts).toEqual({ too_old: 1, seen: 1 });
  });

  it('floods nobody and hands nothing on when a feed rewrites its guids on every poll, and its seen-set stays bounded', async () => {
    const { poller, registry, seen, handled } = makePoller({ maxUnservedPerFeed: 10 });
    const { feed } = await registry.add(server.url('/feed.xml'), 'config');
    const window = [1, 2, 3, 4, 5];
    items = window.map((n) => ({ ...item(n), guid: `poll-0-${n}` }));
    await poller.poll(feed.id);
    const firstPoll = handled.length;
    for (let round = 1; round <= 8; round++) {
      items = window.map((n) => ({ ...item(n), guid: `poll-${round}-${n}` }));
      const report = await poller.poll(feed.id);
      expect(report).toMatchObject({ newItems: 0, mode: 'ordinary' });
    }
    expect(handled).toHaveLength(firstPoll);
    expect(await seen.count(feed.id)).toBe(5 * 2 + 10); // what is served (guid, link) and the 10 most recent others
  });

  it('recognises an item re-served under a new guid and a new link by its headline', async () => {
    const { poller, registry, alerted } = makePoller();
    const { feed } = await registry.add(server.url('/feed.xml'), 'config');
    const headline = (n: number, suffix: string): TestItem => ({
      ...item(n),
      guid: `${suffix}-${n}`,
      link: `https://example.org/${suffix}/${n}`,
      title: `Токаев подписал указ номер ${n} о ценах на топливо`,
    });
    items = [headline(1, 'old'), headline(2, 'old')];
    await poller.poll(feed.id);
    items = [headline(1, 'new'), { ...headline(2, 'new'), title: 'ТОКАЕВ подписал указ: номер 2 — о ценах на топливо' }, item(3, 0)];
    await poller.poll(feed.id);
    expect(alerted()).toEqual(['Story 3']);
  });

  it('treats a feed that re-serves every item under new identities as a reset: alerts the backfill, records the rest, shows it in health', async () => {
    const { poller, registry, handled, alerted } = makePoller({ backfill: 1 });
    const { feed } = await registry.add(server.url('/feed.xml'), 'config');
    const window = [10, 20, 30, 40, 50]; // minutes ago
    const served = (cms: string): TestItem[] =>
      window.map((m) => ({ guid: `${cms}-${m}`, title: `${cms} ${m}`, link: `https://example.org/${cms}/${m}`, pubDate: new Date(Date.now() - m * 60_000) }));
    items = served('old');
    await poller.poll(feed.id); // first poll: alerts the backfill (1)
    expect(alerted()).toEqual(['old 10']);

    items = served('new');
    const counts = await countsDuring(async () => expect((await poller.poll(feed.id)).mode).toBe('reset'));
    expect(alerted()).toEqual(['old 10', 'new 10']);
    expect(counts).toEqual({ reset: 4 });
    const health = await registry.get(feed.id);
    expect(health).toMatchObject({ resets: 1, lastDocItems: 5 });
    expect(health?.lastResetAt).toBeTruthy();

    const before = handled.length;
    items = served('newer');
    expect((await poller.poll(feed.id)).mode).toBe('repeated_reset');
    expect(handled).toHaveLength(before); // changing every id on every poll: nothing more alerted
    expect((await registry.get(feed.id))?.resets).toBe(2);
  });

  it('alerts a small feed that moved on to a newer item: not a reset', async () => {
    const { poller, registry, alerted } = makePoller();
    const { feed } = await registry.add(server.url('/feed.xml'), 'config');
    items = [item(1, 60)];
    await poller.poll(feed.id);
    items = [item(2, 1)];
    expect((await poller.poll(feed.id)).mode).toBe('ordinary');
    expect(alerted()).toEqual(['Story 2']);
  });

  it('alerts at most FEED_MAX_NEW_ITEMS_PER_POLL new items of a poll, the newest, records the rest and says so in health', async () => {
    const { poller, registry, handled, alerted } = makePoller({ maxNewItemsPerPoll: 50 });
    const { feed } = await registry.add(server.url('/feed.xml'), 'config');
    items = [item(1000, 1000)];
    await poller.poll(feed.id);
    items = [...Array.from({ length: 60 }, (_, i) => item(i + 1, i + 1)), item(1000, 1000)];
    const counts = await countsDuring(() => poller.poll(feed.id));
    expect(new Set(alerted())).toEqual(new Set(Array.from({ length: 50 }, (_, i) => `Story ${i + 1}`)));
    expect(counts).toEqual({ over_cap: 10, seen: 1 });
    expect(await registry.get(feed.id)).toMatchObject({ lastCappedItems: 10 });
    const handedOn = handled.length;
    expect((await poller.poll(feed.id)).newItems).toBe(0); // recorded: not new next time
    expect(handled).toHaveLength(handedOn);
  });

  it('polls a 15,000-item feed three times: only the first poll\'s backfill alerts, and it never floods', { timeout: 120_000 }, async () => {
    useEtag = false; // every poll reads the whole document
    const { poller, registry, seen, handled, alerted } = makePoller({ backfill: 5 });
    const { feed } = await registry.add(server.url('/feed.xml'), 'config');
    items = Array.from({ length: 15_000 }, (_, i) => ({
      guid: `big-${i}`,
      title: `Report ${i} from the regional wire service`,
      link: `https://example.org/big/${i}`,
      pubDate: new Date(Date.now() - i * 60_000),
    }));
    const reports = [];
    for (let poll = 0; poll < 3; poll++) reports.push(await poller.poll(feed.id));
    expect(reports.map((r) => [r.entries, r.newItems])).toEqual([[15_000, 15_000], [15_000, 0], [15_000, 0]]);
    expect(alerted()).toEqual(['Report 0 from the regional wire service', 'Report 1 from the regional wire service', 'Report 2 from the regional wire service', 'Report 3 from the regional wire service', 'Report 4 from the regional wire service']);
    expect(handled).toHaveLength(50); // the first poll's archived backlog is bounded too
    expect(await seen.count(feed.id)).toBe(15_000 * 3); // guid, link and headline of every item it serves
  });

  it('alerts nothing twice after an upgrade: a seen-set of one id per item still counts, and gains the other identities', async () => {
    const { feed } = await createRedisFeedRegistry({ redis: ctx.redis, keys: ctx.keys }).add(server.url('/feed.xml'), 'config');
    items = [item(1), item(2), item(3)];
    // What the previous version left: an initialised feed and a seen-set of assignItemIds ids, first-seen scores.
    const oldIds = assignItemIds(items.map((i) => ({ guid: i.guid, link: i.link, title: i.title })));
    await ctx.redis.zadd(ctx.keys.seen(feed.id), 'NX', ...oldIds.flatMap((x, i) => [Date.now() - 86_400_000 + i, x.id]));
    await ctx.redis.hset(ctx.keys.feed(feed.id), 'initialized', '1');

    const { poller, seen, handled } = makePoller();
    expect((await poller.poll(feed.id)).newItems).toBe(0);
    expect(await seen.count(feed.id)).toBe(6); // each item's guid and link now
    items = items.map((i) => ({ ...i, guid: `${i.guid}-rewritten` }));
    expect((await poller.poll(feed.id)).newItems).toBe(0);
    expect(handled).toEqual([]);
  });

  it('counts a repeated entry of one document as duplicate_in_feed, and every known item as seen', async () => {
    const { poller, registry } = makePoller();
    const { feed } = await registry.add(server.url('/feed.xml'), 'config');
    items = [item(1), item(2)];
    await poller.poll(feed.id);
    items = [item(1), item(2), { ...item(2), title: 'Story 2, repeated' }];
    expect(await countsDuring(() => poller.poll(feed.id))).toEqual({ seen: 2, duplicate_in_feed: 1 });
  });
});

