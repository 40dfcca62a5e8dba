import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { subscribe, subscriptions, unsubscribe } from '../../commands/index.js';
import { runCommand } from '../../src/commands/dispatch.js';
import { renderReplyText } from '../../src/commands/render-text.js';
import type { CommandServices } from '../../src/commands/services.js';
import type { Destination } from '../../src/delivery/core/types.js';
import { createRedisSubscriptionStore } from '../../src/delivery/core/subscriptions.js';
import { platforms } from '../../src/app/platforms.js';
import type { SubscriptionStore } from '../../src/delivery/core/types.js';
import { useRedis, type RedisTestContext } from '../support/redis.js';
import { admin, channel, makeServices as doubles, member } from '../support/command-doubles.js';

// The real Redis subscription store, with a fresh key prefix per test.
let ctx: RedisTestContext;
let store: SubscriptionStore;
beforeEach(async () => {
  ctx = await useRedis('cmd-subscribe');
  store = createRedisSubscriptionStore({ redis: ctx.redis, keys: ctx.keys, platforms, now: () => new Date('2022-01-07T10:00:00Z') });
});
afterEach(() => ctx.cleanup());
const makeServices = () => doubles({ subscriptions: store });

async function say(services: CommandServices, command: Parameters<typeof runCommand>[0], args: Record<string, unknown> | string[], where: Destination | 'no chat' = channel) {
  const reply = await runCommand(command, args, admin, where === 'no chat' ? undefined : where, services);
  if (!reply) throw new Error('no reply');
  return { reply, text: renderReplyText(reply) };
}

describe('/subscribe', () => {
  it('with no options subscribes to the whole topic pack, instantly', async () => {
    const services = makeServices();
    const { text } = await say(services, subscribe, {});
    expect(text).toContain('This channel will get every Kazakhstan story as it breaks.');
    const [sub] = await services.subscriptions.listForDestination(channel);
    expect(sub).toMatchObject({ entities: [], keywords: [], exclude: [], mode: 'instant', createdBy: admin.userId });
  });

  it('says exactly what a filtered digest subscription will deliver', async () => {
    const services = makeServices();
    const { text } = await say(services, subscribe, { topic: 'tokayev', keywords: 'fuel', exclude: 'football', mode: 'digest' });
    expect(text).toContain(
      'This channel will get stories about Kassym-Jomart Tokayev containing "fuel", excluding "football", in a daily digest at 08:00 Asia/Almaty (03:00 UTC).',
    );
  });

  it('finds the topic by a Cyrillic alias and reads several comma-separated keywords', async () => {
    const services = makeServices();
    await say(services, subscribe, { topic: 'ОДКБ', keywords: 'troops, ,Troops, peacekeepers' });
    const [sub] = await services.subscriptions.listForDestination(channel);
    expect(sub).toMatchObject({ entities: ['csto'], keywords: ['troops', 'peacekeepers'] });
  });

  it('running it again updates the subscription instead of adding one', async () => {
    const services = makeServices();
    await say(services, subscribe, { topic: 'tokayev' });
    const { text } = await say(services, subscribe, { topic: 'tokayev', keywords: 'fuel' });
    expect(text).toContain('Updated this channel\'s subscription: it will now get stories about Kassym-Jomart Tokayev containing "fuel" as they break.');
    const list = await services.subscriptions.listForDestination(channel);
    expect(list).toHaveLength(1);
    expect(list[0]?.keywords).toEqual(['fuel']);
  });

  it('refuses an unknown topic privately, suggesting close names', async () => {
    const services = makeServices();
    const { reply, text } = await say(services, subscribe, { topic: 'Tokaye' });
    expect(reply.private).toBe(true);
    expect(text).toContain('No actor or topic named "Tokaye". Did you mean: Kassym-Jomart Tokayev?');
    expect(await services.subscriptions.listForDestination(channel)).toEqual([]);
  });

  it('refuses a mode that is not instant or digest, with the usage', async () => {
    const { reply, text } = await say(makeServices(), subscribe, { mode: 'hourly' });
    expect(reply.private).toBe(true);
    expect(text).toContain('mode: must be one of: instant, digest');
    expect(text).toContain('/subscribe [topic] [keywords] [exclude] [mode=instant|digest]');
  });

  it('asks to be run in a channel when there is none', async () => {
    const { reply, text } = await say(makeServices(), subscribe, {}, 'no chat');
    expect(reply.private).toBe(true);
    expect(text).toContain('Run it in the channel or chat you want to change');
  });

  it("says the store's refusal in the admin's language: Russian, Kazakh, else English", async () => {
    // A chat id that is no Discord snowflake: the subscription store refuses it, below the command.
    const nowhere: Destination = { platform: 'discord', chatId: 'general' };
    const refusal = async (languageHints: string[]) => {
      const reply = await runCommand(subscribe, { topic: 'tokayev' }, { ...admin, languageHints }, nowhere, makeServices());
      expect(reply?.private).toBe(true);
      return renderReplyText(reply!);
    };
    expect(await refusal(['ru'])).toContain('Не удалось подписаться: номер чата — это число.');
    expect(await refusal(['kk'])).toContain('Жазылу мүмкін емес: чат нөмірі сан болуы керек.');
    expect(await refusal([])).toContain('Cannot subscribe: a chat id is a number.');
    expect(await store.listForDestination(nowhere)).toEqual([]);
  });
});

