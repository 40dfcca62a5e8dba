import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRedisArchive, type Archive } from '../../src/news/archive.js';
import type { Story } from '../../src/news/types.js';
import { startFakeDiscord, type FakeChannel, type FakeDiscord, type FakeGuild } from '../fakes/discord/server.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram/server.js';
import { TEST_REDIS_URL, useRedis, type RedisTestContext } from '../support/redis.js';
import { waitUntil } from '../support/wait-until.js';
import { freePort, startBotProcess, type BotProcess } from './support/bot-process.js';
import { askDiscord, askTelegram } from './support/chat-helpers.js';
import { events } from './support/january-events.js';
import { outlets, scenarioClock, type OutletId, type Report } from './support/january-outlets.js';
import {
  backlogEntries,
  eventEntries,
  messagesShowing,
  publishingRuns,
  seriesEntries,
  storiesByLink,
  trapEntries,
  type AlertPlaces,
  type Entry,
} from './support/january-scenario.js';
import { startOutletFeeds, type OutletFeeds } from './support/outlet-feeds.js';
import { scrape, type Scrape } from './support/prometheus.js';

/*
 * January 2022 as six outlets (three English desks, a Russian and a Kazakh paper, a Russian aggregator that
 * rewrites its guids) told it, replayed through the real `npm start` against local Discord and Telegram and the
 * real Redis. The outlets publish in the order of their clocks, dated as the scenario dates them: 3 to 12 days
 * before the bot reads them (13 January is "today"). The steps share one process and run in order.
 */

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const START_TIMEOUT_MS = 240_000;
const POLL_SECONDS = 1;
const DAY_MS = 86_400_000;
const outletIds = Object.keys(outlets) as OutletId[];
const admin = { id: 8101, first_name: 'Dana', username: 'dana_desk' };
const reader = { id: 8102, first_name: 'Yerlan', username: 'yerlan_reads' };

let redis: RedisTestContext;
let feeds: OutletFeeds<OutletId>;
let discord: FakeDiscord;
let tg: FakeTelegram;
let guild: FakeGuild;
let channel: FakeChannel;
let group: number;
let bot: BotProcess | undefined;
let appPid: number | undefined;
let archive: Archive;
let metricsUrl: string;
let places: AlertPlaces;
const dateOf = scenarioClock(Date.now());
/** When each entry was put in its feed, by link. */
const publishedAt = new Map<string, number>();

const linkOf = (e: Entry) => feeds.linkOf(e.report.outlet, e.slug);
const publish = (e: Entry) => {
  feeds.publish(e.report.outlet, e.slug, { title: e.report.title, description: e.report.lead, pubDate: dateOf(e.report.at) });
  publishedAt.set(linkOf(e), Date.now());
};
const metrics = () => scrape(metricsUrl);
const newItemsRead = async () => (await metrics()).value('kazwire_feed_items_total', { stage: 'new' });

/** Items read = stories queued new + items not alerted (no_subscriber counts stories, not items). */
function accounted(m: Scrape): number {
  const notAlerted = m.samples('kazwire_items_not_alerted_total').filter((s) => s.labels.reason !== 'no_subscriber');
  return m.value('kazwire_stories_queued_total', { kind: 'new' }) + notAlerted.reduce((sum, s) => sum + s.value, 0);
}

/** The archived story holding an entry's report, found by its link. */
async function storyOf(e: Entry, byLink?: Map<string, Story>): Promise<Story | undefined> {
  return (byLink ?? (await storiesByLink(archive))).get(linkOf(e));
}

