import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { subscribe } from '../../commands/index.js';
import { runCommand } from '../../src/commands/dispatch.js';
import { parseCommandLine } from '../../src/commands/parse-args.js';
import { renderReplyText } from '../../src/commands/render-text.js';
import type { CommandServices } from '../../src/commands/services.js';
import { createRedisSubscriptionStore } from '../../src/delivery/core/subscriptions.js';
import type { SubscriptionStore } from '../../src/delivery/core/types.js';
import { platforms } from '../../src/app/platforms.js';
import { useRedis, type RedisTestContext } from '../support/redis.js';
import { admin, archiveOf, channel, makeServices, story } from '../support/command-doubles.js';

const NOW = new Date('2022-01-07T10:00:00Z');
let ctx: RedisTestContext;
let store: SubscriptionStore;
beforeEach(async () => {
  ctx = await useRedis('cmd-subscribe-settings');
  store = createRedisSubscriptionStore({ redis: ctx.redis, keys: ctx.keys, platforms, now: () => NOW });
});
afterEach(() => ctx.cleanup());

async function say(services: CommandServices, args: Record<string, unknown> | string) {
  const raw = typeof args === 'string' ? parseCommandLine(args)!.words : args;
  const reply = await runCommand(subscribe, raw, admin, channel, services, { now: () => NOW });
  if (!reply) throw new Error('no reply');
  return { reply, text: renderReplyText(reply) };
}
const only = async () => {
  const list = await store.listForDestination(channel);
  expect(list).toHaveLength(1);
  return list[0]!;
};

describe('/subscribe keywords', () => {
  it('reads a quoted phrase typed on Telegram or the terminal as one keyword', async () => {
    const services = makeServices({ subscriptions: store });
    const { text } = await say(services, '/subscribe topic=tokayev keywords="fuel prices"');
    expect(await only()).toMatchObject({ entities: ['tokayev'], keywords: ['fuel prices'], exclude: [] });
    expect(text).toContain('stories about Kassym-Jomart Tokayev containing "fuel prices" as they break');
  });

  it('reads quoted phrases and plain words together, in keywords and exclusions (Discord gives the text as typed)', async () => {
    const services = makeServices({ subscriptions: store });
    await say(services, { keywords: '«цены на бензин», "fuel prices" gas', exclude: '"football match", hockey' });
    expect(await only()).toMatchObject({ keywords: ['цены на бензин', 'fuel prices', 'gas'], exclude: ['football match', 'hockey'] });
  });

  it('offers a word that is no actor or topic as keywords=', async () => {
    const { reply, text } = await say(makeServices({ subscriptions: store }), { topic: 'uranium' });
    expect(reply.private).toBe(true);
    expect(text).toContain('No actor or topic named "uranium".');
    expect(text).toContain('/subscribe keywords=uranium');
    expect(await store.listForDestination(channel)).toEqual([]);
  });
});

describe('/subscribe again', () => {
  it('keeps keywords, digest mode, hour and zone when only the topic is given, and says nothing changed', async () => {
    const services = makeServices({ subscriptions: store });
    await say(services, '/subscribe topic=tokayev keywords=fuel mode=digest hour=9 tz=Europe/Moscow quiet=23-07 preview=off');
    const before = await only();
    const { text } = await say(services, '/subscribe Тоқаев');
    expect(await only()).toEqual(before);
    expect(before).toMatchObject({ keywords: ['fuel'], mode: 'digest', digestHour: 9, timeZone: 'Europe/Moscow', quiet: { start: 1380, end: 420 }, preview: false });
    expect(text).toContain('Nothing changed');
    expect(text).toContain('in a daily digest at 09:00 Europe/Moscow (06:00 UTC)');
  });

  it('changes only what is given and lists each change', async () => {
    const services = makeServices({ subscriptions: store });
    await say(services, { topic: 'tokayev', keywords: 'fuel', mode: 'digest' });
    const { text } = await say(services, { topic: 'tokayev', exclude: 'football', hour: 18 });
    expect(await only()).toMatchObject({ keywords: ['fuel'], exclude: ['football'], mode: 'digest', digestHour: 18, timeZone: 'Asia/Almaty' });
    expect(text).toContain('Changed: exclude none → "football"; hour 08:00 → 18:00.');
    const back = await say(services, { topic: 'tokayev', keywords: '-', mode: 'instant' });
    expect(await only()).toMatchObject({ keywords: [], exclude: ['football'], mode: 'instant' });
    expect(back.text).toContain('Changed: keywords "fuel" → none; mode digest → instant.');
  });

  it('refuses a time zone that is not an IANA zone, and quiet hours it cannot read', async () => {
    const services = makeServices({ subscriptions: store });
    const zone = await say(services, { tz: 'Almaty' });
    expect(zone.reply.private).toBe(true);
    expect(zone.text).toContain('tz: must be a time zone such as Asia/Almaty');
    const quiet = await say(services, { quiet: 'night' });
    expect(quiet.text).toContain('quiet: must be hours like 23-07');
    expect(await store.listForDestination(channel)).toEqual([]);
  });
});

