import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commandList } from '../../commands/index.js';
import { createRedisArchive, type Archive } from '../../src/news/archive.js';
import { startFakeDiscord, type FakeChannel, type FakeDiscord, type FakeGuild, type FakeUser } from '../fakes/discord/server.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram/server.js';
import { TEST_REDIS_URL, useRedis, type RedisTestContext } from '../support/redis.js';
import { waitUntil } from '../support/wait-until.js';
import { freePort, startBotProcess, type BotProcess } from './support/bot-process.js';
import { askDiscord, askTelegram, discordMessagesWith, telegramMessagesWith } from './support/chat-helpers.js';
import { afterUnsubscribe, backlog, hostile, offTopic, relevant, type Headline } from './support/headlines.js';
import { startNewsFeeds, type FeedLanguage, type NewsFeeds } from './support/news-feeds.js';

/*
 * The whole bot as an operator runs it: `npm start` (whose prestart is the one build of this run), configured by
 * environment variables only, against a local Discord (REST + gateway), a local Telegram Bot API, three local RSS
 * feeds and the real Redis under a fresh prefix. The steps share one process and run in order.
 */

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** What the process's `npm start` may take: its prestart compiles the project (slow on a busy machine). */
const START_TIMEOUT_MS = 240_000;
const POLL_SECONDS = 2;
const commandNames = commandList.map((c) => c.name).sort();
const languages: FeedLanguage[] = ['en', 'ru', 'kk'];

const admin = { id: 7001, first_name: 'Aigerim', username: 'aigerim_desk' };
const reader = { id: 7002, first_name: 'Bolat', username: 'bolat_reads' };

let redis: RedisTestContext;
let feeds: NewsFeeds;
let discord: FakeDiscord;
let tg: FakeTelegram;
let guild: FakeGuild;
let channel: FakeChannel;
let discordReader: FakeUser;
let group: number;
let bot: BotProcess | undefined;
/** The app under npm, looked up once it runs, so that it can be stopped even if npm leaves it behind. */
let appPid: number | undefined;
let archive: Archive;

/** How the item reads once parsed: its escaped HTML is text. */
const shownTitle = (h: Headline) => h.title.replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const publish = (h: Headline, minutesAgo: number) =>
  feeds.publish(h.language, { title: h.title, description: h.description, pubDate: new Date(Date.now() - minutesAgo * 60_000) });

/** Waits until every feed has been fetched `cycles` more times than now: that many polls went by. */
async function pollCycles(cycles: number): Promise<void> {
  const target = Object.fromEntries(languages.map((l) => [l, feeds.fetches(l) + cycles]));
  await waitUntil(`${cycles} more polls of every feed`, () => languages.every((l) => feeds.fetches(l) >= target[l]!), {
    timeoutMs: (cycles + 3) * POLL_SECONDS * 1000 * 2,
  });
}

/** Waits until a headline is one story of its own in the archive: the bot ingested it. */
async function ingested(h: Headline): Promise<void> {
  await waitUntil(`"${h.marker}" archived as its own story`, async () => {
    const { stories } = await archive.listStories({ fromMs: Date.now() - 86_400_000, toMs: Date.now() + 60_000, keyword: h.marker });
    return stories.some((s) => s.title === shownTitle(h));
  }, { timeoutMs: 20_000, intervalMs: 250 });
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const alertsOnDiscord = (h: Headline) => discordMessagesWith(discord, channel.id, h.marker);
const alertsOnTelegram = (h: Headline) => telegramMessagesWith(tg, group, h.marker);

beforeAll(async () => {
  redis = await useRedis('e2e');
  archive = createRedisArchive({ redis: redis.redis, keys: redis.keys });
  feeds = await startNewsFeeds();
  for (const h of backlog) publish(h, 30);
  discord = await startFakeDiscord();
  guild = discord.addGuild({ name: 'Steppe Newsroom' });
  channel = discord.addChannel({ guildId: guild.id, name: 'kazakhstan-news' });
  discordReader = discord.addUser('bolat');
  discord.addMember(guild.id, discordReader.id);
  tg = await startFakeTelegram();
  group = tg.addChat({ type: 'supergroup', title: 'Steppe Newsroom' });
  tg.setMember(group, admin, 'administrator');
  tg.setMember(group, reader, 'member');

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
      FEED_URLS: feeds.urls.join(','),
      ALLOW_PRIVATE_NETWORK_FEEDS: 'true',
      POLL_INTERVAL_SECONDS: String(POLL_SECONDS),
      POLL_MAX_INTERVAL_SECONDS: String(POLL_SECONDS),
      HTTP_PORT: String(await freePort()),
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
    const fetched = languages.map((l) => `${l}: ${feeds?.fetches(l) ?? 0}`).join(', ');
    console.error(`--- feed fetches: ${fetched} ---`);
    console.error(`--- bot output (last 150 lines) ---\n${bot?.output().slice(-150).join('\n') ?? '(not started)'}`);
  });
});

