import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { freePort } from '../e2e/support/bot-process.js';
import { createRedisFeedRegistry } from '../../src/feeds/registry.js';
import { useRedis, TEST_REDIS_URL, type RedisTestContext } from '../support/redis.js';
import { startHttpServer, type TestHttpServer } from '../support/http-server.js';
import { rss } from '../support/rss.js';

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
      env: { ...process.env, KAZWIRE_ENV_FILE: '/dev/null', REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: ctx.prefix, ALLOW_PRIVATE_NETWORK_FEEDS: 'true', ...env },
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
    expect(list.out).toMatch(/pending .*\(Steppe Wire\) {2}\[operator\]/);
    expect(list.out).toMatch(/^1 feeds: 0 ok, 0 failing, 0 retrying, 1 never polled$/m);
    expect(list.out).toMatch(/items seen: 0/);
    expect((await feeds(['remove', server.url('/news.xml')])).out).toMatch(/^Removed .*The default list will not bring it back/);
    const after = await feeds(['list']);
    expect(after.out).toMatch(/No feeds yet/);
    expect(after.out).toMatch(/0 feeds: .*; 1 removed by an operator \(kept out of the default list\)/);
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
    expect(err).toMatch(/usage: npm run feeds -- list \[--failing\] \| add URL \| remove URL \| check URL \| import FILE \| export \[FILE\]/);
  });

  it('keeps a feed that does not answer when added, pending, and lists it with --failing', async () => {
    const down = `http://127.0.0.1:${await freePort()}/rss.xml`;
    const added = await feeds(['add', down]);
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/^Added .* but it did not answer just now: network_error/);
    expect(added.out).toContain('It is kept, pending, and a running poller keeps trying it');
    const failing = await feeds(['list', '--failing']);
    expect(failing.out).toContain(down);
    expect(failing.out).toMatch(/; 1 shown \(failing, retrying, or unreadable when added\)/);
    await feeds(['remove', down]);
  });

  it('imports a file (good lines kept, bad ones named by line) and exports OPML with titles', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kw-feeds-cli-'));
    try {
      writeFileSync(path.join(dir, 'feeds.txt'), '# outlets\nhttps://tengrinews.kz/news.rss\nnot a url\nhttps://www.azattyq.org/api/\n');
      const imported = await feeds(['import', path.join(dir, 'feeds.txt')]);
      expect(imported.code).toBe(0);
      expect(imported.out).toMatch(/^2 feeds added from the list\.\n1 line skipped:\n {2}line 3: one URL a line/);
      await createRedisFeedRegistry(ctx).update((await createRedisFeedRegistry(ctx).getByUrl('https://tengrinews.kz/news.rss'))!.id, { title: 'Tengrinews.kz' });

      const exported = await feeds(['export', path.join(dir, 'out.opml')]);
      expect(exported.out).toMatch(/^Exported 2 feeds to .*out\.opml \(OPML 2\.0\)/);
      const opml = readFileSync(path.join(dir, 'out.opml'), 'utf8');
      expect(opml).toContain('<outline type="rss" text="Tengrinews.kz" title="Tengrinews.kz" xmlUrl="https://tengrinews.kz/news.rss"/>');
      const dated = (xml: string) => xml.replace(/<dateCreated>.*<\/dateCreated>/, '');
      expect(dated((await feeds(['export'])).out)).toBe(dated(opml));

      writeFileSync(path.join(dir, 'broken.opml'), '<opml version="2.0">\n<body>\n<outline text="x">\n</body>');
      const broken = await feeds(['import', path.join(dir, 'broken.opml')]);
      expect(broken.code).toBe(1);
      expect(broken.err).toMatch(/broken\.opml: line \d+: not well-formed XML/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      for (const url of ['https://tengrinews.kz/news.rss', 'https://www.azattyq.org/api/']) await feeds(['remove', url]);
    }
  });
});
