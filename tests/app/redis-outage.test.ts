import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app/start-app.js';
import { platforms } from '../../src/app/platforms.js';
import { loadConfig } from '../../src/config/env.js';
import { createRedisSubscriptionStore } from '../../src/delivery/core/subscriptions.js';
import { createLogger } from '../../src/log.js';
import { createKeys } from '../../src/redis/keys.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram/server.js';
import { startHttpServer, type TestHttpServer } from '../support/http-server.js';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.js';
import { rss, type TestItem } from '../support/rss.js';
import { waitUntil } from '../support/wait-until.js';
import { regionalReports, type RegionalReport } from './support/regional-news.js';

/*
 * The poller and worker roles of one process, delivering to a fake Telegram, while their private redis-server
 * goes away for a few seconds and comes back: with its append-only file (everything kept), and without
 * persistence (everything gone, which must be noticed and recovered from).
 */

const PREFIX = 'kwout';
let redis: PrivateRedis | undefined;
let tg: FakeTelegram | undefined;
let feed: TestHttpServer | undefined;
let app: RunningApp | undefined;
let backupDir: string | undefined;

afterEach(async () => {
  await app?.stop();
  await feed?.close();
  await tg?.close();
  await redis?.close();
  if (backupDir) rmSync(backupDir, { recursive: true, force: true });
  app = feed = tg = redis = backupDir = undefined;
});

/** One RSS feed on 127.0.0.1 whose items the test publishes, newest first. */
async function newsFeed() {
  const items: TestItem[] = [];
  const server = await startHttpServer({
    '/news.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss('Steppe Wire', items));
    },
  });
  let n = 0;
  return {
    server,
    url: server.url('/news.xml'),
    fetches: () => server.requests.length,
    publish(report: RegionalReport) {
      n++;
      items.unshift({ guid: `wire-${n}`, link: `https://wire.example.org/${n}`, title: report.title, description: report.description, pubDate: new Date() });
    },
  };
}

/** Log records the app wrote, parsed. */
function logSink() {
  const records: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) records.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { records, logger: createLogger({ level: 'info', format: 'json', stream }) };
}

async function startBot(env: Record<string, string> = {}) {
  tg = await startFakeTelegram();
  const group = tg.addChat({ type: 'supergroup', title: 'Steppe Desk' });
  const news = await newsFeed();
  feed = news.server;
  const config = loadConfig({
    REDIS_URL: redis!.url,
    REDIS_PREFIX: PREFIX,
    FEED_URLS: news.url,
    ALLOW_PRIVATE_NETWORK_FEEDS: 'true',
    POLL_INTERVAL_SECONDS: '1',
    POLL_MAX_INTERVAL_SECONDS: '1',
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    HTTP_PORT: '0',
    ...env,
  });
  const sink = logSink();
  app = await startApp(config, new Set(['poller', 'worker']), sink.logger);
  const store = createRedisSubscriptionStore({ redis: app.infra.redis, keys: createKeys(PREFIX), platforms });
  await store.subscribe({ destination: { platform: 'telegram', chatId: String(group) }, entities: [], keywords: [], exclude: [], mode: 'instant', createdBy: 'test' });
  // The first poll records what the feed serves and alerts nothing: stories come after it.
  await waitUntil('two polls of the feed', () => news.fetches() >= 2, { timeoutMs: 15_000 });
  const alertsWith = (r: RegionalReport) => tg!.botReplies(group).filter((m) => m.text.includes(r.marker)).length;
  return { news, group, sink, store, alertsWith };
}

