import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useRedis, type RedisTestContext } from '../support/redis.js';
import { loadTopicPack } from '../../src/news/topic-pack.js';
import { compileMatcher } from '../../src/news/matcher.js';
import { createStoryClusterer } from '../../src/news/clustering.js';
import { createRedisArchive, type Archive } from '../../src/news/archive.js';
import { createNewsUnderstanding, type NewsUnderstanding } from '../../src/news/understanding.js';
import type { NewsItem } from '../../src/news/types.js';

const pack = loadTopicPack();
const matcher = compileMatcher(pack);

function newsItem(id: string, source: string, title: string, text: string, publishedAt = '2022-01-06T09:00:00.000Z'): NewsItem {
  return { id, feedId: `feed-${source}`, source, title, text, link: `https://${source}.test/${id}`, publishedAt, seenAt: publishedAt };
}

describe('news understanding', () => {
  let ctx: RedisTestContext;
  let archive: Archive;
  let news: NewsUnderstanding;
  beforeEach(async () => {
    ctx = await useRedis('understand');
    archive = createRedisArchive({ redis: ctx.redis, keys: ctx.keys });
    const clusterer = createStoryClusterer({ redis: ctx.redis, keys: ctx.keys, pack });
    news = createNewsUnderstanding({ pack, matcher, clusterer, archive });
  });
  afterEach(() => ctx.cleanup());

  it('drops an item that is not about the topic', async () => {
    expect(await news.process(newsItem('x', 'a', 'Putin meets Lukashenko in Minsk', 'Talks on trade.'))).toEqual({ relevant: false });
    expect((await archive.listStories({ fromMs: 0, toMs: Date.now() })).total).toBe(0);
  });

  it('archives a relevant item as a new story with a summary and its entities', async () => {
    const r = await news.process(newsItem('a1', 'alpha', 'CSTO to send 2,500 troops to Kazakhstan', '<p>The CSTO agreed to send troops.</p><p>Units arrive today. More follow. Then more.</p>'));
    expect(r).toMatchObject({ relevant: true, isNewStory: true });
    if (!r.relevant) return;
    expect(r.story).toMatchObject({ title: 'CSTO to send 2,500 troops to Kazakhstan', source: 'alpha', summary: 'The CSTO agreed to send troops. Units arrive today. More follow.', entities: ['csto', 'kazakhstan'], itemIds: ['a1'] });
    expect(await archive.getStory(r.storyId)).toEqual(r.story);
  });

  it('adds a second outlet to the story and records it once, even when processed twice', async () => {
    const first = await news.process(newsItem('a1', 'alpha', 'CSTO to send 2,500 troops to Kazakhstan', ''));
    const ru = newsItem('b1', 'beta', 'ОДКБ направит 2500 военных в Казахстан', 'Миротворцы ОДКБ прибудут в Казахстан.', '2022-01-06T10:00:00.000Z');
    const second = await news.process(ru);
    const again = await news.process(ru);
    expect(second).toMatchObject({ relevant: true, isNewStory: false });
    if (!first.relevant || !second.relevant || !again.relevant) throw new Error('expected relevant');
    expect(second.storyId).toBe(first.storyId);
    expect(again.storyId).toBe(first.storyId);
    expect(again.story.alsoReportedBy).toEqual([{ source: 'beta', link: 'https://beta.test/b1', title: ru.title }]);
    expect(again.story.itemIds).toEqual(['a1', 'b1']);
  });

  it('keeps the first item’s picture with its story, and a story without one takes the first a later outlet brings', async () => {
    const withPicture = { ...newsItem('p1', 'alpha', 'CSTO to send 2,500 troops to Kazakhstan', ''), image: 'https://cdn.alpha.test/troops.jpg' };
    const first = await news.process(withPicture);
    if (!first.relevant) throw new Error('expected relevant');
    expect((await archive.getStory(first.storyId))?.image).toBe('https://cdn.alpha.test/troops.jpg');

    const plain = await news.process(newsItem('q1', 'gamma', 'Tokayev orders security forces to fire without warning', ''));
    if (!plain.relevant) throw new Error('expected relevant');
    expect(plain.story.image).toBeUndefined();
    const later = { ...newsItem('q2', 'delta', 'Tokayev orders forces to fire without warning', '', '2022-01-06T10:00:00.000Z'), image: 'https://cdn.delta.test/fire.jpg' };
    const joined = await news.process(later);
    if (!joined.relevant) throw new Error('expected relevant');
    expect(joined.storyId).toBe(plain.storyId);
    expect(joined.story.image).toBe('https://cdn.delta.test/fire.jpg');
    const another = { ...newsItem('q3', 'epsilon', 'Tokayev orders troops to fire without warning', '', '2022-01-06T11:00:00.000Z'), image: 'https://cdn.e.test/x.jpg' };
    expect((await news.process(another)).relevant && (await archive.getStory(plain.storyId))?.image).toBe('https://cdn.delta.test/fire.jpg');
  });

  it('returns the same new story when its first item is processed twice', async () => {
    const item = newsItem('a1', 'alpha', 'Tokayev orders security forces to fire without warning', '');
    const a = await news.process(item);
    const b = await news.process(item);
    expect(b).toEqual(a);
  });
});
