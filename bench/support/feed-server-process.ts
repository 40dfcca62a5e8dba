/**
 * A feed server for benchmarks, run as a child process so its CPU time is not counted as the bot's.
 * Serves /feed/<n>.xml on each of HOSTS loopback addresses with ETags (304 when unchanged).
 * Prints one JSON line `{ "hosts": [...], "port": N }` when ready; `SIGTERM` stops it.
 */
import http from 'node:http';
import { createHash } from 'node:crypto';
import { rssDocument } from './feed-documents.js';

const feeds = Number(process.env.FEEDS ?? 1000);
const items = Number(process.env.ITEMS ?? 20);
const hostCount = Number(process.env.HOSTS ?? 20);

const docs = Array.from({ length: feeds }, (_, i) => {
  const body = Buffer.from(rssDocument(i, items));
  return { body, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"` };
});

const handler: http.RequestListener = (req, res) => {
  const m = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
  const doc = m ? docs[Number(m[1])] : undefined;
  if (!doc) {
    res.writeHead(404).end();
    return;
  }
  if (req.headers['if-none-match'] === doc.etag) {
    res.writeHead(304, { etag: doc.etag }).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: doc.etag, 'content-length': doc.body.length });
  res.end(doc.body);
};

const hosts = Array.from({ length: hostCount }, (_, i) => `127.0.0.${i + 1}`);
let port = 0;
for (const host of hosts) {
  const server = http.createServer({ keepAlive: true }, handler);
  await new Promise<void>((resolve) => server.listen(port, host, () => resolve()));
  if (port === 0) port = (server.address() as { port: number }).port;
}
console.log(JSON.stringify({ hosts, port }));
process.on('SIGTERM', () => process.exit(0));