const healthz = async (port: number) => {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('a Redis outage', () => {
  it('with persistence, loses no alert and doubles none, and polling resumes at once', async () => {
    redis = await startPrivateRedis({ appendOnly: true });
    const bot = await startBot();
    const [before, during, after] = [regionalReports.slice(0, 4), regionalReports.slice(4, 8), regionalReports.slice(8, 12)];
    for (const r of before) bot.news.publish(r);
    // Redis goes while these stories are being delivered.
    await waitUntil('the first alert', () => before.some((r) => bot.alertsWith(r) > 0), { timeoutMs: 20_000, intervalMs: 20 });
    await redis.stop('graceful');
    for (const r of during) bot.news.publish(r);
    await new Promise((r) => setTimeout(r, 5_000));
    expect((await healthz(app!.httpPort)).status).toBe(503);

    const fetchesAtReturn = bot.news.fetches();
    await redis.start();
    const backAt = Date.now();
    await waitUntil('a poll after Redis came back', () => bot.news.fetches() > fetchesAtReturn, { timeoutMs: 15_000, intervalMs: 50 });
    const resumedAfterMs = Date.now() - backAt;
    for (const r of after) bot.news.publish(r);

    const all = [...before, ...during, ...after];
    await waitUntil('every story alerted', () => all.every((r) => bot.alertsWith(r) > 0), { timeoutMs: 30_000, intervalMs: 200 }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 2_000)); // anything doubled would show by now
    expect(Object.fromEntries(all.map((r) => [r.marker, bot.alertsWith(r)]))).toEqual(Object.fromEntries(all.map((r) => [r.marker, 1])));
    // Polling came back within the poll interval plus the first retry of what failed while Redis was away.
    expect(resumedAfterMs).toBeLessThan(5_000);
    expect((await healthz(app!.httpPort)).status).toBe(200);
  }, 120_000);

  it('without persistence, is detected, said loudly, and recovered: feeds reloaded, subscriptions restored, nothing published meanwhile lost', async () => {
    redis = await startPrivateRedis({ appendOnly: false });
    backupDir = mkdtempSync(path.join(tmpdir(), 'kw-backups-'));
    const bot = await startBot({ BACKUP_DIR: backupDir, BACKUP_INTERVAL_HOURS: '0.0003' }); // an export about every second
    const first = regionalReports.slice(0, 2);
    for (const r of first) bot.news.publish(r);
    await waitUntil('the first stories alerted', () => first.every((r) => bot.alertsWith(r) === 1), { timeoutMs: 20_000 });
    await waitUntil('an export with the subscription', () => readdirSync(backupDir!).length > 0, { timeoutMs: 10_000 });

    await redis.stop('crash');
    // Published while Redis is away: a first poll of a feed that seems new would record it without alerting.
    const whileAway = regionalReports[2]!;
    bot.news.publish(whileAway);
    await new Promise((r) => setTimeout(r, 2_000));
    await redis.start();

    const loss = await waitUntil('the loss to be reported', () => bot.sink.records.find((r) => String(r.msg).startsWith('REDIS LOST ITS DATA')), { timeoutMs: 20_000 });
    expect(loss.level).toBe(50);
    await waitUntil('recovery', () => bot.sink.records.find((r) => r.msg === 'recovered from the loss of Redis data'), { timeoutMs: 20_000 });
    const health = await healthz(app!.httpPort);
    expect(health.body.redisData).toMatchObject({ state: 'ok', losses: 1 });
    expect(String((health.body.redisData as { recovered: Record<string, string> }).recovered.subscriptions)).toMatch(/^1 from /);
    const metrics = await (await fetch(`http://127.0.0.1:${app!.httpPort}/metrics`)).text();
    expect(metrics).toMatch(/^kazwire_redis_data_lost_total 1$/m);
    expect((await bot.store.listAll()).length).toBe(1);

    // The feed list is back and polled; its first poll after the loss records what it serves, then new stories alert.
    const fetchesAtRecovery = bot.news.fetches();
    await waitUntil('the feed polled twice after the loss', () => bot.news.fetches() >= fetchesAtRecovery + 2, { timeoutMs: 20_000 });
    const later = regionalReports.slice(3, 6);
    for (const r of later) bot.news.publish(r);
    await waitUntil('the stories after the loss alerted', () => [whileAway, ...later].every((r) => bot.alertsWith(r) === 1), { timeoutMs: 30_000 }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 2_000)); // anything doubled would show by now
    expect([...first, whileAway, ...later].map((r) => bot.alertsWith(r))).toEqual([1, 1, 1, 1, 1, 1]);
  }, 120_000);
});
