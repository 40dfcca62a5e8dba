import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisFeedRegistry } from '../../src/feeds/registry.js';
import { feedIdOf } from '../../src/feeds/feed-id.js';
import { FEED_STATES } from '../../src/feeds/feed-state.js';
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
    expect(change).toEqual({ added: ['https://c.example/rss'], removed: ['https://a.example/rss'], keptOut: [] });
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

  it('adds many feeds in bulk, once each, keeping their titles and filling a missing one', async () => {
    const reg = createRedisFeedRegistry(ctx);
    await reg.add('https://b.example/rss', 'config');
    const result = await reg.addMany(
      [
        { url: 'https://a.example/rss', title: 'Steppe Wire' },
        { url: 'https://A.example/rss#again', title: 'duplicate' },
        { url: 'https://b.example/rss', title: 'Bee' },
      ],
      'operator',
    );
    expect(result).toEqual({ added: ['https://a.example/rss'], existing: ['https://b.example/rss'], restored: [] });
    const feeds = await reg.list();
    expect(feeds.map((f) => [f.url, f.title, f.source])).toEqual([
      ['https://a.example/rss', 'Steppe Wire', 'operator'],
      ['https://b.example/rss', 'Bee', 'config'],
    ]);
    expect(feeds[0]).toMatchObject({ initialized: false, consecutiveFailures: 0, itemsSeen: 0 });
  });

  it('keeps an operator-removed feed of the default list out at the next sync, until it is added again', async () => {
    const reg = createRedisFeedRegistry(ctx);
    const pack = ['https://a.example/rss', 'https://b.example/rss'];
    await reg.syncConfigured(pack);
    expect(await reg.remove('https://a.example/rss', { tombstone: true })).toBe(true);
    expect((await reg.removedFeeds()).map((f) => f.url)).toEqual(['https://a.example/rss']);

    const change = await reg.syncConfigured(pack);
    expect(change).toEqual({ added: [], removed: [], keptOut: ['https://a.example/rss'] });
    expect((await reg.list()).map((f) => f.url)).toEqual(['https://b.example/rss']);

    const again = await reg.add('https://a.example/rss', 'operator');
    expect(again).toMatchObject({ created: true, restored: true });
    expect(await reg.removedFeeds()).toEqual([]);
    expect((await reg.syncConfigured(pack)).keptOut).toEqual([]);
    expect((await reg.list()).map((f) => f.url)).toEqual(pack);
  });

  it('does not tombstone the feeds a sync drops from the default list', async () => {
    const reg = createRedisFeedRegistry(ctx);
    await reg.syncConfigured(['https://a.example/rss']);
    await reg.syncConfigured([]);
    expect(await reg.removedFeeds()).toEqual([]);
    expect((await reg.syncConfigured(['https://a.example/rss'])).added).toEqual(['https://a.example/rss']);
  });

  it('counts feeds by the state of their last poll as the poller writes it', async () => {
    const reg = createRedisFeedRegistry(ctx);
    const ids = await Promise.all(['a', 'b', 'c', 'd', 'e'].map(async (h) => (await reg.add(`https://${h}.example/rss`, 'config')).feed.id));
    const at = new Date().toISOString();
    await reg.update(ids[0]!, { lastPollAt: at, lastSuccessAt: at, consecutiveFailures: 0, failing: false });
    await reg.update(ids[1]!, { lastPollAt: at, consecutiveFailures: 2, failing: false });
    await reg.update(ids[2]!, { lastPollAt: at, consecutiveFailures: 5, failing: true });
    await reg.update(ids[3]!, { lastPollAt: at, consecutiveFailures: 1, failing: false });
    await reg.update(ids[3]!, { consecutiveFailures: 0 });
    expect(await reg.stateCounts()).toEqual({ ok: 2, retrying: 1, failing: 1, never_polled: 1, total: 5 });
    await reg.remove(ids[2]!);
    expect(await reg.stateCounts()).toEqual({ ok: 2, retrying: 1, failing: 0, never_polled: 1, total: 4 });
  });

  it('files feeds stored before the state counts existed, on the first count', async () => {
    const reg = createRedisFeedRegistry(ctx);
    const { feed } = await reg.add('https://a.example/rss', 'config');
    await reg.add('https://b.example/rss', 'config');
    await reg.update(feed.id, { lastPollAt: new Date().toISOString(), consecutiveFailures: 0, failing: false });
    await ctx.redis.del(...FEED_STATES.map((s) => ctx.keys.feedsInState(s)));
    expect(await createRedisFeedRegistry(ctx).stateCounts()).toEqual({ ok: 1, retrying: 0, failing: 0, never_polled: 1, total: 2 });
  });
});
