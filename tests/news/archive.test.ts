import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useRedis, type RedisTestContext } from '../support/redis.js';
import { createRedisArchive, type Archive } from '../../src/news/archive.js';
import type { Story } from '../../src/news/types.js';

const DAY = 86_400_000;
const T0 = Date.parse('2022-01-05T00:00:00Z');

function story(id: string, atMs: number, entities: string[], title = `Story ${id}`): Story {
  return {
    id,
    title,
    link: `https://example.test/${id}`,
    source: 'Outlet A',
    summary: `Summary of ${title}.`,
    publishedAt: new Date(atMs).toISOString(),
    entities,
    score: 2,
    alsoReportedBy: [],
    itemIds: [`${id}-i1`],
  };
}

describe('redis archive', () => {
  let ctx: RedisTestContext;
  let archive: Archive;
  beforeEach(async () => {
    ctx = await useRedis('archive');
    archive = createRedisArchive({ redis: ctx.redis, keys: ctx.keys, retentionDays: 90 });
  });
  afterEach(() => ctx.cleanup());

  it('reads back a saved story as it was given', async () => {
    const s = story('s1', T0, ['tokayev', 'kazakhstan']);
    await archive.saveNewStory(s);
    expect(await archive.getStory('s1')).toEqual(s);
    expect(await archive.getStory('missing')).toBeUndefined();
  });

  it('keeps a story’s picture, and reads a story archived before pictures were kept as one without', async () => {
    const s = { ...story('pic', T0, ['tokayev']), image: 'https://cdn.example.test/pic.jpg' };
    await archive.saveNewStory(s);
    expect(await archive.getStory('pic')).toEqual(s);
    // A hash written by the earlier codec: no `image` field at all.
    await archive.saveNewStory(story('old', T0, ['tokayev']));
    await ctx.redis.hdel(ctx.keys.story('old'), 'image');
    const old = await archive.getStory('old');
    expect(old).toEqual(story('old', T0, ['tokayev']));
    expect(old && 'image' in old).toBe(false);
  });

  it('does not overwrite a story that gained outlets when it is saved again', async () => {
    await archive.saveNewStory(story('s1', T0, ['csto']));
    await archive.addToStory('s1', { id: 'b1', source: 'Outlet B', title: 'B', publishedAt: new Date(T0 + 1000).toISOString(), entities: ['csto'] });
    await archive.saveNewStory(story('s1', T0, ['csto']));
    const s = await archive.getStory('s1');
    expect(s?.alsoReportedBy).toEqual([{ source: 'Outlet B', title: 'B' }]);
    expect(s?.itemIds).toEqual(['s1-i1', 'b1']);
  });

  it('records each outlet once and merges entities into the story and the entity index', async () => {
    await archive.saveNewStory(story('s1', T0, ['csto']));
    const add = (id: string, source: string, entities: string[]) =>
      archive.addToStory('s1', { id, source, link: `https://x.test/${id}`, title: `T ${id}`, publishedAt: new Date(T0 + 60_000).toISOString(), entities });
    await add('b1', 'Outlet B', ['csto', 'kazakhstan']);
    await add('b1', 'Outlet B', ['csto', 'kazakhstan']);
    await add('b2', 'Outlet B', ['putin']);
    const updated = await add('c1', 'Outlet C', []);
    expect(updated?.alsoReportedBy.map((o) => o.source)).toEqual(['Outlet B', 'Outlet C']);
    expect(updated?.entities).toEqual(['csto', 'kazakhstan', 'putin']);
    expect(updated?.itemIds).toEqual(['s1-i1', 'b1', 'b2', 'c1']);
    const byPutin = await archive.listStories({ fromMs: T0 - DAY, toMs: T0 + DAY, entityIds: ['putin'] });
    expect(byPutin.stories.map((s) => s.id)).toEqual(['s1']);
  });

  it('stores at most maxItemsPerStory items of one story, and returns the story unchanged past that', async () => {
    const small = createRedisArchive({ redis: ctx.redis, keys: ctx.keys, maxItemsPerStory: 3 });
    await small.saveNewStory(story('s1', T0, ['csto']));
    for (let i = 0; i < 10; i++) {
      await small.addToStory('s1', { id: `x${i}`, source: `Outlet ${i}`, title: `T ${i}`, publishedAt: new Date(T0 + i).toISOString(), entities: [] });
    }
    const s = await small.getStory('s1');
    expect(s?.itemIds).toEqual(['s1-i1', 'x0', 'x1']);
    expect(await ctx.redis.exists(ctx.keys.item('x5'))).toBe(0);
  });

  it('returns undefined when adding to a story that does not exist', async () => {
    expect(await archive.addToStory('nope', { id: 'x', source: 'S', title: 't', publishedAt: new Date(T0).toISOString(), entities: [] })).toBeUndefined();
  });

  it('lists a time window oldest first, by entity, by keyword, with paging', async () => {
    await archive.saveNewStory(story('a', T0 + 3 * DAY, ['tokayev'], 'Tokayev names Smailov acting prime minister'));
    await archive.saveNewStory(story('b', T0 + 1 * DAY, ['csto', 'tokayev'], 'CSTO troops arrive'));
    await archive.saveNewStory(story('c', T0 + 2 * DAY, ['massimov'], 'Масимов задержан'));
    await archive.saveNewStory(story('d', T0 + 20 * DAY, ['tokayev'], 'Later story'));
    const week = await archive.listStories({ fromMs: T0, toMs: T0 + 7 * DAY });
    expect(week.stories.map((s) => s.id)).toEqual(['b', 'c', 'a']);
    expect(week.total).toBe(3);
    const tokayev = await archive.listStories({ fromMs: T0, toMs: T0 + 7 * DAY, entityIds: ['tokayev'] });
    expect(tokayev.stories.map((s) => s.id)).toEqual(['b', 'a']);
    const either = await archive.listStories({ fromMs: T0, toMs: T0 + 7 * DAY, entityIds: ['csto', 'massimov'] });
    expect(either.stories.map((s) => s.id)).toEqual(['b', 'c']);
    const keyword = await archive.listStories({ fromMs: T0, toMs: T0 + 30 * DAY, keyword: 'МАСИМОВ' });
    expect(keyword.stories.map((s) => s.id)).toEqual(['c']);
    const page = await archive.listStories({ fromMs: T0, toMs: T0 + 30 * DAY, limit: 2, offset: 1 });
    expect(page).toMatchObject({ total: 4 });
    expect(page.stories.map((s) => s.id)).toEqual(['c', 'a']);
  });

  it('counts mentions, co-mentions and the latest stories of an entity', async () => {
    await archive.saveNewStory(story('a', T0, ['tokayev', 'csto', 'kazakhstan']));
    await archive.saveNewStory(story('b', T0 + DAY, ['tokayev', 'csto']));
    await archive.saveNewStory(story('c', T0 + 2 * DAY, ['tokayev', 'nazarbayev']));
    await archive.saveNewStory(story('d', T0 + 3 * DAY, ['nazarbayev']));
    expect(await archive.countMentions('tokayev', T0)).toBe(3);
    expect(await archive.countMentions('tokayev', T0 + DAY)).toBe(2);
    expect(await archive.coMentions('tokayev', T0)).toEqual([
      { entityId: 'csto', count: 2 },
      { entityId: 'kazakhstan', count: 1 },
      { entityId: 'nazarbayev', count: 1 },
    ]);
    expect(await archive.coMentions('tokayev', T0, 1)).toEqual([{ entityId: 'csto', count: 2 }]);
    expect((await archive.latestForEntity('tokayev', 2)).map((s) => s.id)).toEqual(['c', 'b']);
  });

  it('prunes stories past retention with their items and every index entry', async () => {
    await archive.saveNewStory(story('old', T0, ['tokayev', 'csto']));
    await archive.addToStory('old', { id: 'old-b', source: 'B', title: 'b', publishedAt: new Date(T0).toISOString(), entities: ['knb'] });
    await archive.saveNewStory(story('new', T0 + 80 * DAY, ['tokayev']));
    const removed = await archive.prune(T0 + 91 * DAY);
    expect(removed).toBe(1);
    expect(await archive.getStory('old')).toBeUndefined();
    expect(await archive.getStory('new')).toBeDefined();
    const { keys, redis } = ctx;
    expect(await redis.zscore(keys.storiesByTime(), 'old')).toBeNull();
    for (const e of ['tokayev', 'csto', 'knb']) expect(await redis.zscore(keys.storiesByEntity(e), 'old')).toBeNull();
    expect(await redis.exists(keys.item('old-i1'), keys.item('old-b'), keys.storyItems('old'))).toBe(0);
    expect(await archive.countMentions('tokayev', 0)).toBe(1);
  });

  it('gives every key a time-to-live a little past retention', async () => {
    await archive.saveNewStory(story('s', T0, ['tokayev']));
    const ttl = await ctx.redis.ttl(ctx.keys.story('s'));
    expect(ttl).toBeGreaterThan(90 * 86_400);
    expect(ttl).toBeLessThanOrEqual(97 * 86_400);
    expect(await ctx.redis.ttl(ctx.keys.storiesByEntity('tokayev'))).toBeGreaterThan(0);
  });
});
