/**
 * `npm run bench -- stories`: the real story clusterer (real Redis, real scripts) over the hand-written
 * story set, in publication order, for the dev part and the held-out part. Prints, beside each aim, the
 * events merged away, extra alerts per event and multi-outlet events alerted once, overall, per trap kind
 * and per language mix; and the Redis time per item of story assignment and of the archive, each on a
 * private redis-server of its own.
 * `STORY_DETAIL=dev` (or `heldout`, `fresh`, `late`) lists the events that missed, with their titles; `STORY_PARTS=dev` runs one part;
 * `STORY_LOG=dev` writes that part's clustering debug log (why each item joined a story or not) to stderr as JSON.
 */
import { randomBytes } from 'node:crypto';
import { createKeys } from '../src/redis/keys.js';
import { loadTopicPack } from '../src/news/topic-pack.js';
import { compileMatcher } from '../src/news/matcher.js';
import { createStoryClusterer } from '../src/news/clustering.js';
import { createRedisArchive } from '../src/news/archive.js';
import { deleteKeysWithPrefix } from '../src/redis/delete-prefix.js';
import { loadStorySet, TRAP_KINDS, type StoryEvent, type StoryReport, type StorySplit } from './support/story-set.js';
import { formatFigures, languageMix, outletCount, scoreEvents, type Assignments } from './support/story-metrics.js';
import { startBenchRedis, type BenchRedis } from './support/private-redis.js';
import { createLogger } from '../src/log.js';

const pack = loadTopicPack();
const matcher = compileMatcher(pack);

function inOrder(events: readonly StoryEvent[]): StoryReport[] {
  return events.flatMap((e) => e.reports).sort((a, b) => a.publishedAtMs - b.publishedAtMs || a.itemId.localeCompare(b.itemId));
}

/**
 * Assigns every report and archives it as ingest does, clustering on one private Redis and the archive on
 * another, so each one's Redis time is its own (INFO commandstats). Returns the assignments and both times.
 */
async function runPart(
  cluster: BenchRedis,
  archive: BenchRedis,
  reports: StoryReport[],
  split: StorySplit,
): Promise<{ assigned: Assignments; clusterUsec: number; archiveUsec: number; cpuUsec: number }> {
  const prefix = `kwbench-stories-${randomBytes(4).toString('hex')}`;
  const keys = createKeys(prefix);
  // The stream's clock is the reports' own: the set spans years, and each report is read as it is published.
  let clock = 0;
  const logger = process.env.STORY_LOG === split ? createLogger({ level: 'debug', format: 'json', stream: process.stderr }) : undefined;
  const clusterer = createStoryClusterer({ redis: cluster.redis, keys, pack, now: () => clock, ...(logger ? { logger } : {}) });
  const store = createRedisArchive({ redis: archive.redis, keys });
  const assigned: Assignments = new Map();
  await cluster.resetStats();
  await archive.resetStats();
  const [c0, a0] = [await cluster.commandUsec(), await archive.commandUsec()];
  // The clusterer's own CPU (features, scoring, the client's share of its round trips), the archive's left out.
  let cpuUsec = 0;
  for (const r of reports) {
    clock = r.publishedAtMs;
    const entities = matcher.match(r.title, r.lead).entities.map((m) => m.entityId);
    const cpu0 = process.cpuUsage();
    const a = await clusterer.assign({ itemId: r.itemId, feedId: r.feedId, title: r.title, text: r.lead, entities, publishedAtMs: r.publishedAtMs });
    const cpu = process.cpuUsage(cpu0);
    cpuUsec += cpu.user + cpu.system;
    assigned.set(r.itemId, a);
    const publishedAt = new Date(r.publishedAtMs).toISOString();
    if (a.isNew) {
      await store.saveNewStory({ id: a.storyId, title: r.title, source: r.outlet, summary: r.lead.slice(0, 300), publishedAt, entities, score: 1, alsoReportedBy: [], itemIds: [r.itemId] });
    } else {
      await store.addToStory(a.storyId, { id: r.itemId, source: r.outlet, title: r.title, publishedAt, entities });
    }
  }
  const clusterUsec = (await cluster.commandUsec()) - c0;
  const archiveUsec = (await archive.commandUsec()) - a0;
  await deleteKeysWithPrefix(cluster.redis, prefix);
  await deleteKeysWithPrefix(archive.redis, prefix);
  return { assigned, clusterUsec, archiveUsec, cpuUsec };
}

