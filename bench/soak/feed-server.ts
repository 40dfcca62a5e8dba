/**
 * The soak's feed server, a child process (its CPU is not the bot's): FEEDS feeds at /feed/<n>.xml on HOSTS
 * loopback addresses (127.0.0.1 ... 127.0.0.HOSTS), one port. Each feed holds 20 items; every second a sixtieth
 * of the feeds is visited and about NEW_SHARE of those gets one new item, so a feed gains a new item every
 * 1/NEW_SHARE minutes on average. A feed unchanged since the poller's ETag answers 304.
 * It records when each feed is fetched. Messages (IPC): `{ type: 'stats', sinceMs, intervalMs }` is answered
 * with {@link PollStats}. Prints one JSON line `{ hosts, port }` when ready.
 */
import http from 'node:http';
import { soakItem } from './headlines.js';

const feeds = Number(process.env.FEEDS ?? 1000);
const hostCount = Number(process.env.HOSTS ?? 100);
const newShare = Number(process.env.NEW_SHARE ?? 0.2);
const ITEMS = 20;

interface FeedState {
  /** Item numbers, newest first, and when each arrived (ms). */
  items: number[];
  arrived: number[];
  version: number;
  fetches: number[];
}

const startedAt = Date.now();
let nextItem = 0;
const state: FeedState[] = Array.from({ length: feeds }, () => {
  const items = Array.from({ length: ITEMS }, () => nextItem++);
  // The backlog is four days old: beyond the stories' 48 h window, so what arrives during the run is news.
  return { items, arrived: items.map((_, k) => startedAt - 4 * 86_400_000 - k * 3_600_000), version: 0, fetches: [] };
});

let tick = 0;
setInterval(() => {
  const slot = tick++ % 60;
  for (let i = slot; i < feeds; i += 60) {
    // A deterministic draw per feed and minute.
    const draw = (Math.imul(i + 1, 2654435761) ^ Math.imul(Math.floor(tick / 60) + 1, 40503)) >>> 0;
    if (draw % 1000 >= newShare * 1000) continue;
    const feed = state[i]!;
    feed.items.unshift(nextItem++);
    feed.arrived.unshift(Date.now());
    feed.items.length = ITEMS;
    feed.arrived.length = ITEMS;
    feed.version++;
  }
}, 1000).unref();

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function document(index: number, feed: FeedState): string {
  const outlet = `outlet${index}.example`;
  const items = feed.items.map((n, k) => {
    const item = soakItem(n);
    return (
      `<item><title>${esc(item.title)}</title><link>https://${outlet}/news/${n}</link><guid isPermaLink="false">${outlet}-${n}</guid>` +
      `<pubDate>${new Date(feed.arrived[k]!).toUTCString()}</pubDate><description>${esc(item.description)}</description></item>`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Outlet ${index}</title>` +
    `<link>https://${outlet}/</link><description>News from outlet ${index}</description>${items.join('')}</channel></rss>`
  );
}

const handler: http.RequestListener = (req, res) => {
  const m = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
  const index = m ? Number(m[1]) : -1;
  const feed = state[index];
  if (!feed) {
    res.writeHead(404).end();
    return;
  }
  feed.fetches.push(Date.now());
  const etag = `"${index}-${feed.version}"`;
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag }).end();
    return;
  }
  const body = Buffer.from(document(index, feed));
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'content-length': body.length });
  res.end(body);
};

/** What the server saw of the polling, from `sinceMs` (the bot's start) on. */
export interface PollStats {
  feeds: number;
  /** Feeds fetched at least once. */
  reached: number;
  /** When the last feed was first fetched, ms after sinceMs (the cold start), or null if some never were. */
  coldStartMs: number | null;
  /** Steady state (after the cold start): gaps between two fetches of a feed, and how many were on time. */
  gaps: number;
  onTime: number;
  /** Feeds whose last fetch is overdue at the end (a poll that should have happened and did not). */
  overdue: number;
  /** Fetches that followed the previous fetch of the same feed within half an interval: double work. */
  doubled: number;
  /** Fetches per second in the steady state. */
  steadyPollsPerSecond: number;
  /** 304 answers among fetches after the cold start. */
  notModifiedShare: number;
  fetches: number;
}

let notModified = 0;
let answered = 0;
function stats(sinceMs: number, intervalMs: number): PollStats {
  const now = Date.now();
  // A poll is on time when it follows the previous one within the interval plus 10% (at least 5 s).
  const late = intervalMs + Math.max(5_000, intervalMs * 0.1);
  let coldEnd = sinceMs;
  let reached = 0;
  for (const feed of state) {
    const first = feed.fetches.find((t) => t >= sinceMs);
    if (first === undefined) continue;
    reached++;
    coldEnd = Math.max(coldEnd, first);
  }
  let gaps = 0;
  let onTime = 0;
  let overdue = 0;
  let doubled = 0;
  let steadyFetches = 0;
  for (const feed of state) {
    const times = feed.fetches.filter((t) => t >= sinceMs);
    for (let k = 1; k < times.length; k++) {
      if (times[k]! - times[k - 1]! < intervalMs / 2) doubled++;
      if (times[k]! < coldEnd) continue;
      steadyFetches++;
      gaps++;
      if (times[k]! - times[k - 1]! <= late) onTime++;
    }
    const last = times.at(-1);
    if (last !== undefined && now - last > late) overdue++;
  }
  const steadySeconds = Math.max(1, (now - coldEnd) / 1000);
  return {
    feeds,
    reached,
    coldStartMs: reached === feeds ? coldEnd - sinceMs : null,
    gaps,
    onTime,
    overdue,
    doubled,
    steadyPollsPerSecond: steadyFetches / steadySeconds,
    notModifiedShare: answered > 0 ? notModified / answered : 0,
    fetches: state.reduce((n, f) => n + f.fetches.length, 0),
  };
}

const hosts = Array.from({ length: hostCount }, (_, i) => `127.0.0.${i + 1}`);
let port = 0;
for (const host of hosts) {
  const server = http.createServer({ keepAlive: true }, (req, res) => {
    res.on('finish', () => {
      answered++;
      if (res.statusCode === 304) notModified++;
    });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, host, () => resolve()));
  if (port === 0) port = (server.address() as { port: number }).port;
}
process.on('message', (msg: { type?: string; sinceMs?: number; intervalMs?: number }) => {
  if (msg.type === 'stats') process.send?.({ type: 'stats', stats: stats(msg.sinceMs ?? startedAt, msg.intervalMs ?? 60_000) });
});
process.on('SIGTERM', () => process.exit(0));
console.log(JSON.stringify({ hosts, port }));
