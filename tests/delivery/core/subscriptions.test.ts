import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useRedis, type RedisTestContext } from '../../support/redis.js';
import { createRedisSubscriptionStore } from '../../../src/delivery/core/subscriptions.js';
import { platforms } from '../../../src/app/platforms.js';
import type { SubscribeInput, SubscriptionStore } from '../../../src/delivery/core/types.js';
import { TellUserError } from '../../../src/errors.js';
import { makeStory } from '../helpers.js';

const group = { platform: 'telegram', chatId: '-100123' } as const;
const channel = { platform: 'discord', chatId: '555', threadId: '777' } as const;

function input(fields: Partial<SubscribeInput> = {}): SubscribeInput {
  return { destination: group, entities: [], keywords: [], exclude: [], mode: 'instant', createdBy: 'u1', ...fields };
}

describe('subscription store', () => {
  let ctx: RedisTestContext;
  let store: SubscriptionStore;
  beforeEach(async () => {
    ctx = await useRedis('subs');
    store = createRedisSubscriptionStore({ redis: ctx.redis, keys: ctx.keys, platforms });
  });
  afterEach(() => ctx.cleanup());

  it('updates the subscription when the same destination subscribes to the same entities again', async () => {
    const first = await store.subscribe(input({ entities: ['tokayev', 'csto'], keywords: ['oil'] }));
    const second = await store.subscribe(input({ entities: ['csto', 'tokayev'], keywords: ['gas'] }));
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.subscription.id).toBe(first.subscription.id);
    expect(await store.count()).toBe(1);
    expect((await store.get(first.subscription.id))?.keywords).toEqual(['gas']);
    // The old keyword is gone from matching too.
    expect(await store.matchStory(makeStory('s', { entities: ['csto'], title: 'oil prices' }))).toEqual([]);
  });

  it('keeps separate subscriptions for different entity sets of one destination', async () => {
    await store.subscribe(input({ entities: ['tokayev'] }));
    await store.subscribe(input({ entities: ['csto'] }));
    expect((await store.listForDestination(group)).length).toBe(2);
  });

  it('unsubscribes one subscription by id, or every subscription of a destination', async () => {
    const a = await store.subscribe(input({ entities: ['tokayev'] }));
    await store.subscribe(input({ entities: ['csto'] }));
    await store.subscribe(input({ destination: channel }));
    expect(await store.unsubscribe(group, a.subscription.id)).toBe(1);
    expect((await store.listForDestination(group)).map((s) => s.entities)).toEqual([['csto']]);
    expect(await store.unsubscribe(group)).toBe(1);
    expect(await store.listForDestination(group)).toEqual([]);
    expect(await store.count()).toBe(1);
    expect(await store.matchStory(makeStory('s', { entities: ['csto'] }))).toHaveLength(1);
  });

  it('matches by entity and sends whole-topic subscriptions everything', async () => {
    const byEntity = await store.subscribe(input({ entities: ['tokayev'] }));
    const all = await store.subscribe(input({ destination: channel }));
    await store.subscribe(input({ destination: { platform: 'telegram', chatId: '42' }, entities: ['csto'] }));
    const matched = await store.matchStory(makeStory('s', { entities: ['tokayev', 'kazakhstan'] }));
    expect(matched.map((s) => s.id).sort()).toEqual([byEntity.subscription.id, all.subscription.id].sort());
  });

  it('applies keyword include and exclude as whole words, ignoring case, in Cyrillic too', async () => {
    const oil = await store.subscribe(input({ keywords: ['Нефть', 'oil'], exclude: ['спорт'] }));
    const story = (title: string) => makeStory('s', { title, summary: '' });
    expect(await store.matchStory(story('Цены на НЕФТЬ выросли'))).toHaveLength(1);
    expect(await store.matchStory(story('Oil exports rise'))).toHaveLength(1);
    expect(await store.matchStory(story('Нефтяники бастуют'))).toHaveLength(0); // not a whole word
    expect(await store.matchStory(story('Boiling point'))).toHaveLength(0);
    expect(await store.matchStory(story('Нефть и Спорт'))).toHaveLength(0); // excluded
    expect(await store.matchStory(makeStory('s', { title: 'News', summary: 'oil.' }))).toEqual([
      expect.objectContaining({ id: oil.subscription.id }),
    ]);
  });

  it('matches Kazakh letters as part of a word', async () => {
    await store.subscribe(input({ keywords: ['Тоқаев'] }));
    expect(await store.matchStory(makeStory('s', { title: 'ТОҚАЕВ сапары', summary: '' }))).toHaveLength(1);
    expect(await store.matchStory(makeStory('s', { title: 'Тоқаевтың сапары', summary: '' }))).toHaveLength(0);
  });

  it('treats keywords as plain text, never as patterns', async () => {
    await store.subscribe(input({ keywords: ['c++', 'a.b'] }));
    expect(await store.matchStory(makeStory('s', { title: 'c++ news', summary: '' }))).toHaveLength(1);
    expect(await store.matchStory(makeStory('s', { title: 'axb', summary: '' }))).toHaveLength(0);
  });

  it('leaves paused subscriptions out of matching until resumed', async () => {
    const { subscription } = await store.subscribe(input());
    expect(await store.pause(subscription.id, 'bot was removed')).toBe(true);
    expect((await store.get(subscription.id))?.paused?.reason).toBe('bot was removed');
    expect(await store.matchStory(makeStory('s'))).toEqual([]);
    await store.resume(subscription.id);
    expect(await store.matchStory(makeStory('s'))).toHaveLength(1);
  });

  it('moves every subscription of a migrated group to its new chat, keeping ids and settings', async () => {
    const a = await store.subscribe(input({ entities: ['csto'], keywords: ['summit'] }));
    const moved = { platform: 'telegram', chatId: '-100999' } as const;
    expect(await store.moveDestination(group, moved)).toBe(1);
    expect(await store.listForDestination(group)).toEqual([]);
    const [sub] = await store.listForDestination(moved);
    expect(sub).toMatchObject({ id: a.subscription.id, keywords: ['summit'], destination: moved });
    // Subscribing again at the new chat updates it rather than duplicating.
    expect((await store.subscribe(input({ destination: moved, entities: ['csto'] }))).created).toBe(false);
  });

  it('refuses bad input with a message the user can act on', async () => {
    const tooMany = Array.from({ length: 26 }, (_, i) => `k${i}`);
    await expect(store.subscribe(input({ keywords: tooMany }))).rejects.toThrow(/at most 25 keywords/);
    await expect(store.subscribe(input({ keywords: ['x'.repeat(65)] }))).rejects.toBeInstanceOf(TellUserError);
    await expect(store.subscribe(input({ mode: 'digest' }))).rejects.toThrow(/hour/);
    expect(await store.count()).toBe(0);
  });
});
