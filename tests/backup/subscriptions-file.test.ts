import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisSubscriptionStore } from '../../src/delivery/core/subscriptions.js';
import { exportSubscriptions, importSubscriptions, parseSubscriptions, SubscriptionsFileError } from '../../src/backup/subscriptions-file.js';
import { createRedisChatLanguageStore } from '../../src/i18n/chat-languages.js';
import { useRedis, type RedisTestContext } from '../support/redis.js';
import { platforms } from '../../src/app/platforms.js';

let from: RedisTestContext;
let to: RedisTestContext;
beforeEach(async () => {
  from = await useRedis('subs-export');
  to = await useRedis('subs-import');
});
afterEach(async () => {
  await from.cleanup();
  await to.cleanup();
});

async function seed(ctx: RedisTestContext) {
  const store = createRedisSubscriptionStore({ ...ctx, platforms });
  await store.subscribe({ destination: { platform: 'discord', chatId: '9001' }, entities: [], keywords: [], exclude: [], mode: 'instant', createdBy: 'u1' });
  await store.subscribe({
    destination: { platform: 'telegram', chatId: '-1001234', threadId: '7' },
    entities: ['tokayev', 'csto'],
    keywords: ['Жаңаөзен', 'fuel'],
    exclude: ['football'],
    mode: 'digest',
    digestHourUtc: 6,
    createdBy: 'u2',
  });
  const { subscription } = await store.subscribe({
    destination: { platform: 'telegram', chatId: '-1005' },
    entities: ['knb'],
    keywords: ['fuel prices'],
    exclude: [],
    mode: 'instant',
    digestHour: 9,
    timeZone: 'Europe/Moscow',
    quiet: { start: 23 * 60, end: 7 * 60 },
    preview: false,
    createdBy: 'u3',
  });
  await store.pause(subscription.id, 'the bot was removed from the group');
  return store;
}

