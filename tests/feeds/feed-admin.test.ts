import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFeedAdmin } from '../../src/feeds/feed-admin.js';
import { createFeedFetcher } from '../../src/feeds/fetch/index.js';
import { createFeedParserPool } from '../../src/feeds/parse/index.js';
import { createRedisFeedRegistry } from '../../src/feeds/registry.js';
import { TellUserError } from '../../src/errors.js';
import { freePort } from '../e2e/support/bot-process.js';
import { startHttpServer, type TestHttpServer } from '../support/http-server.js';
import { useRedis, type RedisTestContext } from '../support/redis.js';
import { rss } from '../support/rss.js';

let ctx: RedisTestContext;
let server: TestHttpServer;
const parser = createFeedParserPool({ size: 1 });
const fetcher = createFeedFetcher({ allowPrivateNetwork: true, totalTimeoutMs: 5_000 });

beforeAll(async () => {
  server = await startHttpServer({
    '/feed.xml': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Steppe Wire', [])),
    '/page.html': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>hi</body></html>'),
    '/down.xml': (_req, res) => void res.writeHead(503).end('maintenance'),
  });
});
afterAll(async () => {
  await server.close();
  await parser.close();
  await fetcher.close();
});
beforeEach(async () => {
  ctx = await useRedis('feed-admin');
});
afterEach(() => ctx.cleanup());

function admin(options: { allowPrivateNetwork?: boolean } = {}) {
  const guarded = options.allowPrivateNetwork === false ? createFeedFetcher({ allowPrivateNetwork: false }) : fetcher;
  return createFeedAdmin({
    registry: createRedisFeedRegistry(ctx),
    fetchFeed: (url, conditional, signal) => guarded.fetch(url, conditional, signal),
    parseFeed: (body, opts) => parser.parse(body, opts),
  });
}

describe('adding a feed', () => {
  it('stores a feed that answers, with its title, waiting for its first poll', async () => {
    const feed = await admin().add(server.url('/feed.xml'));
    expect(feed).toMatchObject({ url: server.url('/feed.xml'), title: 'Steppe Wire', source: 'operator', initialized: false });
    expect(feed.lastError).toBeUndefined();
  });

  it('keeps a feed that does not answer now, pending, with the reason, for the poller to retry', async () => {
    const refused = `http://127.0.0.1:${await freePort()}/rss`;
    const a = admin();
    for (const url of [refused, server.url('/down.xml')]) {
      const feed = await a.add(url);
      expect(feed.lastSuccessAt).toBeUndefined();
      expect(feed.lastError).toMatch(/^(network_error|http_error): /);
    }
    const stored = await a.list();
    expect(stored.map((f) => f.url).sort()).toEqual([refused, server.url('/down.xml')].sort());
    expect(stored.every((f) => f.lastError && !f.lastPollAt)).toBe(true);
    expect((await a.summary()).counts).toMatchObject({ never_polled: 2, total: 2 });
  });

  it('refuses, with the reason, a page that is not a feed and an address the guard refuses', async () => {
    await expect(admin().add(server.url('/page.html'))).rejects.toThrow(/Not added: .*page\.html/);
    await expect(admin({ allowPrivateNetwork: false }).add(server.url('/feed.xml'))).rejects.toThrow(/Not added: .*refused 127\.0\.0\.1: loopback/);
    await expect(admin().add('ftp://x.example/feed')).rejects.toThrow(TellUserError);
    expect(await admin().list()).toEqual([]);
  });
});

describe('removing a feed', () => {
  it('keeps a removed default-list feed out of the next sync, and adding it again restores it', async () => {
    const a = admin();
    const registry = createRedisFeedRegistry(ctx);
    await registry.syncConfigured([server.url('/feed.xml')]);
    expect(await a.remove(server.url('/feed.xml'))).toBe(true);
    expect((await registry.syncConfigured([server.url('/feed.xml')])).keptOut).toEqual([server.url('/feed.xml')]);
    expect(await a.list()).toEqual([]);
    await a.add(server.url('/feed.xml'));
    expect((await a.summary()).removed).toEqual([]);
    expect((await a.list()).map((f) => f.url)).toEqual([server.url('/feed.xml')]);
  });
});
