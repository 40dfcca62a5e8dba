import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createFeedFetcher } from '../src/feeds/fetch/index.js';

const MiB = 1024 * 1024;

function feedDocument(items: number): Buffer {
  const entries = Array.from(
    { length: items },
    (_, i) =>
      `<item><guid>kz-${i}</guid><title>Астана: новость ${i}</title><link>https://example.kz/news/${i}</link>` +
      `<description>Kazakhstan energy and transit corridor update number ${i}, with a longer summary.</description></item>`,
  ).join('');
  return Buffer.from(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>KZ</title>${entries}</channel></rss>`);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function timeEach(label: string, count: number, once: () => Promise<unknown>, bytes = 0): Promise<void> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await once();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const rate = bytes > 0 ? `, ${((bytes * count) / MiB / (ms / 1000)).toFixed(0)} MiB/s decoded` : '';
  console.log(`  ${label}: ${count} fetches in ${ms.toFixed(0)} ms (${(ms / count).toFixed(2)} ms each${rate})`);
}

/** Feed fetching over local HTTP: plain and gzip bodies, 304s, and how a gzip bomb is refused. */
export async function run(): Promise<void> {
  const feed = feedDocument(1_000);
  const gzipped = gzipSync(feed);
  const bomb = gzipSync(Buffer.alloc(100 * MiB));
  const server = createServer((req, res) => {
    if (req.url === '/plain') return void res.writeHead(200, { etag: '"v1"' }).end(feed);
    if (req.url === '/gzip') return void res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipped);
    if (req.url === '/bomb') return void res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb);
    if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
    res.writeHead(404).end();
  });
  const origin = await listen(server);
  const fetcher = createFeedFetcher({ allowPrivateNetwork: true });
  console.log(`\n## fetch (feed of ${(feed.length / 1024).toFixed(0)} KiB, ${(gzipped.length / 1024).toFixed(0)} KiB gzipped)`);
  try {
    await timeEach('plain 200', 300, () => fetcher.fetch(`${origin}/plain`), feed.length);
    await timeEach('gzip 200', 300, () => fetcher.fetch(`${origin}/gzip`), feed.length);
    await timeEach('conditional 304', 300, () => fetcher.fetch(`${origin}/not-modified`, { etag: '"v1"' }));

    const before = process.memoryUsage();
    const started = process.hrtime.bigint();
    const refusal = await fetcher.fetch(`${origin}/bomb`).then(
      () => 'accepted (!)',
      (err: { kind?: string }) => err.kind ?? 'unknown error',
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const after = process.memoryUsage();
    const grewMb = (after.rss - before.rss + (after.arrayBuffers - before.arrayBuffers)) / MiB;
    console.log(
      `  gzip bomb (${(bomb.length / 1024).toFixed(0)} KiB → 100 MiB, cap 5 MiB): ${refusal} after ${ms.toFixed(0)} ms, ` +
        `memory grew ~${Math.max(0, grewMb).toFixed(1)} MiB`,
    );
  } finally {
    await fetcher.close();
    server.closeAllConnections();
    server.close();
  }
}
