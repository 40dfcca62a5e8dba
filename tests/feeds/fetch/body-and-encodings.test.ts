import { once } from 'node:events';
import { brotliCompressSync, createGzip, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFeedFetcher } from '../../../src/feeds/fetch/feed-fetcher.js';
import type { FeedFetcher } from '../../../src/feeds/fetch/types.js';
import { startHttpServer, type TestHttpServer } from '../../support/http-server.js';
import { fetchFailure } from './fetch-failure.js';

const MiB = 1024 * 1024;
const CAP = 1 * MiB;
const FEED = Buffer.from(
  '<?xml version="1.0"?><rss version="2.0"><channel><title>Қазақстан жаңалықтары</title></channel></rss>',
);

let server: TestHttpServer;
let fetcher: FeedFetcher;
let bomb: Buffer;

beforeAll(async () => {
  // 100 MiB of zeros compress to about 100 KB: a classic decompression bomb.
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => parts.push(chunk));
  const zeros = Buffer.alloc(MiB);
  for (let i = 0; i < 100; i++) if (!gzip.write(zeros)) await once(gzip, 'drain');
  gzip.end();
  await once(gzip, 'end');
  bomb = Buffer.concat(parts);
});

beforeEach(async () => {
  server = await startHttpServer();
  fetcher = createFeedFetcher({ allowPrivateNetwork: true, maxBytes: CAP, totalTimeoutMs: 5_000 });
});

afterEach(async () => {
  await fetcher.close();
  await server.close();
});


async function bodyOf(path: string): Promise<Buffer> {
  const outcome = await fetcher.fetch(server.url(path));
  if (outcome.kind !== 'ok') throw new Error(`expected a body, got ${outcome.kind}`);
  return outcome.body;
}

/** Writes `chunk` until the stream is destroyed (the client went away), respecting backpressure. */
async function writeForever(target: NodeJS.WritableStream & { destroyed: boolean }, chunk: Buffer): Promise<void> {
  while (!target.destroyed) {
    if (target.write(chunk)) continue;
    await new Promise<void>((resolve) => {
      const done = () => {
        target.off('drain', done);
        target.off('close', done);
        resolve();
      };
      target.on('drain', done);
      target.on('close', done);
    });
  }
}

describe('size cap', () => {
  it('accepts a body of exactly the cap', async () => {
    server.route('/feed.xml', (_req, res) => void res.end(Buffer.alloc(CAP, 0x41)));
    expect((await bodyOf('/feed.xml')).length).toBe(CAP);
  });

  it('refuses a declared Content-Length over the cap before reading the body', async () => {
    server.route('/feed.xml', (_req, res) => {
      res.writeHead(200, { 'content-length': String(2 * MiB) });
      res.write(Buffer.alloc(1024));
      // The rest never comes: only a check of the header can end this fetch before the deadline.
    });
    const err = await fetchFailure(fetcher.fetch(server.url('/feed.xml')));
    expect(err).toMatchObject({ kind: 'too_large', action: 'give-up' });
    expect(err.message).toContain(`of ${2 * MiB} bytes`);
  });

  it('stops a chunked body without Content-Length as soon as it passes the cap', async () => {
    server.route('/feed.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      void writeForever(res, Buffer.alloc(64 * 1024, 0x20));
    });
    const err = await fetchFailure(fetcher.fetch(server.url('/feed.xml')));
    expect(err).toMatchObject({ kind: 'too_large', action: 'give-up' });
    expect(err.message).toContain('FEED_MAX_BYTES');
  });

  it('stops a gzip bomb at the cap on the decoded size', async () => {
    server.route('/feed.xml', (_req, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb));
    expect(bomb.length).toBeLessThan(CAP);
    const err = await fetchFailure(fetcher.fetch(server.url('/feed.xml')));
    expect(err).toMatchObject({ kind: 'too_large', action: 'give-up' });
  });

  it('stops an endless gzip stream at the cap instead of inflating it all', async () => {
    server.route('/feed.xml', (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      const gzip = createGzip();
      gzip.pipe(res);
      res.on('close', () => gzip.destroy());
      void writeForever(gzip, Buffer.alloc(MiB));
    });
    const err = await fetchFailure(fetcher.fetch(server.url('/feed.xml')));
    expect(err).toMatchObject({ kind: 'too_large' });
  });
});

describe('content encodings', () => {
  it.each([
    ['gzip', gzipSync(FEED)],
    ['x-gzip', gzipSync(FEED)],
    ['deflate', deflateSync(FEED)],
    ['br', brotliCompressSync(FEED)],
    ['identity', FEED],
  ])('decodes a %s body to the original bytes', async (encoding, encoded) => {
    server.route('/feed.xml', (_req, res) => void res.writeHead(200, { 'content-encoding': encoding }).end(encoded));
    expect((await bodyOf('/feed.xml')).equals(FEED)).toBe(true);
  });

  it('decodes raw deflate that some servers send under the deflate name', async () => {
    server.route('/feed.xml', (_req, res) => void res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateRawSync(FEED)));
    expect((await bodyOf('/feed.xml')).equals(FEED)).toBe(true);
  });

  it('decodes stacked encodings in reverse order of application', async () => {
    server.route('/feed.xml', (_req, res) =>
      void res.writeHead(200, { 'content-encoding': 'gzip, br' }).end(brotliCompressSync(gzipSync(FEED))),
    );
    expect((await bodyOf('/feed.xml')).equals(FEED)).toBe(true);
  });

  it('returns an empty body for an empty gzip response', async () => {
    server.route('/feed.xml', (_req, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end());
    expect((await bodyOf('/feed.xml')).length).toBe(0);
  });

  it('reports corrupt gzip as a network error worth retrying', async () => {
    server.route('/feed.xml', (_req, res) =>
      void res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(FEED).subarray(0, 20)),
    );
    const err = await fetchFailure(fetcher.fetch(server.url('/feed.xml')));
    expect(err).toMatchObject({ kind: 'network_error', action: 'retry' });
    expect(err.message).toContain('gzip');
  });

  it('gives up on an encoding it cannot decode, naming it', async () => {
    server.route('/feed.xml', (_req, res) => void res.writeHead(200, { 'content-encoding': 'zstd' }).end('?'));
    const err = await fetchFailure(fetcher.fetch(server.url('/feed.xml')));
    expect(err).toMatchObject({ kind: 'http_error', action: 'give-up' });
    expect(err.message).toContain('zstd');
  });
});
