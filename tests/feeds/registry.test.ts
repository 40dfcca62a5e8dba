import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisFeedRegistry } from '../../src/feeds/registry.js';
import { feedIdOf } from '../../src/feeds/feed-id.js';
import { useRedis, type RedisTestContext } from '../support/redis.js';

let ctx: RedisTestContext;
beforeEach(async () => {
  ctx = await useRedis('registry');
});
afterEach(() => ctx.cleanup());

describe('feed registry', () => {
  it('adds a feed once even when added twice', async () => {
    const reg = createRedisFeedRegistry(ctx);
    expect((await reg.add('https://example.org/feed.xml', 'operator')).created).toBe(true);
    expect((await reg.add('https://EXAMPLE.org/feed.xml#top', 'operator')).created).toBe(false);
    expect(await reg.list()).toHaveLength(1);
  });

  it('syncs configured feeds without touching operator-added ones', async () => {
    const reg = createRedisFeedRegistry(ctx);
    await reg.syncConfigured(['https://a.example/rss', 'https://b.example/rss']);
    await reg.add('https://mine.example/rss', 'operator');
    const change = await reg.syncConfigured(['https://b.example/rss', 'https://c.example/rss']);
    expect(change).toEqual({ added: ['https://c.example/rss'], removed: ['https://a.example/rss'] });
    expect((await reg.list()).map((f) => f.url)).toEqual(['https://b.example/rss', 'https://c.example/rss', 'https://mine.example/rss']);
  });

  it('keeps what reset detection and the per-poll cap need: the last document, resets, capped polls', async () => {
    const reg = createRedisFeedRegistry(ctx);
    const { feed } = await reg.add('https://example.org/feed.xml', 'config');
    expect(feed).toMatchObject({ lastDocItems: 0, resets: 0, lastCappedItems: 0 });
    await reg.update(feed.id, {
      lastDocItems: 40,
      lastDocNewestAt: '2022-01-06T10:00:00.000Z',
      lastResetAt: '2022-01-07T00:00:00.000Z',
      resets: 1,
      lastCappedAt: '2022-01-07T01:00:00.000Z',
      lastCappedItems: 12,
    });
    expect(await reg.get(feed.id)).toMatchObject({ lastDocItems: 40, lastDocNewestAt: '2022-01-06T10:00:00.000Z', resets: 1, lastCappedItems: 12 });
    await reg.update(feed.id, { lastDocNewestAt: null });
    expect((await reg.get(feed.id))?.lastDocNewestAt).toBeUndefined();
  });

  it('records health fields and clears them with null', async () => {
    const reg = createRedisFeedRegistry(ctx);
    const { feed } = await reg.add('https://a.example/rss', 'config');
    await reg.update(feed.id, { lastError: 'timeout: no answer', consecutiveFailures: 2, failing: false });
    expect(await reg.get(feed.id)).toMatchObject({ lastError: 'timeout: no answer', consecutiveFailures: 2 });
    await reg.update(feed.id, { lastError: null, consecutiveFailures: 0 });
    const after = await reg.get(feed.id);
    expect(after?.lastError).toBeUndefined();
    expect(after?.consecutiveFailures).toBe(0);
  });

  it('does not resurrect a removed feed when a late poll writes its health', async () => {
    const reg = createRedisFeedRegistry(ctx);
    await reg.add('https://a.example/rss', 'config');
    expect(await reg.remove('https://a.example/rss')).toBe(true);
    await reg.update(feedIdOf('https://a.example/rss'), { lastSuccessAt: new Date().toISOString() });
    await reg.addItemsSeen(feedIdOf('https://a.example/rss'), 3);
    expect(await reg.list()).toEqual([]);
    expect(await reg.get(feedIdOf('https://a.example/rss'))).toBeUndefined();
  });
});
