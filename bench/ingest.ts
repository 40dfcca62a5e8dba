/**
 * Ingest benchmark (figures printed, not asserted):
 * - ingest items/s end to end: a local feed server (child process), 1,000 feeds of 20 items, through fetch,
 *   parse (worker threads), identity, the seen-set, relevance, clustering and archive, to the stories queue;
 * - one poll round of 1,000 unchanged feeds (all 304): wall time and CPU;
 * - rss-parser's parse alone on the same bytes, for the ratio the ingest path aims at (at least 0.5).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createKeys } from '../src/redis/keys.js';
import { createRedisFeedRegistry } from '../src/feeds/registry.js';
import { createRedisSeenStore } from '../src/feeds/seen-store.js';
import { createRedisFeedActivity } from '../src/feeds/schedule/feed-activity.js';
import { createFeedFetcher } from '../src/feeds/fetch/index.js';
import { createFeedParserPool } from '../src/feeds/parse/index.js';
import { parseFeed } from '../src/feeds/parse/parse-feed.js';
import { identifyItems } from '../src/feeds/identity.js';
import { createFeedPoller } from '../src/feeds/poller.js';
import { createIngest } from '../src/pipeline/ingest.js';
import { createRedisStoryVersions } from '../src/pipeline/story-versions.js';
import { createNewsServicesFor } from '../src/app/news-services.js';
import { queueNames } from '../src/queue/contracts.js';
import { rssDocument } from './support/feed-documents.js';
import { deleteKeysWithPrefix } from '../src/redis/delete-prefix.js';

const FEEDS = Number(process.env.BENCH_FEEDS ?? 1000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 20);
const CONCURRENCY = 64;

async function startFeedServer(): Promise<{ urls: string[]; stop(): void }> {
  const script = fileURLToPath(new URL('./support/feed-server-process.ts', import.meta.url));
  const child = fork(script, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, FEEDS: String(FEEDS), ITEMS: String(ITEMS), HOSTS: '20' },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString()));
    child.once('exit', (code) => reject(new Error(`feed server exited (${code})`)));
  });
  const { hosts, port } = JSON.parse(line) as { hosts: string[]; port: number };
  const urls = Array.from({ length: FEEDS }, (_, i) => `http://${hosts[i % hosts.length]}:${port}/feed/${i}.xml`);
  return { urls, stop: () => child.kill('SIGTERM') };
}

/**
 * The seen-set of one feed that serves 15,000 items: every identity is kept (no flood on the next poll), with its
 * Redis memory and the cost of identifying, looking up and recording a whole document.
 */
