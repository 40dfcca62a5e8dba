import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { createIngest } from '../../src/pipeline/ingest.js';
import { createNewsServicesFor, type NewsServices } from '../../src/app/news-services.js';
import { queueNames } from '../../src/queue/contracts.js';
import type { NewsItem } from '../../src/news/types.js';
import { useRedis, type RedisTestContext } from '../support/redis.js';

let ctx: RedisTestContext;
let stories: Queue;
let news: NewsServices;

beforeEach(async () => {
  ctx = await useRedis('ingest');
  stories = new Queue(queueNames.stories, { connection: ctx.connect(), prefix: ctx.prefix });
  news = createNewsServicesFor({ redis: ctx.redis, keys: ctx.keys, retentionDays: 90 });
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
    const ingest = createIngest({ understanding: news.understanding, stories });
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
    const ingest = createIngest({ understanding: news.understanding, stories });
    const backlog = item('CSTO troops arrive in Almaty airport');
    await ingest([backlog], () => false);
    expect(await queued()).toEqual([]);
    const { stories: archived } = await news.archive.listStories({ fromMs: 0, toMs: Date.now() });
    expect(archived.map((s) => s.title)).toEqual(['CSTO troops arrive in Almaty airport']);
  });

  it('adds nothing when the same items are ingested again (a replay after a crash)', async () => {
    const ingest = createIngest({ understanding: news.understanding, stories });
    const items = [item('Nazarbayev removed as Security Council chairman')];
    await ingest(items, () => true);
    await ingest(items, () => true);
    expect(await queued()).toHaveLength(1);
  });

  it('queues an update, not a second alert, when another outlet reports the same story', async () => {
    const ingest = createIngest({ understanding: news.understanding, stories });
    await ingest([item('CSTO to send 2,500 troops to Kazakhstan, Pashinyan says', '', 'f-one', 20)], () => true);
    await ingest([item('CSTO will send 2,500 troops to Kazakhstan, says Pashinyan', '', 'f-two', 5)], () => true);
    const jobs = await queued();
    expect(jobs.filter((j) => j.data.kind === 'new')).toHaveLength(1);
    expect(jobs.filter((j) => j.data.kind === 'update')).toHaveLength(1);
    const story = await news.archive.getStory(jobs[0]!.data.storyId);
    expect(story?.alsoReportedBy.map((o) => o.source)).toEqual(['f-two']);
  });

  it('matches on the text of an HTML description, not on its markup', async () => {
    const ingest = createIngest({ understanding: news.understanding, stories });
    const html = '<p><a href="https://example.org/tokayev-kazakhstan">read more</a></p>';
    await ingest([item('Weather report', html)], () => true);
    expect(await queued()).toEqual([]);
  });
});