describe('subscriptions export and import', () => {
  it('rebuilds every subscription, paused ones and digests included, in an empty Redis', async () => {
    const source = await seed(from);
    // Zones, quiet hours and previews are exported with the rest.
    expect((await source.listAll()).find((s) => s.entities[0] === 'knb')).toMatchObject({ digestHour: 9, timeZone: 'Europe/Moscow', quiet: { start: 1380, end: 420 }, preview: false });
    const { text, count } = await exportSubscriptions(source);
    expect(count).toBe(3);
    const target = createRedisSubscriptionStore({ ...to, platforms });
    expect(await importSubscriptions(target, text, platforms)).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect(await target.listAll()).toEqual(await source.listAll());
    // The indexes fan-out uses are rebuilt too: the restored subscriptions still match stories.
    const story = { id: 's1', title: 'Tokayev on fuel prices', summary: '', entities: ['tokayev'] } as never;
    expect((await target.matchStory(story)).map((s) => s.destination.chatId).sort()).toEqual(['-1001234', '9001']);
  });

  it('changes nothing when the same file is imported twice', async () => {
    const { text } = await exportSubscriptions(await seed(from));
    const target = createRedisSubscriptionStore({ ...to, platforms });
    await importSubscriptions(target, text, platforms);
    const before = await target.listAll();
    expect(await importSubscriptions(target, text, platforms)).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await target.listAll()).toEqual(before);
    expect(await target.count()).toBe(3);
  });

  it('replaces a subscription of the same destination and topics that has another id, leaving one', async () => {
    const { text } = await exportSubscriptions(await seed(from));
    const target = createRedisSubscriptionStore({ ...to, platforms });
    const edited = JSON.parse(text) as { subscriptions: Array<{ id: string; destination: { chatId: string } }> };
    edited.subscriptions.find((s) => s.destination.chatId === '9001')!.id = 'moved-id-1';
    await importSubscriptions(target, text, platforms);
    expect(await importSubscriptions(target, JSON.stringify(edited), platforms)).toMatchObject({ created: 1 });
    const discord = await target.listForDestination({ platform: 'discord', chatId: '9001' });
    expect(discord.map((s) => s.id)).toEqual(['moved-id-1']);
  });

  it('refuses a file with bad entries, listing each, and writes nothing', async () => {
    const file = {
      format: 'kazwire-subscriptions',
      version: 1,
      subscriptions: [
        { id: 'ok-1', destination: { platform: 'discord', chatId: '1' }, entities: [], keywords: [], exclude: [], mode: 'instant', createdBy: 'u', createdAt: '2022-01-05T00:00:00Z' },
        { id: 'bad-1', destination: { platform: 'slack', chatId: 'x' }, entities: [], keywords: [], exclude: [], mode: 'instant', createdBy: 'u', createdAt: 'yesterday' },
        { id: 'bad-2', destination: { platform: 'telegram', chatId: '-5' }, entities: [], keywords: [], exclude: [], mode: 'digest', createdBy: 'u', createdAt: '2022-01-05T00:00:00Z' },
        { id: 'bad-3', destination: { platform: 'discord', chatId: 'x' }, entities: [], keywords: [], exclude: [], mode: 'instant', createdBy: 'u', createdAt: '2022-01-05T00:00:00Z' },
      ],
    };
    const target = createRedisSubscriptionStore({ ...to, platforms });
    await expect(importSubscriptions(target, JSON.stringify(file), platforms)).rejects.toThrow(SubscriptionsFileError);
    try {
      parseSubscriptions(JSON.stringify(file), platforms);
    } catch (err) {
      const problems = (err as SubscriptionsFileError).problems.join('\n');
      expect(problems).toMatch(/subscriptions\[1\]\.destination\.platform/);
      expect(problems).toMatch(/subscriptions\[3\]\.destination\.chatId: a chat id is a number/);
      expect(problems).toMatch(/subscriptions\[1\]\.createdAt: a date and time/);
      expect(problems).toMatch(/subscriptions\[2\]\.digestHourUtc: a digest needs an hour/);
    }
    expect(await target.count()).toBe(0);
  });

  it('keeps the language each chat chose with /language, restoring it in an empty Redis', async () => {
    const source = await seed(from);
    const chosen = createRedisChatLanguageStore(from.redis, from.keys);
    await chosen.set({ platform: 'discord', chatId: '9001' }, 'kk');
    await chosen.set({ platform: 'telegram', chatId: '-1001234' }, 'ru');
    const { text, languages } = await exportSubscriptions(source, new Date(), chosen);
    expect(languages).toBe(2);
    expect(JSON.parse(text)).toMatchObject({ version: 2, chatLanguages: [{ platform: 'discord', chatId: '9001', language: 'kk' }, { platform: 'telegram', chatId: '-1001234', language: 'ru' }] });

    const target = createRedisSubscriptionStore({ ...to, platforms });
    const restored = createRedisChatLanguageStore(to.redis, to.keys);
    expect(await importSubscriptions(target, text, platforms, restored)).toEqual({ created: 3, updated: 0, unchanged: 0, languages: 2 });
    expect(await restored.get({ platform: 'discord', chatId: '9001' })).toBe('kk');
    expect(await restored.get({ platform: 'telegram', chatId: '-1001234' })).toBe('ru');
    expect(await restored.get({ platform: 'telegram', chatId: '-1005' })).toBeUndefined();
    expect(await restored.listAll()).toEqual(await chosen.listAll());
    // Again: nothing changes.
    expect(await importSubscriptions(target, text, platforms, restored)).toEqual({ created: 0, updated: 0, unchanged: 3, languages: 2 });
    expect(await restored.listAll()).toEqual(await chosen.listAll());
  });

  it('still reads a version 1 file, which has no chat languages', async () => {
    const current = JSON.parse((await exportSubscriptions(await seed(from))).text) as Record<string, unknown>;
    const older: Record<string, unknown> = { ...current, version: 1 };
    delete older.chatLanguages;
    const target = createRedisSubscriptionStore({ ...to, platforms });
    const restored = createRedisChatLanguageStore(to.redis, to.keys);
    expect(await importSubscriptions(target, JSON.stringify(older), platforms, restored)).toEqual({ created: 3, updated: 0, unchanged: 0, languages: 0 });
    expect(await restored.listAll()).toEqual([]);
  });

  it('refuses a chat language that Kazwire does not speak or a chat that is not one, and writes nothing', async () => {
    const file = {
      format: 'kazwire-subscriptions',
      version: 2,
      subscriptions: [],
      chatLanguages: [
        { platform: 'discord', chatId: '9001', language: 'kk' },
        { platform: 'telegram', chatId: '-5', language: 'de' },
        { platform: 'discord', chatId: 'general', language: 'ru' },
      ],
    };
    const restored = createRedisChatLanguageStore(to.redis, to.keys);
    const target = createRedisSubscriptionStore({ ...to, platforms });
    const refusal = await importSubscriptions(target, JSON.stringify(file), platforms, restored).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(SubscriptionsFileError);
    const problems = (refusal as SubscriptionsFileError).problems.join('\n');
    expect(problems).toMatch(/chatLanguages\[1\]\.language: one of en, ru, kk/);
    expect(problems).toMatch(/chatLanguages\[2\]\.chatId: a chat id is a number/);
    expect(await restored.listAll()).toEqual([]);
  });

  it('says what a file is not: not JSON, not a subscriptions file, a newer version', () => {
    expect(() => parseSubscriptions('{', platforms)).toThrow(/not JSON/);
    expect(() => parseSubscriptions('{"feeds": []}', platforms)).toThrow(/format: not a Kazwire subscriptions file/);
    expect(() => parseSubscriptions('{"format":"kazwire-subscriptions","version":3,"subscriptions":[]}', platforms)).toThrow(/version 3 was written by a newer Kazwire/);
  });

  it('counts subscriptions by platform and state from the sets it keeps, filing older ones once', async () => {
    const store = await seed(from);
    const nonZero = async () => (await store.stateCounts()).filter((c) => c.count > 0);
    const expected = [
      { platform: 'discord', state: 'active', count: 1 },
      { platform: 'telegram', state: 'active', count: 1 },
      { platform: 'telegram', state: 'paused', count: 1 },
    ];
    expect(await nonZero()).toEqual(expected);
    for (const p of ['discord', 'telegram', 'console']) for (const s of ['active', 'paused']) await from.redis.del(from.keys.subscriptionsInState(p, s));
    expect((await createRedisSubscriptionStore({ ...from, platforms }).stateCounts()).filter((c) => c.count > 0)).toEqual(expected);
    await store.unsubscribe({ platform: 'discord', chatId: '9001' });
    expect((await nonZero()).map((c) => `${c.platform}:${c.state}`)).toEqual(['telegram:active', 'telegram:paused']);
  });
});