async function seenSetOfLongFeed(redis: Redis, keys: ReturnType<typeof createKeys>): Promise<void> {
  const N = 15_000;
  const entries = Array.from({ length: N }, (_, i) => ({
    guid: `https://wire.example/?p=${100_000 + i}`,
    link: `https://wire.example/news/${2024 - (i % 3)}/${i}-report-from-the-regions`,
    title: `Report ${i}: regional akimat discusses the ${i % 7 === 0 ? 'budget' : 'heating season'} in district ${i % 211}`,
    publishedAt: new Date(Date.UTC(2024, 0, 1) - i * 600_000).toISOString(),
  }));
  const seen = createRedisSeenStore({ redis, keys });
  const cpu = process.cpuUsage();
  const doc = identifyItems(entries, { siteLink: 'https://wire.example/' });
  const identifyMs = cpuMs(cpu);
  const identities = doc.items.flatMap((i) => i.identities);
  let t0 = performance.now();
  await seen.recordServed('f-long', identities);
  const recordMs = performance.now() - t0;
  t0 = performance.now();
  const known = await seen.known('f-long', identities);
  const lookupMs = performance.now() - t0;
  const bytes = Number(await redis.memory('USAGE', keys.seen('f-long'), 'SAMPLES', '0'));
  console.log(
    `seen-set, one feed of ${N.toLocaleString('en')} items: ${identities.length.toLocaleString('en')} identities, ${known.size.toLocaleString('en')} known on the next poll (aim: all), ` +
      `${(bytes / 1_048_576).toFixed(1)} MB in Redis (${(bytes / identities.length).toFixed(0)} B per identity); ` +
      `identify ${identifyMs.toFixed(0)} ms CPU, record ${recordMs.toFixed(0)} ms, look up ${lookupMs.toFixed(0)} ms`,
  );
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

function cpuMs(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

export async function run(): Promise<void> {
  console.log(`\n## Ingest (${FEEDS} feeds × ${ITEMS} items, local feed server in a child process)`);
  const prefix = `kwbench-ingest-${process.pid}`;
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 2 });
  const keys = createKeys(prefix);
  const stories = new Queue(queueNames.stories, { connection: redis, prefix });
  const server = await startFeedServer();
  const fetcher = createFeedFetcher({ allowPrivateNetwork: true, maxConcurrentPerHost: 4 });
  const pool = createFeedParserPool({});
  try {
    const registry = createRedisFeedRegistry({ redis, keys });
    const ids: string[] = [];
    for (const url of server.urls) {
      const { feed } = await registry.add(url, 'config');
      await registry.update(feed.id, { initialized: true }); // measure alerting items, not a first-poll backlog
      ids.push(feed.id);
    }
    const news = createNewsServicesFor({ redis, keys, retentionDays: 90 });
    const poller = createFeedPoller({
      registry,
      seen: createRedisSeenStore({ redis, keys }),
      activity: createRedisFeedActivity({ redis, keys }),
      fetchFeed: (u, c, s) => fetcher.fetch(u, c, s),
      parseFeed: (b, o) => pool.parse(b, o),
      identifyItems,
      handleNewItems: createIngest({ understanding: news.understanding, stories, versions: createRedisStoryVersions({ redis, keys }) }),
      policy: { baseMs: 300_000, maxMs: 1_800_000 },
    });

    let cpu = process.cpuUsage();
    let t0 = performance.now();
    await inBatches(ids, CONCURRENCY, (id) => poller.poll(id));
    const ingestMs = performance.now() - t0;
    const ingestCpu = cpuMs(cpu);
    const queued = await stories.getJobCountByTypes('waiting', 'delayed', 'completed');
    const totalItems = FEEDS * ITEMS;
    const ingestRate = totalItems / (ingestMs / 1000);
    console.log(`ingest, first round:     ${ingestMs.toFixed(0)} ms wall, ${ingestCpu.toFixed(0)} ms CPU, ${ingestRate.toFixed(0)} items/s, ${queued} stories queued`);

    cpu = process.cpuUsage();
    t0 = performance.now();
    await inBatches(ids, CONCURRENCY, (id) => poller.poll(id));
    const unchangedMs = performance.now() - t0;
    console.log(`poll round, all 304:     ${unchangedMs.toFixed(0)} ms wall, ${cpuMs(cpu).toFixed(0)} ms CPU (aim: under 5,000 ms CPU)`);

    await seenSetOfLongFeed(redis, keys);

    const docs = Array.from({ length: FEEDS }, (_, i) => Buffer.from(rssDocument(i, ITEMS)));
    t0 = performance.now();
    for (const doc of docs) await parseFeed(doc, {});
    const parseMs = performance.now() - t0;
    const parseRate = totalItems / (parseMs / 1000);
    console.log(`rss-parser alone, same bytes (one thread): ${parseMs.toFixed(0)} ms, ${parseRate.toFixed(0)} items/s`);
    console.log(`ingest / parse-alone ratio: ${(ingestRate / parseRate).toFixed(2)} (aim: at least 0.5)`);
  } finally {
    server.stop();
    await pool.close();
    await fetcher.close();
    await stories.obliterate({ force: true }).catch(() => undefined);
    await stories.close();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  }
}
