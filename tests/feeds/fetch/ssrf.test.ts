import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AddressPolicy } from '../../../src/feeds/fetch/address-policy.js';
import { createFeedFetcher } from '../../../src/feeds/fetch/feed-fetcher.js';
import type { ResolveHost } from '../../../src/feeds/fetch/guarded-agent.js';
import type { FeedFetcher } from '../../../src/feeds/fetch/types.js';
import { startHttpServer, type TestHttpServer } from '../../support/http-server.js';
import { fetchFailure } from './fetch-failure.js';

let server: TestHttpServer;
const opened: FeedFetcher[] = [];

beforeEach(async () => {
  server = await startHttpServer({ '/feed.xml': (_req, res) => void res.end('<rss/>') });
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((f) => f.close()));
  await server.close();
});

function fetcherWith(options: Parameters<typeof createFeedFetcher>[0]): FeedFetcher {
  const fetcher = createFeedFetcher({ totalTimeoutMs: 3_000, ...options });
  opened.push(fetcher);
  return fetcher;
}


const onlyLoopbackOne: AddressPolicy = (address) =>
  address === '127.0.0.1' ? { allowed: true } : { allowed: false, reason: 'not the test server' };

const resolveTo =
  (...addresses: string[]): ResolveHost =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('the guard against private targets', () => {
  it('refuses loopback with a message that says how to allow intranet feeds', async () => {
    const err = await fetchFailure(fetcherWith({}).fetch(server.url('/feed.xml')));
    expect(err).toMatchObject({ kind: 'blocked', action: 'give-up' });
    expect(err.message).toBe(
      'refused 127.0.0.1: loopback address (set ALLOW_PRIVATE_NETWORK_FEEDS=true to allow intranet feeds)',
    );
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    (port: number) => `http://2130706433:${port}/feed.xml`,
    (port: number) => `http://0x7f.1:${port}/feed.xml`,
    (port: number) => `http://0x7f000001:${port}/feed.xml`,
    (port: number) => `http://0177.0.0.1:${port}/feed.xml`,
    (port: number) => `http://127.1:${port}/feed.xml`,
    (port: number) => `http://[::ffff:7f00:1]:${port}/feed.xml`,
    (port: number) => `http://[::ffff:127.0.0.1]:${port}/feed.xml`,
    (port: number) => `http://[::1]:${port}/feed.xml`,
    (port: number) => `http://0:${port}/feed.xml`,
    (port: number) => `http://localhost:${port}/feed.xml`,
  ])('refuses %s before any connection', async (form) => {
    const url = form(server.port);
    const err = await fetchFailure(fetcherWith({}).fetch(url));
    expect(err.kind).toBe('blocked');
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'cloud metadata address'],
    ['http://10.0.0.1/feed.xml', 'private address'],
    ['http://172.16.5.4/feed.xml', 'private address'],
    ['http://192.168.0.1/feed.xml', 'private address'],
    ['http://100.64.1.1/feed.xml', 'carrier-grade NAT address'],
    ['http://224.0.0.1/feed.xml', 'multicast address'],
    ['http://255.255.255.255/feed.xml', 'broadcast address'],
    ['http://240.1.2.3/feed.xml', 'reserved address'],
    ['http://[fe80::1]/feed.xml', 'link-local address'],
    ['http://[fd00::1]/feed.xml', 'private address'],
    ['http://[ff02::1]/feed.xml', 'multicast address'],
    ['http://[::]/feed.xml', 'unspecified address'],
    ['http://[64:ff9b::a9fe:a9fe]/feed.xml', 'NAT64 cloud metadata address'],
  ])('refuses %s as a %s', async (url, reason) => {
    const err = await fetchFailure(fetcherWith({}).fetch(url));
    expect(err.kind).toBe('blocked');
    expect(err.message).toContain(reason);
  });

  it('allows the same loopback feed when private networks are allowed', async () => {
    await expect(fetcherWith({ allowPrivateNetwork: true }).fetch(server.url('/feed.xml'))).resolves.toMatchObject({
      kind: 'ok',
    });
  });
});

