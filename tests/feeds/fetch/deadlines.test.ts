import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFeedFetcher } from '../../../src/feeds/fetch/feed-fetcher.js';
import { FeedFetchError } from '../../../src/feeds/fetch/errors.js';
import type { FeedFetcher } from '../../../src/feeds/fetch/types.js';
import { startHttpServer, type TestHttpServer } from '../../support/http-server.js';
import { fetchFailure } from './fetch-failure.js';

let server: TestHttpServer;
let fetcher: FeedFetcher;

beforeEach(async () => {
  server = await startHttpServer();
  fetcher = createFeedFetcher({ allowPrivateNetwork: true, totalTimeoutMs: 5_000 });
});

afterEach(async () => {
  await server.close();
  await fetcher.close();
});


describe('deadlines', () => {
  let quick: FeedFetcher;
  beforeEach(() => {
    quick = createFeedFetcher({ allowPrivateNetwork: true, totalTimeoutMs: 300 });
  });
  afterEach(async () => {
    await quick.close();
  });

  it('times out a server that never sends headers', async () => {
    server.route('/feed.xml', () => undefined);
    const err = await fetchFailure(quick.fetch(server.url('/feed.xml')));
    expect(err).toMatchObject({ kind: 'timeout', action: 'retry' });
    expect(err.message).toContain('within 300 ms');
  });

  it('times out a body that drips forever, though bytes keep arriving', async () => {
    server.route('/feed.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.write('<rss>');
      const drip = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(drip));
    });
    const err = await fetchFailure(quick.fetch(server.url('/feed.xml')));
    expect(err).toMatchObject({ kind: 'timeout', action: 'retry' });
    expect(err.message).toContain('within 300 ms');
  });

  it('gives up connecting after connectTimeoutMs, well inside the total deadline', async () => {
    const stuck = createFeedFetcher({
      allowPrivateNetwork: true,
      connectTimeoutMs: 100,
      totalTimeoutMs: 5_000,
      lookup: () => new Promise(() => undefined),
    });
    try {
      const err = await fetchFailure(stuck.fetch('http://slow-dns.example/feed.xml'));
      expect(err).toMatchObject({ kind: 'timeout', action: 'retry' });
      expect(err.message).not.toContain('within 5000 ms');
    } finally {
      await stuck.close();
    }
  });

  it('ends a fetch stuck resolving or connecting at the total deadline, before the connect timeout', async () => {
    const stuck = createFeedFetcher({
      allowPrivateNetwork: true,
      connectTimeoutMs: 3_000,
      totalTimeoutMs: 300,
      lookup: () => new Promise(() => undefined),
    });
    try {
      const err = await fetchFailure(stuck.fetch('http://slow-dns.example/feed.xml'));
      expect(err).toMatchObject({ kind: 'timeout', action: 'retry', url: 'http://slow-dns.example/feed.xml' });
      expect(err.message).toContain('within 300 ms');
    } finally {
      await stuck.close();
    }
  });

  it('rejects with the caller’s own abort reason when the caller cancels', async () => {
    server.route('/feed.xml', () => undefined);
    const controller = new AbortController();
    const pending = fetcher.fetch(server.url('/feed.xml'), {}, controller.signal);
    setTimeout(() => controller.abort(new Error('shutting down')), 50);
    await expect(pending).rejects.toThrow('shutting down');
    await expect(pending).rejects.not.toBeInstanceOf(FeedFetchError);
  });
});
