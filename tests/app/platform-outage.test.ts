import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/app/roles.js';
import { platforms } from '../../src/app/platforms.js';
import { startApp, type RunningApp } from '../../src/app/start-app.js';
import { loadConfig } from '../../src/config/env.js';
import { createRedisSubscriptionStore } from '../../src/delivery/core/subscriptions.js';
import type { Destination } from '../../src/delivery/core/types.js';
import { createLogger } from '../../src/log.js';
import { askDiscord, askTelegram, discordMessagesWith, telegramMessagesWith } from '../e2e/support/chat-helpers.js';
import { relevant, type Headline } from '../e2e/support/headlines.js';
import { startNewsFeeds, type NewsFeeds } from '../e2e/support/news-feeds.js';
import { startFakeDiscord, type FakeChannel, type FakeDiscord } from '../fakes/discord/server.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram/server.js';
import { TEST_REDIS_URL, useRedis, type RedisTestContext } from '../support/redis.js';
import { waitUntil } from '../support/wait-until.js';

/*
 * The whole app in this process (every role), against a fake Discord and a fake Telegram of which one is
 * unreachable when the app starts and comes back later.
 */

type Platform = 'discord' | 'telegram';
interface HealthBody {
  status: string;
  components: Record<string, { up: boolean; detail: string; since: string }>;
}

let redis: RedisTestContext;
let feeds: NewsFeeds;
let discord: FakeDiscord;
let channel: FakeChannel;
let tg: FakeTelegram;
let group: number;
let app: RunningApp | undefined;
let logLines: Array<{ level: number; msg: string; component?: string; check?: string }>;

beforeEach(async () => {
  redis = await useRedis('outage');
  feeds = await startNewsFeeds();
  discord = await startFakeDiscord();
  const guild = discord.addGuild({ name: 'Steppe Newsroom' });
  channel = discord.addChannel({ guildId: guild.id, name: 'kazakhstan-news' });
  tg = await startFakeTelegram();
  group = tg.addChat({ type: 'supergroup', title: 'Steppe Newsroom' });
  logLines = [];
});

afterEach(async () => {
  await app?.stop();
  app = undefined;
  await Promise.allSettled([feeds.close(), discord.close(), tg.close()]);
  await redis.cleanup();
});

async function start(): Promise<RunningApp> {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  const config = loadConfig({
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redis.prefix,
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_GUILD_ID: channel.guildId,
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    FEED_URLS: feeds.urls.join(','),
    ALLOW_PRIVATE_NETWORK_FEEDS: 'true',
    POLL_INTERVAL_SECONDS: '2',
    POLL_MAX_INTERVAL_SECONDS: '2',
    HTTP_PORT: '0',
  });
  const running = await startApp(config, new Set(ROLES), createLogger({ level: 'debug', format: 'json', stream }));
  const store = createRedisSubscriptionStore({ redis: redis.redis, keys: redis.keys, platforms });
  const destinations: Destination[] = [
    { platform: 'discord', chatId: channel.id },
    { platform: 'telegram', chatId: String(group) },
  ];
  for (const destination of destinations) {
    await store.subscribe({ destination, entities: [], keywords: [], exclude: [], mode: 'instant', createdBy: 'test' });
  }
  return running;
}

async function healthz(): Promise<{ status: number; body: HealthBody }> {
  const res = await fetch(`http://127.0.0.1:${app!.httpPort}/healthz`);
  return { status: res.status, body: (await res.json()) as HealthBody };
}

const alerts = (platform: Platform, h: Headline) =>
  platform === 'discord' ? discordMessagesWith(discord, channel.id, h.marker) : telegramMessagesWith(tg, group, h.marker);
const publish = (h: Headline) => feeds.publish(h.language, { title: h.title, description: h.description, pubDate: new Date() });
/** Discord unreachable: REST answers 503 and the gateway refuses connections. Telegram: every call 502. */
const setOutage = (platform: Platform, on: boolean) => {
  if (platform === 'telegram') return tg.outage(on);
  discord.outage(on);
  discord.gatewayOutage(on);
};

describe.each<[Platform, Platform]>([
  ['discord', 'telegram'],
  ['telegram', 'discord'],
])('the app with %s unreachable at start-up', (down, other) => {
  it(`starts, polls and alerts on ${other}, reports ${down} down, then alerts ${down} once it is back, nothing lost or doubled`, async ({ onTestFailed }) => {
    onTestFailed(() => console.error(logLines.slice(-80).map((l) => JSON.stringify(l)).join('\n')));
    setOutage(down, true);
    app = await start();

    await waitUntil('the first poll of the feeds', () => feeds.fetches('en') > 0, { timeoutMs: 20_000 });
    const [first, second] = relevant as [Headline, Headline];
    publish(first);
    await waitUntil(`"${first.marker}" alerted on ${other}`, () => alerts(other, first).length > 0, { timeoutMs: 30_000 });
    expect(alerts(down, first)).toEqual([]);
    // The other platform's commands are answered meanwhile.
    if (other === 'discord') await askDiscord(discord, { channelId: channel.id, commandName: 'help' }, '/timeline');
    else await askTelegram(tg, group, { id: 7002, first_name: 'Bolat' }, '/help', '/timeline');

    const during = await waitUntil(`/healthz to report ${down} down`, async () => {
      const answer = await healthz();
      return answer.body.components[down] && answer;
    }, { timeoutMs: 15_000 });
    expect(during.status).toBe(503);
    expect(during.body.status).toBe('unavailable');
    expect(during.body.components[down]).toMatchObject({ up: false });
    expect(during.body.components.redis?.up).toBe(true);
    expect(during.body.components.pollers?.up).toBe(true);

    // Published while the platform is still down: waits for it too.
    publish(second);
    await waitUntil(`"${second.marker}" alerted on ${other}`, () => alerts(other, second).length > 0, { timeoutMs: 30_000 });

    setOutage(down, false);
    for (const h of [first, second]) {
      await waitUntil(`"${h.marker}" alerted on ${down} once it is back`, () => alerts(down, h).length > 0, { timeoutMs: 120_000, intervalMs: 250 });
    }
    const after = await waitUntil('/healthz to say 200 again', async () => {
      const answer = await healthz();
      return answer.status === 200 && answer;
    }, { timeoutMs: 90_000, intervalMs: 500 });
    expect(after.body.components[down]?.up).toBe(true);
    // Its commands are answered again: registered once it could be reached.
    if (down === 'discord') expect(discord.commands(channel.guildId).length).toBeGreaterThan(0);
    // Telegram: the default menu and one per language (en, ru, kk).
    else expect(tg.commandLists().size).toBe(4);

    // A few more polls: nothing doubled.
    const fetched = feeds.fetches('en');
    await waitUntil('three more polls', () => feeds.fetches('en') >= fetched + 3, { timeoutMs: 30_000 });
    for (const platform of [down, other]) for (const h of [first, second]) expect(alerts(platform, h), `${platform}: ${h.marker}`).toHaveLength(1);

    const warnings = logLines.filter((l) => l.component === down && l.level === 40);
    expect(warnings.map((l) => l.msg)).toEqual([`${down} is down`]);
    expect(warnings[0]?.check).toMatch(down === 'discord' ? /DISCORD_API_URL/ : /TELEGRAM_API_ROOT/);
    expect(logLines.some((l) => l.component === down && l.msg === `${down} is back`)).toBe(true);
  }, 240_000);
});