describe('checks on every hop', () => {
  let other: TestHttpServer;
  beforeEach(async () => {
    // Linux routes all of 127.0.0.0/8 to loopback, so this is a second server the policy can tell apart.
    other = await startHttpServer({ '/feed.xml': (_req, res) => void res.end('<rss/>') }, { host: '127.0.0.2' });
  });
  afterEach(async () => {
    await other.close();
  });

  it('refuses a redirect to a blocked address without connecting to it', async () => {
    server.route('/moved', (_req, res) => void res.writeHead(302, { location: other.url('/feed.xml') }).end());
    const err = await fetchFailure(fetcherWith({ addressPolicy: onlyLoopbackOne }).fetch(server.url('/moved')));
    expect(err).toMatchObject({ kind: 'blocked', url: other.url('/feed.xml') });
    expect(err.message).toContain('refused 127.0.0.2: not the test server');
    expect(server.requests.map((r) => r.path)).toEqual(['/moved']);
    expect(other.requests).toHaveLength(0);
  });

  it('refuses a redirect to the cloud metadata address', async () => {
    server.route('/moved', (_req, res) =>
      void res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    );
    const err = await fetchFailure(fetcherWith({ addressPolicy: onlyLoopbackOne }).fetch(server.url('/moved')));
    expect(err.kind).toBe('blocked');
    expect(err.message).toContain('169.254.169.254');
  });

  it('refuses a redirect to a hostname that resolves to a blocked address', async () => {
    server.route('/moved', (_req, res) =>
      void res.writeHead(302, { location: `http://internal.example:${other.port}/feed.xml` }).end(),
    );
    const fetcher = fetcherWith({ addressPolicy: onlyLoopbackOne, lookup: resolveTo('127.0.0.2') });
    const err = await fetchFailure(fetcher.fetch(server.url('/moved')));
    expect(err.kind).toBe('blocked');
    expect(err.message).toContain('internal.example (127.0.0.2)');
    expect(other.requests).toHaveLength(0);
  });
});

describe('checks on resolved addresses', () => {
  it.each(['10.0.0.1', '169.254.169.254', 'fd00::1', '::ffff:10.0.0.1'])(
    'refuses a hostname that resolves to %s',
    async (address) => {
      const fetcher = fetcherWith({ lookup: resolveTo(address) });
      const err = await fetchFailure(fetcher.fetch('http://news.example/feed.xml'));
      expect(err).toMatchObject({ kind: 'blocked', action: 'give-up', url: 'http://news.example/feed.xml' });
      expect(err.message).toContain(`news.example (${address})`);
    },
  );

  it('checks resolved addresses for https feeds too', async () => {
    const fetcher = fetcherWith({ lookup: resolveTo('169.254.169.254') });
    const err = await fetchFailure(fetcher.fetch('https://news.example/feed.xml'));
    expect(err.kind).toBe('blocked');
    expect(err.message).toContain('news.example (169.254.169.254): cloud metadata address');
  });

  it('refuses a hostname when any one of its addresses is blocked', async () => {
    const fetcher = fetcherWith({ lookup: resolveTo('93.184.216.34', '127.0.0.1') });
    const err = await fetchFailure(fetcher.fetch(`http://news.example:${server.port}/feed.xml`));
    expect(err.kind).toBe('blocked');
    expect(server.requests).toHaveLength(0);
  });

  it('connects to the address the checked lookup returned, keeping the hostname in the request', async () => {
    const fetcher = fetcherWith({ addressPolicy: onlyLoopbackOne, lookup: resolveTo('127.0.0.1') });
    const outcome = await fetcher.fetch(`http://news.example:${server.port}/feed.xml`);
    expect(outcome).toMatchObject({ kind: 'ok', finalUrl: `http://news.example:${server.port}/feed.xml` });
    expect(server.requests[0]?.headers.host).toBe(`news.example:${server.port}`);
  });

  it('reports a name that does not resolve as a network error', async () => {
    const fetcher = fetcherWith({
      lookup: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND news.invalid'), { code: 'ENOTFOUND' });
      },
    });
    const err = await fetchFailure(fetcher.fetch('http://news.invalid/feed.xml'));
    expect(err).toMatchObject({ kind: 'network_error', action: 'retry' });
    expect(err.message).toContain('ENOTFOUND');
  });
});
