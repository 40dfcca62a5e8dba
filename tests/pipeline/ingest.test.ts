import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { createIngest } from '../../src/pipeline/ingest.js';
import { createNewsServicesFor, type NewsServices } from '../../src/app/news-services.js';
import { queueNames } from '../../src/queue/contracts.js';
import type { NewsItem } from '../../src/news/types.js';
import { feedItems, itemsNotAlerted, storiesQueued } from '../../src/metrics.js';
import { createRedisStoryVersions, type StoryVersions } from '../../src/pipeline/story-versions.js';
import { useRedis, type RedisTestContext } from '../support/redis.js';
import { startHttpServer } from '../support/http-server.js';
import { rss, type TestItem } from '../support/rss.js';
import { createFeedPoller } from '../../src/feeds/poller.js';
import { createRedisFeedRegistry } from '../../src/feeds/registry.js';
import { createRedisSeenStore } from '../../src/feeds/seen-store.js';
import { createRedisFeedActivity } from '../../src/feeds/schedule/feed-activity.js';
import { createFeedFetcher } from '../../src/feeds/fetch/index.js';
import { parseFeed } from '../../src/feeds/parse/parse-feed.js';
import { identifyItems } from '../../src/feeds/identity.js';

let ctx: RedisTestContext;
let stories: Queue;
let news: NewsServices;
let versions: StoryVersions;

beforeEach(async () => {
  ctx = await useRedis('ingest');
  stories = new Queue(queueNames.stories, { connection: ctx.connect(), prefix: ctx.prefix });
  news = createNewsServicesFor({ redis: ctx.redis, keys: ctx.keys, retentionDays: 90 });
  versions = createRedisStoryVersions({ redis: ctx.redis, keys: ctx.keys });
});
afterEach(async () => {
  await stories.obliterate({ force: true }).catch(() => undefined);
  await stories.close();
  await ctx.cleanup();
});

let n = 0;
function item(title: string, text = '', feedId = 'f-wire', minutesAgo = 10): NewsItem {
  n += 1;
  const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  return { id: `g:test-${n}`, feedId, source: feedId, title, link: `https://example.org/${n}`, text, publishedAt: at, seenAt: at };
}

async function queued(): Promise<Array<{ id?: string; name: string; data: { storyId: string; kind: string } }>> {
  const jobs = await stories.getJobs(['waiting', 'delayed']);
  return jobs.map((j) => ({ id: j.id, name: j.name, data: j.data as { storyId: string; kind: string } }));
}

describe('ingest', () => {
  it('queues one story per new relevant item and nothing for off-topic ones', async () => {
    const ingest = createIngest({ understanding: news.understanding, stories, versions });
    const items = [
      item('Tokayev orders troops to fire without warning'),
      item('Local club wins the cup after a penalty shoot-out'),
      item('Токаеву доложили о ситуации в Алматы'),
      item('Тоқаевтың жарлығы жарияланды'),
    ];
    await ingest(items, () => true);
    const jobs = await queued();
    expect(jobs).toHaveLength(3);
    expect(jobs.every((j) => j.data.kind === 'new' && j.id === `story-${j.data.storyId}`)).toBe(true);
  });

  it('archives but does not queue items that may not alert', async () => {
    const ingest = createIngest({ understanding: news.understanding, stories, versions });
    const backlog = item('CSTO troops arrive in Almaty airport');
    await ingest([backlog], () => false);
    expect(await queued()).toEqual([]);
    const { stories: archived } = await news.archive.listStories({ fromMs: 0, toMs: Date.now() });
    expect(archived.map((s) => s.title)).toEqual(['CSTO troops arrive in Almaty airport']);
  });

  it('adds nothing when the same items are ingested again (a replay after a crash)', async () => {
    const ingest = createIngest({ understanding: news.understanding, stories, versions });
    const items = [item('Nazarbayev removed as Security Council chairman')];
    await ingest(items, () => true);
    await ingest(items, () => true);
    expect(await queued()).toHaveLength(1);
  });

  it('queues an update, not a second alert, when another outlet reports the same story', async () => {
    const ingest = createIngest({ understanding: news.understanding, stories, versions });
    await ingest([item('CSTO to send 2,500 troops to Kazakhstan, Pashinyan says', '', 'f-one', 20)], () => true);
    await ingest([item('CSTO will send 2,500 troops to Kazakhstan, says Pashinyan', '', 'f-two', 5)], () => true);
    const jobs = await queued();
    expect(jobs.filter((j) => j.data.kind === 'new')).toHaveLength(1);
    expect(jobs.filter((j) => j.data.kind === 'update')).toHaveLength(1);
    const story = await news.archive.getStory(jobs[0]!.data.storyId);
    expect(story?.alsoReportedBy.map((o) => o.source)).toEqual(['f-two']);
  });

  it('queues no update when a joining report adds nothing the story shows (its outlet is already listed)', async () => {
    const ingest = createIngest({ understanding: news.understanding, stories, versions });
    await ingest([item('CSTO to send 2,500 troops to Kazakhstan, Pashinyan says', '', 'f-one', 30)], () => true);
    await ingest([item('CSTO will send 2,500 troops to Kazakhstan, says Pashinyan', '', 'f-two', 20)], () => true);
    await ingest([item('CSTO to send 2,500 troops to Kazakhstan, Pashinyan said', '', 'f-two', 10)], () => true);
    await ingest([item('Pashinyan: CSTO to send 2,500 troops to Kazakhstan', '', 'f-one', 5)], () => true);
    const jobs = await queued();
    expect(jobs.map((j) => j.data.kind).sort()).toEqual(['new', 'update']);
    const story = await news.archive.getStory(jobs[0]!.data.storyId);
    expect(story?.itemIds).toHaveLength(4); // all four joined it
  });

  it('counts each alertable item that does not alert: not_relevant, joined_story', async () => {
    const ingest = createIngest({ understanding: news.understanding, stories, versions });
    const before = await counts();
    await ingest(
      [
        item('CSTO to send 2,500 troops to Kazakhstan, Pashinyan says', '', 'f-one', 30),
        item('CSTO will send 2,500 troops to Kazakhstan, says Pashinyan', '', 'f-two', 20),
        item('Local club wins the cup after a penalty shoot-out'),
        item('Nazarbayev removed as Security Council chairman', '', 'f-one', 40),
      ],
      (i) => !i.title.startsWith('Nazarbayev'),
    );
    expect(diff(before, await counts())).toEqual({ joined_story: 1, not_relevant: 1 });
  });

  it('matches on the text of an HTML description, not on its markup', async () => {
    const ingest = createIngest({ understanding: news.understanding, stories, versions });
    const html = '<p><a href="https://example.org/tokayev-kazakhstan">read more</a></p>';
    await ingest([item('Weather report', html)], () => true);
    expect(await queued()).toEqual([]);
  });
});


