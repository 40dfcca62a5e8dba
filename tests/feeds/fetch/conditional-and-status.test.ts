import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFeedFetcher, DEFAULT_USER_AGENT } from '../../../src/feeds/fetch/feed-fetcher.js';
import type { FeedFetcher } from '../../../src/feeds/fetch/types.js';
import { startHttpServer, type TestHttpServer } from '../../support/http-server.js';
import { fetchFailure } from './fetch-failure.js';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Astana</title></channel></rss>';

let server: TestHttpServer;
let fetcher: FeedFetcher;

beforeEach(async () => {
  server = await startHttpServer();
  fetcher = createFeedFetcher({ allowPrivateNetwork: true, totalTimeoutMs: 5_000 });
});

afterEach(async () => {
  await fetcher.close();
  await server.close();
});


describe('conditional GET', () => {
  it('returns the body with its ETag, then not-modified without a body when the ETag still matches', async () => {
    server.route('/feed.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"' }).end(RSS);
    });
    const first = await fetcher.fetch(server.url('/feed.xml'));
    expect(first).toMatchObject({
      kind: 'ok',
      status: 200,
      finalUrl: server.url('/feed.xml'),
      contentType: 'application/rss+xml; charset=utf-8',
      etag: '"v1"',
    });
    expect(first.kind === 'ok' && first.body.toString('utf8')).toBe(RSS);

    const second = await fetcher.fetch(server.url('/feed.xml'), { etag: '"v1"' });
    expect(second).toEqual({ kind: 'not-modified', finalUrl: server.url('/feed.xml'), etag: '"v1"' });
    expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"');
  });

  it('sends If-Modified-Since from Last-Modified and keeps the validators a bare 304 does not repeat', async () => {
    const stamp = 'Wed, 05 Mar 2025 08:00:00 GMT';
    server.route('/feed.xml', (req, res) => {
      if (req.headers['if-modified-since'] === stamp) return void res.writeHead(304).end();
      res.writeHead(200, { 'last-modified': stamp }).end(RSS);
    });
    const first = await fetcher.fetch(server.url('/feed.xml'));
    expect(first).toMatchObject({ kind: 'ok', lastModified: stamp });
    const second = await fetcher.fetch(server.url('/feed.xml'), { lastModified: stamp, etag: '"old"' });
    expect(second).toMatchObject({ kind: 'not-modified', lastModified: stamp, etag: '"old"' });
  });

  it('announces itself and what it can decode', async () => {
    server.route('/feed.xml', (_req, res) => void res.end(RSS));
    await fetcher.fetch(server.url('/feed.xml'));
    const headers = server.requests[0]?.headers;
    expect(headers?.['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(headers?.['accept-encoding']).toBe('gzip, deflate, br');
    expect(headers?.['if-none-match']).toBeUndefined();
  });

  it('reports the Cache-Control max-age as the earliest next poll', async () => {
    server.route('/feed.xml', (req, res) => {
      const headers = { 'cache-control': 'public, max-age=900', etag: '"a"' };
      if (req.headers['if-none-match']) return void res.writeHead(304, headers).end();
      res.writeHead(200, headers).end(RSS);
    });
    expect(await fetcher.fetch(server.url('/feed.xml'))).toMatchObject({ kind: 'ok', minNextPollMs: 900_000 });
    expect(await fetcher.fetch(server.url('/feed.xml'), { etag: '"a"' })).toMatchObject({
      kind: 'not-modified',
      minNextPollMs: 900_000,
    });
  });
});

describe('HTTP errors', () => {
  it('gives up on 404, saying which URL answered what', async () => {
    const err = await fetchFailure(fetcher.fetch(server.url('/gone.xml')));
    expect(err).toMatchObject({ kind: 'http_error', action: 'give-up', status: 404 });
    expect(err.message).toContain('HTTP 404');
    expect(err.message).toContain(server.url('/gone.xml'));
  });

  it('retries a 429 after the Retry-After seconds', async () => {
    server.route('/feed.xml', (_req, res) => void res.writeHead(429, { 'retry-after': '120' }).end());
    const err = await fetchFailure(fetcher.fetch(server.url('/feed.xml')));
    expect(err).toMatchObject({ kind: 'http_error', action: 'retry', status: 429, retryAfterMs: 120_000 });
  });

  it('retries a 503 after the Retry-After HTTP-date', async () => {
    const at = new Date(Date.now() + 60_000);
    at.setMilliseconds(0);
    server.route('/feed.xml', (_req, res) => void res.writeHead(503, { 'retry-after': at.toUTCString() }).end());
    const err = await fetchFailure(fetcher.fetch(server.url('/feed.xml')));
    expect(err).toMatchObject({ kind: 'http_error', action: 'retry', status: 503 });
    expect(err.retryAfterMs).toBeGreaterThan(50_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('retries 500 and 408 without a known delay, and gives up on 403', async () => {
    server.route('/500', (_req, res) => void res.writeHead(500).end());
    server.route('/408', (_req, res) => void res.writeHead(408).end());
    server.route('/403', (_req, res) => void res.writeHead(403).end());
    expect(await fetchFailure(fetcher.fetch(server.url('/500')))).toMatchObject({ action: 'retry', status: 500 });
    expect(await fetchFailure(fetcher.fetch(server.url('/408')))).toMatchObject({ action: 'retry', status: 408 });
    const forbidden = await fetchFailure(fetcher.fetch(server.url('/403')));
    expect(forbidden).toMatchObject({ action: 'give-up', status: 403 });
    expect(forbidden.retryAfterMs).toBeUndefined();
  });

  it('reports a refused connection as a network error worth retrying', async () => {
    const closed = await startHttpServer();
    const url = closed.url('/feed.xml');
    await closed.close();
    const err = await fetchFailure(fetcher.fetch(url));
    expect(err).toMatchObject({ kind: 'network_error', action: 'retry' });
    expect(err.message).toContain('ECONNREFUSED');
  });
});