/** Waits until a story is shown on both platforms; returns how many messages show it on each. */
async function alerted(story: Story): Promise<{ discord: number; telegram: number }> {
  return waitUntil(`"${story.title}" alerted on Discord and Telegram`, () => {
    const shown = messagesShowing(places, story.title);
    return shown.discord > 0 && shown.telegram > 0 && shown;
  }, { timeoutMs: 90_000, intervalMs: 250 });
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  redis = await useRedis('e2e-jan');
  archive = createRedisArchive({ redis: redis.redis, keys: redis.keys });
  feeds = await startOutletFeeds(outlets);
  for (const e of backlogEntries) publish(e);
  discord = await startFakeDiscord();
  guild = discord.addGuild({ name: 'Qantar Desk' });
  channel = discord.addChannel({ guildId: guild.id, name: 'january-2022' });
  tg = await startFakeTelegram();
  group = tg.addChat({ type: 'supergroup', title: 'Qantar Desk' });
  tg.setMember(group, admin, 'administrator');
  tg.setMember(group, reader, 'member');
  places = { discord, channelId: channel.id, tg, chatId: group };
  const httpPort = await freePort();
  metricsUrl = `http://127.0.0.1:${httpPort}/metrics`;

  bot = startBotProcess({
    cwd: projectRoot,
    env: {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: redis.prefix,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_GUILD_ID: guild.id,
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      FEED_URLS: outletIds.map((id) => feeds.urls[id]).join(','),
      ALLOW_PRIVATE_NETWORK_FEEDS: 'true',
      POLL_INTERVAL_SECONDS: String(POLL_SECONDS),
      POLL_MAX_INTERVAL_SECONDS: String(POLL_SECONDS),
      HTTP_PORT: String(httpPort),
      LOG_LEVEL: 'info',
    },
  });
  try {
    await bot.waitForOutput('kazwire is running', START_TIMEOUT_MS);
    appPid = bot.appPid();
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- bot output ---\n${bot.output().slice(-200).join('\n')}`);
  }
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  if (bot && bot.exitCode() === undefined) {
    bot.kill('SIGTERM');
    const done = await Promise.race([bot.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
    if (!done) bot.kill('SIGKILL');
  }
  if (appPid !== undefined && isRunning(appPid)) {
    process.kill(appPid, 'SIGTERM');
    await waitUntil('the app to stop', () => !isRunning(appPid!), { timeoutMs: 10_000 }).catch(() => process.kill(appPid!, 'SIGKILL'));
  }
  await Promise.allSettled([feeds?.close(), discord?.close(), tg?.close()]);
  await redis?.cleanup();
}, 30_000);

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    console.error(`--- feed fetches: ${outletIds.map((id) => `${id}: ${feeds?.fetches(id) ?? 0}`).join(', ')} ---`);
    console.error(`--- bot output (last 120 lines) ---\n${bot?.output().slice(-120).join('\n') ?? '(not started)'}`);
  });
});

describe('January 2022 from six outlets in three languages, through npm start', () => {
  it('subscribes a Discord channel and a Telegram group, and records each feed\'s backlog without alerting it', async () => {
    // The platforms connect in the background: /healthz says when every component is up.
    await waitUntil('GET /healthz to answer ok with Discord and Telegram up', async () => {
      const res = await fetch(metricsUrl.replace('/metrics', '/healthz')).catch(() => undefined);
      if (!res?.ok) return false;
      const { components } = (await res.json()) as { components: Record<string, { up: boolean } | undefined> };
      return components.discord?.up === true && components.telegram?.up === true;
    }, { timeoutMs: 60_000, intervalMs: 250 });
    await askDiscord(discord, { channelId: channel.id, commandName: 'subscribe' }, 'Subscribed', 20_000);
    await askTelegram(tg, group, admin, '/subscribe', 'Subscribed', 20_000);
    await waitUntil('the first poll of every feed', async () => (await newItemsRead()) >= backlogEntries.length, { timeoutMs: 30_000, intervalMs: 250 });
    expect((await metrics()).value('kazwire_items_not_alerted_total', { reason: 'first_poll' })).toBe(backlogEntries.length);
  }, 90_000);

  it('reads every report, each outlet\'s in the order of its clock, dated days before the bot reads it', async () => {
    let expected = await newItemsRead();
    for (const run of publishingRuns((r: Report) => dateOf(r.at))) {
      for (const e of run) publish(e);
      expected += run.length;
      const target = expected;
      await waitUntil(`the bot to read "${run[0]!.report.title}" (${target} new items)`, async () => (await newItemsRead()) >= target, { timeoutMs: 20_000, intervalMs: 100 });
    }
    expect(await newItemsRead()).toBe(expected);
  }, 180_000);

  it('alerts each multi-outlet event once on Discord and on Telegram, across languages too', async () => {
    const byLink = await storiesByLink(archive);
    const problems: string[] = [];
    for (const event of events) {
      const entries = eventEntries.filter((e) => e.eventId === event.id);
      const stories = new Set(entries.map((e) => byLink.get(linkOf(e))?.id ?? 'not archived'));
      if (stories.size !== 1) problems.push(`${event.id}: its ${entries.length} reports are in ${stories.size} stories`);
      const story = byLink.get(linkOf(entries[0]!));
      if (!story) continue;
      const intruders = [story.link, ...story.alsoReportedBy.map((o) => o.link)].filter((l) => !entries.some((e) => linkOf(e) === l));
      if (intruders.length > 0) problems.push(`${event.id}: its story also holds ${intruders.join(', ')}`);
      const shown = await alerted(story);
      if (shown.discord !== 1 || shown.telegram !== 1) problems.push(`${event.id}: ${shown.discord} messages on Discord, ${shown.telegram} on Telegram`);
    }
    expect(problems).toEqual([]);
    const crossLanguage = events.filter((e) => new Set(e.reports.map((r) => outlets[r.outlet].language)).size > 1);
    expect(crossLanguage.length).toBeGreaterThanOrEqual(12);
  }, 120_000);

  it('tells forty templated reports from three outlets as forty alerts, none merged', async () => {
    expect(seriesEntries).toHaveLength(40);
    expect(new Set(seriesEntries.map((e) => e.report.outlet)).size).toBe(3);
    // Each in a different city: the template's slot.
    expect(new Set(seriesEntries.map((e) => e.report.title.split(':')[0])).size).toBe(40);
    const byLink = await storiesByLink(archive);
    const problems: string[] = [];
    for (const e of seriesEntries) {
      const story = byLink.get(linkOf(e));
      if (!story) {
        problems.push(`${e.report.title}: not archived`);
        continue;
      }
      if (story.link !== linkOf(e) || story.alsoReportedBy.length > 0) {
        problems.push(`${e.report.title}: told in a story with ${[story.link, ...story.alsoReportedBy.map((o) => o.link)].join(', ')}`);
        continue;
      }
      const shown = await alerted(story);
      if (shown.discord !== 1 || shown.telegram !== 1) problems.push(`${e.report.title}: ${shown.discord} messages on Discord, ${shown.telegram} on Telegram`);
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('alerts reports dated 3 to 10 days before the bot read them (no age limit by default)', async () => {
    const old = [...eventEntries, ...seriesEntries].filter((e) => {
      const age = publishedAt.get(linkOf(e))! - dateOf(e.report.at).getTime();
      return age >= 3 * DAY_MS && age <= 10 * DAY_MS;
    });
    expect(old.length).toBeGreaterThanOrEqual(60);
    const byLink = await storiesByLink(archive);
    const notAlerted: string[] = [];
    for (const e of old) {
      const story = byLink.get(linkOf(e));
      const shown = story ? messagesShowing(places, story.title) : { discord: 0, telegram: 0 };
      if (shown.discord === 0 || shown.telegram === 0) notAlerted.push(e.report.title);
    }
    expect(notAlerted).toEqual([]);
    expect((await metrics()).value('kazwire_items_not_alerted_total', { reason: 'too_old' })).toBe(0);
  }, 60_000);

  it('alerts no trap: off-topic items and homonyms of watched names', async () => {
    const byLink = await storiesByLink(archive);
    for (const e of trapEntries) {
      expect(await storyOf(e, byLink), e.report.title).toBeUndefined();
      expect(messagesShowing(places, e.report.title), e.report.title).toEqual({ discord: 0, telegram: 0 });
    }
    expect((await metrics()).value('kazwire_items_not_alerted_total', { reason: 'not_relevant' })).toBe(trapEntries.length);
  }, 30_000);

  it('floods nobody with a feed that rewrites its guids on every poll', async () => {
    const ordaEntries = eventEntries.filter((e) => e.report.outlet === 'orda');
    const byLinkNow = await storiesByLink(archive);
    expect(ordaEntries.length).toBeGreaterThan(0);
    // Every story told so far is out on both platforms before the counting starts.
    const told = new Set([...eventEntries, ...seriesEntries].map((e) => byLinkNow.get(linkOf(e))).filter((s): s is Story => s !== undefined));
    for (const story of told) await alerted(story);
    const before = { discord: discord.messages(channel.id).length, telegram: tg.botReplies(group).length, queued: (await metrics()).value('kazwire_stories_queued_total', { kind: 'new' }) };
    const target = feeds.fetches('orda') + 5;
    await waitUntil('5 more polls of the aggregator', () => feeds.fetches('orda') >= target, { timeoutMs: 30_000 });
    await new Promise((r) => setTimeout(r, 2 * POLL_SECONDS * 1000));
    const m = await metrics();
    expect({ discord: discord.messages(channel.id).length, telegram: tg.botReplies(group).length, queued: m.value('kazwire_stories_queued_total', { kind: 'new' }) }).toEqual(before);
    expect(m.value('kazwire_items_not_alerted_total', { reason: 'reset' })).toBe(0);
    const byLink = await storiesByLink(archive);
    for (const e of ordaEntries) {
      const story = byLink.get(linkOf(e));
      expect(story, e.report.title).toBeDefined();
      const shown = messagesShowing(places, story!.title);
      expect(shown, e.report.title).toEqual({ discord: 1, telegram: 1 });
    }
  }, 60_000);

  it('accounts in /metrics for every item the feeds served, and shows no story twice on either platform', async () => {
    let last = '';
    const settled = await waitUntil('every item served to be counted in /metrics', async () => {
      const servedBefore = feeds.itemsServed();
      const m = await metrics();
      if (feeds.itemsServed() !== servedBefore || feeds.inFlight > 0) return undefined;
      const counted = accounted(m);
      last = `served ${servedBefore}, counted ${counted}`;
      // More counted than served is never a matter of waiting.
      if (counted > servedBefore) throw new Error(`counted ${counted} items, but the feeds served ${servedBefore}`);
      return counted === servedBefore && { m, served: servedBefore };
    }, { timeoutMs: 20_000, intervalMs: 150 }).catch((err: Error) => {
      throw new Error(`${err.message} (last: ${last})`);
    });
    expect(accounted(settled.m)).toBe(settled.served);
    expect(settled.m.value('kazwire_feed_items_total', { stage: 'seen' })).toBe(settled.served);
    expect(settled.m.value('kazwire_items_not_alerted_total', { reason: 'no_subscriber' })).toBe(0);

    const byLink = await storiesByLink(archive);
    const storyIdsOf = (entries: Entry[]) => new Set(entries.flatMap((e) => byLink.get(linkOf(e))?.id ?? []));
    const told = storyIdsOf([...eventEntries, ...seriesEntries]);
    const backlogOnly = [...storyIdsOf(backlogEntries)].filter((id) => !told.has(id));
    expect(settled.m.value('kazwire_stories_queued_total', { kind: 'new' })).toBe(told.size);
    const stories = new Map([...byLink.values()].map((s) => [s.id, s]));
    const shownOtherThanOnce = [...told]
      .map((id) => ({ title: stories.get(id)!.title, ...messagesShowing(places, stories.get(id)!.title) }))
      .filter((s) => s.discord !== 1 || s.telegram !== 1);
    const backlogShown = backlogOnly
      .map((id) => ({ title: stories.get(id)!.title, ...messagesShowing(places, stories.get(id)!.title) }))
      .filter((s) => s.discord !== 0 || s.telegram !== 0);
    expect(backlogShown).toEqual([]);
    expect(shownOtherThanOnce).toEqual([]);
  }, 60_000);

  it('answers /timeline and /who with those events on both platforms', async () => {
    const byLink = await storiesByLink(archive);
    const titleOf = (eventId: string) => byLink.get(linkOf(eventEntries.find((e) => e.eventId === eventId)!))!.title;
    const cstoEvents = ['csto-sends-troops', 'attempted-coup', 'csto-withdrawal'].map(titleOf);
    const timeline = await askDiscord(discord, { channelId: channel.id, commandName: 'timeline', options: [{ name: 'query', type: 3, value: 'csto' }, { name: 'days', type: 4, value: 14 }] }, 'Timeline');
    for (const title of cstoEvents) expect(timeline.text).toContain(JSON.stringify(title).slice(1, -1));
    const timelineTg = await askTelegram(tg, group, reader, '/timeline ОДКБ 14', 'Timeline');
    for (const title of cstoEvents) expect(timelineTg.text).toContain(title);

    const smailov = ['government-resigns', 'smailov-confirmed'].map(titleOf);
    const who = await askDiscord(discord, { channelId: channel.id, commandName: 'who', options: [{ name: 'name', type: 3, value: 'Smailov' }] }, 'Latest headlines');
    for (const title of smailov) expect(who.text).toContain(JSON.stringify(title).slice(1, -1));
    const whoTg = await askTelegram(tg, group, reader, '/who Смайылов', 'Latest headlines');
    for (const title of smailov) expect(whoTg.text).toContain(title);
  }, 60_000);
});