describe('/unsubscribe', () => {
  it('with no option removes everything for this channel only', async () => {
    const services = makeServices();
    const other: Destination = { platform: 'telegram', chatId: '-100' };
    await say(services, subscribe, {});
    await say(services, subscribe, { topic: 'csto' });
    await say(services, subscribe, {}, other);
    const { text } = await say(services, unsubscribe, {});
    expect(text).toContain('Removed 2 subscriptions: this channel will get no more news.');
    expect(await services.subscriptions.listForDestination(channel)).toEqual([]);
    expect(await services.subscriptions.listForDestination(other)).toHaveLength(1);
  });

  it('removes one subscription by id', async () => {
    const services = makeServices();
    await say(services, subscribe, {});
    await say(services, subscribe, { topic: 'csto' });
    const everything = (await services.subscriptions.listForDestination(channel)).find((s) => s.entities.length === 0);
    const { text } = await say(services, unsubscribe, [everything!.id]);
    expect(text).toContain(`Removed subscription ${everything!.id}.`);
    expect((await services.subscriptions.listForDestination(channel)).map((s) => s.entities)).toEqual([['csto']]);
  });

  it('says privately when no subscription has that id', async () => {
    const { reply, text } = await say(makeServices(), unsubscribe, { id: 'nope' });
    expect(reply.private).toBe(true);
    expect(text).toContain('This channel has no subscription with id "nope". Use /subscriptions to see the ids.');
  });

  it('is refused to members', async () => {
    const reply = await runCommand(unsubscribe, {}, member, channel, makeServices());
    expect(reply?.private).toBe(true);
    expect(renderReplyText(reply!)).toContain('manage this channel');
  });
});

describe('/subscriptions', () => {
  it('lists each subscription with its filters, and paused ones with the reason', async () => {
    const services = makeServices();
    await say(services, subscribe, {});
    await say(services, subscribe, { topic: 'tokayev', exclude: 'football', mode: 'digest' });
    const digest = (await services.subscriptions.listForDestination(channel)).find((s) => s.mode === 'digest');
    await store.pause(digest!.id, 'the bot may no longer post in this channel');

    const reply = await runCommand(subscriptions, {}, member, channel, services);
    const text = renderReplyText(reply!);
    expect(text).toContain("This channel's subscriptions (2)");
    expect(text).toContain('Every Kazakhstan story as it breaks.');
    expect(text).toContain('Stories about Kassym-Jomart Tokayev, excluding "football", in a daily digest at 08:00 Asia/Almaty (03:00 UTC).');
    expect(text).toContain('Paused since 2022-01-07: the bot may no longer post in this channel');
  });

  it('says when the channel has none', async () => {
    const reply = await runCommand(subscriptions, {}, member, channel, makeServices());
    expect(renderReplyText(reply!)).toContain('This channel has no subscriptions. Use /subscribe to start one.');
  });
});
