import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { startHttpServer, type TestHttpServer } from '../support/http-server.js';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.js';
import { rss } from '../support/rss.js';
import { waitUntil } from '../support/wait-until.js';

/*
 * The process as an operator runs it (the app's entry, its own process), against a private redis-server, with
 * the faults of ordinary bad days: Redis not there yet, a feed that never answers, a shutdown, a kill -9.
 */

let redis: PrivateRedis | undefined;
let feeds: TestHttpServer | undefined;
const apps: AppProcess[] = [];
/** Responses of the hung feed, ended when the test is over. */
const hung: ServerResponse[] = [];

afterEach(async () => {
  for (const app of apps.splice(0)) {
    app.kill('SIGKILL');
    await app.exited;
  }
  for (const res of hung.splice(0)) res.destroy();
  await feeds?.close();
  await redis?.close();
  feeds = undefined;
  redis = undefined;
});

/** A feed server whose `/hang` answers only the requests `answer(n)` allows (n counts from 1), hanging the rest. */
async function feedServer(answer: (n: number) => boolean): Promise<TestHttpServer> {
  let n = 0;
  return startHttpServer({
    '/hang': (_req, res) => {
      if (!answer(++n)) {
        hung.push(res);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Quiet feed', [{ guid: 'a', title: 'Nothing much' }]));
    },
  });
}

function start(env: Record<string, string>): AppProcess {
  const app = startAppProcess({ REDIS_PREFIX: 'kwlife', ALLOW_PRIVATE_NETWORK_FEEDS: 'true', POLL_INTERVAL_SECONDS: '1', ...env }, ['--role', 'poller,worker']);
  apps.push(app);
  return app;
}

const feedRequests = () => feeds?.requests.filter((r) => r.path === '/hang').length ?? 0;

describe('the process lifecycle', () => {
  it('says once what to check when Redis is down at start, retries quietly, and starts when Redis comes', async () => {
    redis = await startPrivateRedis({ start: false });
    feeds = await feedServer(() => true);
    const app = start({ REDIS_URL: redis.url, FEED_URLS: feeds.url('/hang') });
    const said = await app.waitForLog('cannot reach Redis');
    expect(String(said.msg)).toContain(redis.url);
    expect(String(said.msg)).toMatch(/is redis-server running there, and is REDIS_URL right/);
    await new Promise((r) => setTimeout(r, 3_000));
    // One line, no stack traces, however many reconnect attempts went by.
    expect(app.lines().filter((l) => /ECONNREFUSED/.test(l))).toHaveLength(1);
    expect(app.lines().filter((l) => /^\s+at /.test(l))).toEqual([]);

    await redis.start();
    await app.waitForLog('kazwire is running', 40_000);
    await waitUntil('the feed to be polled', () => feedRequests() >= 1, { timeoutMs: 15_000 });
  }, 90_000);

  it('aborts a hung fetch on SIGTERM and exits 0 within 10 s', async () => {
    redis = await startPrivateRedis();
    feeds = await feedServer(() => false);
    const app = start({ REDIS_URL: redis.url, FEED_URLS: feeds.url('/hang'), LOG_LEVEL: 'debug' });
    await app.waitForLog('kazwire is running', 30_000);
    await waitUntil('a poll hung on the feed', () => feedRequests() >= 1, { timeoutMs: 15_000 });

    const signalledAt = Date.now();
    app.kill('SIGTERM');
    const code = await app.exited;
    const tookMs = Date.now() - signalledAt;
    const said = () => app.lines().filter((l) => !l.includes('"level":20') || l.includes('stopped')).slice(-15).join('\n');
    expect(code, said()).toBe(0);
    expect(tookMs, said()).toBeLessThan(10_000);
    expect(app.records().some((r) => r.msg === 'poll aborted (shutting down); handed back to the queue')).toBe(true);
  }, 90_000);

  it('polls a killed process\'s feed again within a minute once a process runs again', async () => {
    redis = await startPrivateRedis();
    // The first poll hangs (in flight when the process is killed); later ones are answered.
    feeds = await feedServer((n) => n > 1);
    const first = start({ REDIS_URL: redis.url, FEED_URLS: feeds.url('/hang') });
    await first.waitForLog('kazwire is running', 30_000);
    await waitUntil('a poll in flight', () => feedRequests() >= 1, { timeoutMs: 15_000 });

    const killedAt = Date.now();
    first.kill('SIGKILL');
    await first.exited;
    start({ REDIS_URL: redis.url, FEED_URLS: feeds.url('/hang') });
    await waitUntil('the feed polled again', () => feedRequests() >= 2, { timeoutMs: 60_000, intervalMs: 200 });
    expect(Date.now() - killedAt).toBeLessThan(60_000);
  }, 90_000);
});
