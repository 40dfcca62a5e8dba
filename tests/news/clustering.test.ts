import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useRedis, type RedisTestContext } from '../support/redis.js';
import { createStoryClusterer, storyIdFor, type ClusterInput, type StoryClusterer } from '../../src/news/clustering.js';
import { loadTopicPack } from '../../src/news/topic-pack.js';
import { compileMatcher } from '../../src/news/matcher.js';

const pack = loadTopicPack();
const matcher = compileMatcher(pack);
const T0 = Date.parse('2022-01-06T08:00:00Z');
const HOUR = 3_600_000;

let seq = 0;
function item(title: string, text = '', hoursLater = 0, feedId = `feed-${++seq}`): ClusterInput {
  return {
    itemId: `item-${++seq}`,
    feedId,
    title,
    text,
    entities: matcher.match(title, text).entities.map((e) => e.entityId),
    publishedAtMs: T0 + hoursLater * HOUR,
  };
}

describe('story clustering', () => {
  let ctx: RedisTestContext;
  let clusterer: StoryClusterer;
  beforeEach(async () => {
    ctx = await useRedis('cluster');
    clusterer = createStoryClusterer({ redis: ctx.redis, keys: ctx.keys, pack });
  });
  afterEach(() => ctx.cleanup());

  it('starts a new story named after its first item', async () => {
    const first = item('Kazakhstan government resigns amid fuel price protests');
    const result = await clusterer.assign(first);
    expect(result).toEqual({ storyId: storyIdFor(first.itemId), isNew: true });
  });

  it('joins the same event worded differently by two outlets', async () => {
    const a = await clusterer.assign(
      item('Kazakhstan government resigns after protests over LPG prices', 'The government of Kazakhstan resigned on Wednesday after protests.'),
    );
    const b = await clusterer.assign(
      item("Kazakh government resignation accepted as LPG price protests spread", 'President Tokayev accepted the government resignation.', 2),
    );
    expect(b).toEqual({ storyId: a.storyId, isNew: false });
  });

  it('joins an English and a Russian title that share names and numbers', async () => {
    const en = await clusterer.assign(item('CSTO to send 2,500 troops to Kazakhstan'));
    const ru = await clusterer.assign(item('ОДКБ направит 2500 военных в Казахстан', '', 1));
    expect(ru.storyId).toBe(en.storyId);
    expect(ru.isNew).toBe(false);
  });

  it('keeps two different Tokayev events of the same day apart', async () => {
    const fire = await clusterer.assign(item('Tokayev orders security forces to fire without warning'));
    const council = await clusterer.assign(item('Tokayev takes over Security Council chairmanship from Nazarbayev', '', 3));
    expect(council.storyId).not.toBe(fire.storyId);
    expect(council.isNew).toBe(true);
  });

  it('does not join items more than 48 hours apart', async () => {
    const title = 'CSTO peacekeepers begin withdrawal from Kazakhstan';
    const first = await clusterer.assign(item(title));
    const within = await clusterer.assign(item(title, '', 47));
    expect(within.storyId).toBe(first.storyId);
    // Measured from the story's first item, not from the latest one that joined.
    const later = await clusterer.assign(item(title, '', 49));
    expect(later.storyId).not.toBe(first.storyId);
    expect(later.isNew).toBe(true);
  });

  it('gives a replayed item the story it had, still marked as the one that started it', async () => {
    const first = item('Massimov detained on suspicion of high treason');
    const again = { ...first };
    const a = await clusterer.assign(first);
    const b = await clusterer.assign(again);
    expect(b).toEqual(a);
    const joiner = item('Former KNB chief Massimov detained on treason suspicion', '', 1);
    const j1 = await clusterer.assign(joiner);
    const j2 = await clusterer.assign(joiner);
    expect(j2).toEqual({ storyId: a.storyId, isNew: false });
    expect(j1).toEqual(j2);
  });

  it('creates one story when two processes assign near-duplicates at the same moment', async () => {
    const other = createStoryClusterer({ redis: ctx.connect(), keys: ctx.keys, pack });
    const x = item('Almaty airport seized by protesters, city hall set on fire');
    const y = item('Protesters seize Almaty airport and set city hall on fire', '', 0.5);
    const [rx, ry] = await Promise.all([clusterer.assign(x), other.assign(y)]);
    expect(rx.storyId).toBe(ry.storyId);
    expect([rx.isNew, ry.isNew].filter(Boolean)).toHaveLength(1);
  });
});
