import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFeedFetcher } from '../../../src/feeds/fetch/feed-fetcher.js';
import type { FeedFetcher } from '../../../src/feeds/fetch/types.js';
import { startHttpServer, type TestHttpServer } from '../../support/http-server.js';
import { fetchFailure } from './fetch-failure.js';

let server: TestHttpServer;
let fetcher: FeedFetcher;

beforeEach(async () => {
  server = await startHttpServer();
  fetcher = createFeedFetcher({ allowPrivateNetwork: true, totalTimeoutMs: 5_000 });
  server.route('/final.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/xml' }).end('<rss/>'));
});

afterEach(async () => {
  await fetcher.close();
  await server.close();
});

/** Routes /hop/1 … /hop/n, each redirecting to the next, the last to /final.xml. */
function chain(n: number, status = 301): string {
  for (let i = 1; i <= n; i++) {
    const next = i === n ? '/final.xml' : `/hop/${i + 1}`;
    server.route(`/hop/${i}`, (_req, res) => void res.writeHead(status, { location: next }).end('moved'));
  }
  return server.url('/hop/1');
}


describe('redirects', () => {
  it('follows a chain of five redirects of every kind to the end and reports the final URL', async () => {
    const statuses = [301, 302, 303, 307, 308];
    statuses.forEach((status, i) => {
      const next = i === statuses.length - 1 ? server.url('/final.xml') : `/hop/${i + 2}`;
      server.route(`/hop/${i + 1}`, (_req, res) => void res.writeHead(status, { location: next }).end());
    });
    const outcome = await fetcher.fetch(server.url('/hop/1'));
    expect(outcome).toMatchObject({ kind: 'ok', finalUrl: server.url('/final.xml') });
    expect(outcome.kind === 'ok' && outcome.body.toString()).toBe('<rss/>');
    expect(server.requests.map((r) => r.path)).toEqual(['/hop/1', '/hop/2', '/hop/3', '/hop/4', '/hop/5', '/final.xml']);
  });

  it('refuses a sixth redirect without following it', async () => {
    const err = await fetchFailure(fetcher.fetch(chain(6)));
    expect(err).toMatchObject({ kind: 'http_error', action: 'give-up' });
    expect(err.message).toContain('more than 5 times');
    expect(server.requests.map((r) => r.path)).not.toContain('/final.xml');
  });

  it('honours a smaller maxRedirects', async () => {
    const strict = createFeedFetcher({ allowPrivateNetwork: true, maxRedirects: 1 });
    try {
      await expect(strict.fetch(chain(1))).resolves.toMatchObject({ kind: 'ok' });
      await expect(strict.fetch(chain(2))).rejects.toMatchObject({ kind: 'http_error' });
    } finally {
      await strict.close();
    }
  });

  it('refuses a redirect to file:///etc/passwd, naming the scheme', async () => {
    server.route('/feed.xml', (_req, res) => void res.writeHead(302, { location: 'file:///etc/passwd' }).end());
    const err = await fetchFailure(fetcher.fetch(server.url('/feed.xml')));
    expect(err).toMatchObject({ kind: 'blocked', action: 'give-up' });
    expect(err.message).toContain('file:');
  });

  it.each(['ftp://example.org/feed.xml', 'gopher://example.org/', 'data:text/xml,<rss/>'])(
    'refuses a redirect to %s',
    async (location) => {
      server.route('/feed.xml', (_req, res) => void res.writeHead(302, { location }).end());
      await expect(fetcher.fetch(server.url('/feed.xml'))).rejects.toMatchObject({ kind: 'blocked' });
    },
  );

  it('refuses a feed URL that is not http or https, or not a URL at all', async () => {
    await expect(fetcher.fetch('file:///etc/passwd')).rejects.toMatchObject({ kind: 'blocked', action: 'give-up' });
    await expect(fetcher.fetch('not a url')).rejects.toMatchObject({ kind: 'blocked', action: 'give-up' });
  });

  it('treats a 3xx without a Location as an HTTP error', async () => {
    server.route('/feed.xml', (_req, res) => void res.writeHead(302).end());
    await expect(fetcher.fetch(server.url('/feed.xml'))).rejects.toMatchObject({ kind: 'http_error', status: 302 });
  });
});