describe('the bot process, started with npm start, on Discord and Telegram', () => {
  it('registers every command on both platforms', async () => {
    const registered = await waitUntil('guild commands on Discord', () => {
      const names = discord.commands(guild.id).map((c) => c.name).sort();
      return names.length > 0 && names;
    }, { timeoutMs: 15_000 });
    expect(registered).toEqual(commandNames);
    // One menu per language (en, ru, kk) and the default: the same command names in each.
    const menus = await waitUntil('setMyCommands on Telegram', () => {
      const lists = [...tg.commandLists().values()];
      return lists.length >= 4 && lists;
    }, { timeoutMs: 15_000 });
    expect(menus.map((list) => list.map((c) => c.command).sort())).toEqual([commandNames, commandNames, commandNames, commandNames]);
    await waitUntil('the Discord gateway session', () => discord.gatewayStats.identifies > 0, { timeoutMs: 15_000 });
  }, 40_000);

  it('refuses /subscribe from a member who may not manage the channel, and confirms it for an admin', async () => {
    const refused = await askDiscord(discord, { channelId: channel.id, commandName: 'subscribe', userId: discordReader.id }, 'permission to manage');
    expect(refused.ephemeral).toBe(true);
    expect(refused.text).not.toContain('Subscribed');
    const refusedTg = await askTelegram(tg, group, reader, '/subscribe', 'permission to manage');
    expect(refusedTg.text).not.toContain('Subscribed');

    const confirmed = await askDiscord(discord, { channelId: channel.id, commandName: 'subscribe' }, 'Subscribed');
    expect(confirmed.text).toContain('This channel will get');
    const confirmedTg = await askTelegram(tg, group, admin, '/subscribe', 'Subscribed');
    expect(confirmedTg.text).toContain('This channel will get');
  }, 30_000);

  it('alerts each relevant story once on both platforms, never an off-topic item, and never pings or formats feed text', async () => {
    // The first poll of each feed only records the backlog as seen; what is published after it is news.
    await waitUntil('the first poll of every feed', () => languages.every((l) => feeds.fetches(l) > 0), { timeoutMs: 20_000 });
    const alerted = [...relevant, hostile];
    alerted.forEach((h, i) => publish(h, alerted.length - i));
    for (const h of offTopic) publish(h, 5);

    for (const h of alerted) {
      await waitUntil(`"${h.marker}" alerted on Discord`, () => alertsOnDiscord(h).length > 0, { timeoutMs: 30_000 });
      await waitUntil(`"${h.marker}" alerted on Telegram`, () => alertsOnTelegram(h).length > 0, { timeoutMs: 30_000 });
    }
    await pollCycles(3);

    for (const h of alerted) {
      expect(alertsOnDiscord(h), h.marker).toHaveLength(1);
      expect(alertsOnTelegram(h), h.marker).toHaveLength(1);
    }
    for (const h of [...offTopic, ...backlog]) {
      expect(alertsOnDiscord(h), h.marker).toEqual([]);
      expect(alertsOnTelegram(h), h.marker).toEqual([]);
    }
    for (const message of discord.messages(channel.id)) {
      expect(message.pinged).toEqual({ everyone: false, users: [], roles: [] });
    }
    const [tagged] = alertsOnTelegram(hostile);
    expect(tagged?.text).toContain('@everyone greets <b>tags</b> delegation');
    expect(tagged?.sentText).toContain('&lt;b&gt;tags&lt;/b&gt;');
  }, 90_000);

  it('answers /timeline and /who tokayev on both platforms from what was ingested', async () => {
    const markers = [...relevant, hostile].map((h) => h.marker);
    const timeline = await askDiscord(discord, { channelId: channel.id, commandName: 'timeline' }, markers[0]!);
    for (const marker of markers) expect(timeline.text).toContain(marker);
    const timelineTg = await askTelegram(tg, group, reader, '/timeline', markers[0]!);
    for (const marker of markers) expect(timelineTg.text).toContain(marker);

    // /who lists the three latest headlines about the person: the last three published.
    const latest = [relevant[1]!, relevant[2]!, hostile].map((h) => h.marker);
    const who = await askDiscord(
      discord,
      { channelId: channel.id, commandName: 'who', options: [{ name: 'name', type: 3, value: 'tokayev' }] },
      'Latest headlines',
    );
    for (const marker of latest) expect(who.text).toContain(marker);
    const whoTg = await askTelegram(tg, group, reader, '/who tokayev', 'Latest headlines');
    for (const marker of latest) expect(whoTg.text).toContain(marker);
  }, 40_000);

  it('stops alerting a channel after /unsubscribe, on both platforms', async () => {
    await askDiscord(discord, { channelId: channel.id, commandName: 'unsubscribe' }, 'Unsubscribed');
    await askTelegram(tg, group, admin, '/unsubscribe', 'Unsubscribed');

    publish(afterUnsubscribe, 0);
    await ingested(afterUnsubscribe);
    await pollCycles(3);
    expect(alertsOnDiscord(afterUnsubscribe)).toEqual([]);
    expect(alertsOnTelegram(afterUnsubscribe)).toEqual([]);
  }, 60_000);

  it('exits with code 0 within 10 s of SIGTERM sent to npm start, as an orchestrator sends it', async () => {
    const running = bot!;
    expect(appPid, 'the app process under npm').toBeDefined();
    running.kill('SIGTERM');
    const code = await Promise.race([running.exited, new Promise((r) => setTimeout(() => r('still running after 10 s'), 10_000))]);
    // npm runs the script through `sh -c`; unless the shell execs node, the signal stops the shell and not the app.
    expect(isRunning(appPid!), 'the app is still running after npm exited: SIGTERM did not reach it').toBe(false);
    expect(running.output().some((line) => line.includes('"msg":"stopped"'))).toBe(true);
    expect(code).toBe(0);
  }, 20_000);
});