function printDetail(events: readonly StoryEvent[], assigned: Assignments): void {
  const starter = new Map<string, string>();
  const titleOf = new Map<string, string>();
  for (const e of events) for (const r of e.reports) titleOf.set(r.itemId, `[${r.feedId}] ${r.title}`);
  for (const [id, a] of assigned) if (a.isNew) starter.set(a.storyId, id);
  for (const e of events) {
    const alerts = e.reports.filter((r) => assigned.get(r.itemId)?.isNew).length;
    const wrong = e.reports.filter((r) => {
      const a = assigned.get(r.itemId)!;
      return !a.isNew && !starter.get(a.storyId)!.startsWith(`${e.id}#`);
    });
    if (alerts === 1 && wrong.length === 0) continue;
    console.log(`  ${e.id}: ${alerts} alerts${wrong.length ? `, ${wrong.length} joined elsewhere` : ''}`);
    for (const r of e.reports) {
      const a = assigned.get(r.itemId)!;
      const where = a.isNew ? 'NEW' : `-> ${starter.get(a.storyId)}`;
      console.log(`     ${where.padEnd(34)} ${titleOf.get(r.itemId)}`);
    }
  }
}

async function benchPart(cluster: BenchRedis, archive: BenchRedis, split: StorySplit): Promise<void> {
  const events = loadStorySet(split);
  const reports = inOrder(events);
  const langs = new Set(reports.map((r) => r.lang));
  console.log(`\nstory set, ${split} part: ${events.length} events, ${reports.length} reports, ${new Set(reports.map((r) => r.outlet)).size} outlets, ${[...langs].join('/')}`);
  const { assigned, clusterUsec, archiveUsec, cpuUsec } = await runPart(cluster, archive, reports, split);
  console.log(formatFigures('  all events', scoreEvents(events, assigned)));
  for (const trap of TRAP_KINDS) {
    const subset = events.filter((e) => e.traps.includes(trap));
    if (subset.length > 0) console.log(formatFigures(`  trap: ${trap}`, scoreEvents(subset, assigned, events)));
  }
  for (const mix of ['single language', 'across languages'] as const) {
    const subset = events.filter((e) => outletCount(e) > 1 && languageMix(e) === mix);
    console.log(formatFigures(`  multi-outlet, ${mix}`, scoreEvents(subset, assigned, events)));
  }
  const per = (n: number) => `${(n / reports.length).toFixed(0)} µs`;
  console.log(
    `  Redis time per item${cluster.private ? '' : ' (shared Redis: other clients counted too)'}: story assignment ${per(clusterUsec)}, ` +
      `archive ${per(archiveUsec)}, both ${per(clusterUsec + archiveUsec)} (aim: well under 1,500 µs; figures grow with the machine's load)`,
  );
  console.log(`  clusterer CPU time per item (this process): ${per(cpuUsec)} (aim: under 5,000 µs; the first item reads the log)`);
  if (process.env.STORY_DETAIL === split) printDetail(events, assigned);
}

export async function run(): Promise<void> {
  const cluster = await startBenchRedis();
  const archive = await startBenchRedis();
  try {
    // STORY_PARTS=dev measures the part being tuned on without looking at the held-out one.
    const parts = (process.env.STORY_PARTS ?? 'dev,heldout,fresh,late').split(',') as StorySplit[];
    for (const part of parts) await benchPart(cluster, archive, part);
  } finally {
    await cluster.close();
    await archive.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