describe('ingest behind the poller', () => {
  it('accounts for every item of a mixed poll: items read = alerted + items not alerted, by reason', async () => {
    let served: TestItem[] = [];
    const server = await startHttpServer({
      '/wire.xml': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Steppe Wire', served));
      },
    });
    const fetcher = createFeedFetcher({ allowPrivateNetwork: true, totalTimeoutMs: 5_000 });
    try {
      const registry = createRedisFeedRegistry({ redis: ctx.redis, keys: ctx.keys });
      const poller = createFeedPoller({
        registry,
        seen: createRedisSeenStore({ redis: ctx.redis, keys: ctx.keys }),
        activity: createRedisFeedActivity({ redis: ctx.redis, keys: ctx.keys }),
        fetchFeed: (u, c, sig) => fetcher.fetch(u, c, sig),
        parseFeed: (body, o) => parseFeed(body, o),
        identifyItems,
        handleNewItems: createIngest({ understanding: news.understanding, stories, versions }),
        policy: { baseMs: 60_000, maxMs: 600_000 },
        maxNewItemsPerPoll: 4,
        alertMaxAgeMs: 48 * 3600_000,
      });
      const { feed } = await registry.add(server.url('/wire.xml'), 'config');
      const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
      const known: TestItem = { guid: 'k', title: 'Akorda publishes the schedule of the week', link: 'https://example.org/k', pubDate: at(300) };
      served = [known];
      await poller.poll(feed.id); // first poll: recorded

      served = [
        { guid: 'a', title: 'Tokayev orders troops to fire without warning', link: 'https://example.org/a', pubDate: at(1) },
        { guid: 'b', title: 'Local club wins the cup after a penalty shoot-out', link: 'https://example.org/b', pubDate: at(2) },
        { guid: 'd', title: 'CSTO will send 2,500 troops to Kazakhstan, says Pashinyan', link: 'https://example.org/d', pubDate: at(5) },
        { guid: 'c', title: 'CSTO to send 2,500 troops to Kazakhstan, Pashinyan says', link: 'https://example.org/c', pubDate: at(20) },
        { guid: 'f', title: 'Almaty airport closed as protests grow', link: 'https://example.org/f', pubDate: at(30) },
        { guid: 'e', title: 'Nazarbayev opens a new bridge in the capital', link: 'https://example.org/e', pubDate: at(10 * 24 * 60) },
        known,
        { guid: 'a', title: 'Tokayev orders troops to fire without warning (copy)', link: 'https://example.org/a', pubDate: at(1) },
      ];
      const read = () => feedItems.get().then((m) => m.values.find((v) => v.labels.stage === 'seen')?.value ?? 0);
      const queuedNew = () => storiesQueued.get().then((m) => m.values.find((v) => v.labels.kind === 'new')?.value ?? 0);
      const [read0, alerted0, reasons0] = [await read(), await queuedNew(), await counts()];
      await poller.poll(feed.id);
      const reasons = diff(reasons0, await counts());
      const itemsRead = (await read()) - read0;
      const alerted = (await queuedNew()) - alerted0;

      expect(reasons).toEqual({ seen: 1, duplicate_in_feed: 1, not_relevant: 1, joined_story: 1, over_cap: 1, too_old: 1 });
      expect(alerted).toBe(2);
      expect(itemsRead).toBe(8);
      expect(alerted + Object.values(reasons).reduce((a, b) => a + b, 0)).toBe(itemsRead);
    } finally {
      await fetcher.close();
      await server.close();
    }
  });
});

async function counts(): Promise<Record<string, number>> {
  return Object.fromEntries((await itemsNotAlerted.get()).values.map((v) => [String(v.labels.reason), v.value]));
}

function diff(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([, v]) => v !== 0));
}
