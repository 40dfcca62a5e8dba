import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { useRedis, TEST_REDIS_URL, type RedisTestContext } from '../support/redis.js';
import { startHttpServer, type TestHttpServer } from '../support/http-server.js';
import { rss } from '../support/rss.js';
import { createRedisFeedRegistry } from '../../src/feeds/registry.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

let ctx: RedisTestContext;
let server: TestHttpServer;

beforeAll(async () => {
  ctx = await useRedis('feeds-cli');
  server = await startHttpServer({
    '/news.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        rss('Steppe Wire', [
          { guid: '1', title: 'Tokayev orders troops to fire without warning', link: 'https://example.org/a', pubDate: '2022-01-07T10:00:00Z' },
          { guid: '2', title: 'Football: late goal settles the derby', link: 'https://example.org/b', pubDate: '2022-01-07T11:00:00Z' },
        ]),
      );
    },
    '/page.html': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>hello</body></html>');
    },
  });
});
afterAll(async () => {
  await server.close();
  await ctx.cleanup();
});

async function feeds(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(tsx, ['src/cli/feeds.ts', ...args], {
      cwd: root,
      env: { ...process.env, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: ctx.prefix, ALLOW_PRIVATE_NETWORK_FEEDS: 'true', ...env },
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout, err: err.stderr };
  }
}

describe('npm run feeds', { timeout: 90_000 }, () => {
  it('check prints each item with its title, link, date and relevance', async () => {
    const { code, out } = await feeds(['check', server.url('/news.xml')]);
    expect(code).toBe(0);
    expect(out).toMatch(/Steppe Wire — rss, 2 items/);
    expect(out).toMatch(/RELEVANT .*Tokayev orders troops to fire without warning/);
    expect(out).toContain('https://example.org/a  2022-01-07T10:00:00.000Z');
    expect(out).toMatch(/-\s+0\.0\s+Football: late goal settles the derby/);
  });

  it('check says clearly why a page is not a feed', async () => {
    const { code, err } = await feeds(['check', server.url('/page.html')]);
    expect(code).toBe(1);
    expect(err).toMatch(/not_a_feed/);
  });

  it('refuses to add a feed on a private address unless allowed', async () => {
    const { code, err } = await feeds(['add', server.url('/news.xml')], { ALLOW_PRIVATE_NETWORK_FEEDS: 'false' });
    expect(code).toBe(1);
    expect(err).toMatch(/Not added: .*refused 127\.0\.0\.1: loopback/);
  });

  it('adds, lists with health, and removes a feed', async () => {
    expect((await feeds(['add', server.url('/news.xml')])).out).toMatch(/^Added /);
    const list = await feeds(['list']);
    expect(list.out).toContain(server.url('/news.xml'));
    expect(list.out).toMatch(/not polled yet .*\[operator\]/);
    expect(list.out).toMatch(/items seen: 0/);
    expect((await feeds(['remove', server.url('/news.xml')])).out).toMatch(/^Removed /);
    expect((await feeds(['list'])).out).toMatch(/No feeds yet/);
  });

  it('lists a feed\'s last reset and last capped poll in its health', async () => {
    const registry = createRedisFeedRegistry({ redis: ctx.redis, keys: ctx.keys });
    const { feed } = await registry.add(server.url('/news.xml'), 'config');
    await registry.update(feed.id, { lastResetAt: '2024-03-01T10:00:00.000Z', resets: 2, lastCappedAt: '2024-03-02T11:00:00.000Z', lastCappedItems: 140 });
    const { out } = await feeds(['list']);
    expect(out).toMatch(/last reset: 2024-03-01T10:00:00.000Z \(2 in all\)/);
    expect(out).toMatch(/last capped poll: 2024-03-02T11:00:00.000Z: 140 new items recorded without alert/);
    await registry.remove(feed.id);
  });

  it('prints its usage for a wrong call', async () => {
    const { code, err } = await feeds(['frobnicate']);
    expect(code).toBe(2);
    expect(err).toMatch(/usage: npm run feeds -- list \| add URL \| remove URL \| check URL/);
  });
});