describe('/subscribe preview', () => {
  const archive = archiveOf([
    story('2021-12-20T08:00:00Z', 'Tokayev on fuel prices, too old', ['tokayev']),
    story('2022-01-04T08:00:00Z', 'Tokayev orders fuel prices capped', ['tokayev']),
    story('2022-01-05T08:00:00Z', 'Fuel prices: Tokayev dismisses the government', ['tokayev']),
    story('2022-01-05T09:00:00Z', 'Tokayev asks CSTO for help', ['tokayev', 'csto']),
    story('2022-01-06T08:00:00Z', 'Fuel prices fall in Almaty', ['almaty']),
    story('2022-01-06T09:00:00Z', 'Tokayev: fuel prices held for 180 days', ['tokayev']),
    story('2022-01-07T09:00:00Z', 'Tokayev says fuel prices and football', ['tokayev']),
  ]);

  it('lists the 3 latest archived stories the subscription would have brought, newest first', async () => {
    const services = makeServices({ subscriptions: store, archive });
    const { text } = await say(services, '/subscribe topic=tokayev keywords="fuel prices" exclude=football');
    expect(text).toContain('What it would have brought: the latest 3 stories of the last 7 days');
    const listed = ['Tokayev: fuel prices held for 180 days', 'Fuel prices: Tokayev dismisses the government', 'Tokayev orders fuel prices capped'];
    const at = listed.map((title) => text.indexOf(title));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    for (const absent of ['too old', 'CSTO for help', 'fall in Almaty', 'prices and football']) expect(text).not.toContain(absent);
    expect(text).toContain('Tengrinews · 2022-01-06 09:00 UTC · 15:00 Almaty');
  });

  it('says when none of the last 7 days would have matched', async () => {
    const services = makeServices({ subscriptions: store, archive });
    const { text } = await say(services, { topic: 'csto', keywords: 'uranium' });
    expect(text).toContain("None of the last 7 days' archived stories would have matched this subscription.");
  });
});

describe('/subscribe in Russian and Kazakh', () => {
  const archive = archiveOf([story('2022-01-06T09:00:00Z', 'Tokayev: fuel prices held for 180 days', ['tokayev'])]);
  const inLanguage = async (language: 'ru' | 'kk', args: Record<string, unknown>) => {
    const services = makeServices({ subscriptions: store, archive });
    const caller = { ...admin, languageHints: [language] };
    const reply = await runCommand(subscribe, args, caller, channel, services, { now: () => NOW });
    return renderReplyText(reply!);
  };

  it('tells a Kazakh-speaking admin in Kazakh what changed, when quiet hours are and what the channel would have got', async () => {
    await inLanguage('kk', { topic: 'tokayev' });
    const text = await inLanguage('kk', { topic: 'tokayev', quiet: '23-07', preview: 'off' });
    expect(text).toContain('Өзгерді: quiet жоқ → 23:00-07:00; preview авто → өшірулі.');
    expect(text).toContain('Тыныш сағаттар: 23:00-07:00 Asia/Almaty (17:00-01:00 UTC)');
    expect(text).toContain('Суреттер: ешқашан');
    expect(text).toContain('Бұл жазылым не әкелер еді: соңғы 7 күндегі ең соңғы жаңалық');
    expect(text).toContain('Tokayev: fuel prices held for 180 days');
  });

  it('answers a Russian-speaking admin in Russian, offering the unknown word as keywords=', async () => {
    const text = await inLanguage('ru', { topic: 'уран' });
    expect(text).toContain('Не нашёл ни персоны, ни темы по запросу «уран».');
    expect(text).toContain('Чтобы получать новости с этим словом: /subscribe keywords=уран');
    await inLanguage('ru', {});
    const digest = await inLanguage('ru', { mode: 'digest', hour: 9 });
    expect(digest).toContain('раз в день сводкой в 09:00 Asia/Almaty (03:00 UTC)');
    expect(digest).toContain('Изменено: mode instant → digest; hour нет → 09:00.');
    expect(digest).toContain('Что принесла бы эта подписка: последняя новость за 7 дней');
  });
});
