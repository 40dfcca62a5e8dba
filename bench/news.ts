import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { createKeys } from '../src/redis/keys.js';
import { loadTopicPack } from '../src/news/topic-pack.js';
import { compileMatcher } from '../src/news/matcher.js';
import { createStoryClusterer } from '../src/news/clustering.js';
import { createRedisArchive } from '../src/news/archive.js';
import type { Story } from '../src/news/types.js';
import { deleteKeysWithPrefix } from '../src/redis/delete-prefix.js';

const EN = 'the government said on Monday that prices for fuel and food would be reviewed by officials after a week of talks with regional leaders and business groups in the capital while markets waited for news'.split(' ');
const RU = 'правительство заявило в понедельник что цены на топливо и продукты будут пересмотрены после недели переговоров с региональными лидерами и бизнесом в столице пока рынки ждали новостей'.split(' ');
const NAMES = ['Tokayev', 'Токаева', 'Kazakhstan', 'Казахстане', 'CSTO', 'ОДКБ', 'Almaty', 'Putin', 'Nazarbayev', 'Тоқаевтың'];

/** Deterministic pseudo-random numbers, so runs compare. */
function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

function texts(count: number, size: number): Array<{ title: string; text: string }> {
  const r = rng(42);
  const out: Array<{ title: string; text: string }> = [];
  for (let i = 0; i < count; i++) {
    const words = i % 2 === 0 ? EN : RU;
    const relevant = i % 5 === 0;
    let text = '';
    while (text.length < size) {
      text += `${words[Math.floor(r() * words.length)]!}${r() < 0.08 ? '. ' : ' '}`;
      if (relevant && r() < 0.01) text += `${NAMES[Math.floor(r() * NAMES.length)]!} `;
    }
    out.push({ title: `${words[Math.floor(r() * words.length)]!} report ${i}`, text });
  }
  return out;
}

async function benchMatcher(): Promise<void> {
  const matcher = compileMatcher(loadTopicPack());
  const corpus = texts(10_000, 2_000);
  for (const t of corpus.slice(0, 2000)) matcher.match(t.title, t.text); // warm-up
  // The machine is shared: CPU time of this process, best of a few rounds, says more than one wall-clock run.
  const rates: number[] = [];
  let relevant = 0;
  for (let round = 0; round < 5; round++) {
    const cpu = process.cpuUsage();
    relevant = 0;
    for (const t of corpus) if (matcher.match(t.title, t.text).relevant) relevant++;
    const used = process.cpuUsage(cpu);
    rates.push(corpus.length / ((used.user + used.system) / 1e6));
  }
  rates.sort((a, b) => a - b);
  console.log(`matcher: ${corpus.length} texts of ~2 KB, 5 rounds: best ${Math.round(rates[4]!)} texts/s, median ${Math.round(rates[2]!)} texts/s of CPU time (${relevant} relevant)`);
}

async function benchClustering(redis: Redis, prefix: string): Promise<void> {
  const pack = loadTopicPack();
  const clusterer = createStoryClusterer({ redis, keys: createKeys(prefix), pack });
  const r = rng(7);
  const t0 = Date.parse('2022-01-01T00:00:00Z');
  const word = () => Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(r() * 26))).join('');
  const items = Array.from({ length: 10_000 }, (_, i) => {
    const event = Math.floor(i / 3); // three outlets per event, each wording it a little differently
    const eventRng = rng(event + 1);
    const vocabulary = Array.from({ length: 6 }, () => Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(eventRng() * 26))).join(''));
    const words = vocabulary.filter((_, k) => k !== i % 3).concat(word());
    return {
      itemId: `bench-${i}`,
      feedId: `feed-${i % 7}`,
      title: `Tokayev ${words.join(' ')}`,
      text: `${EN[event % EN.length]!} ${event * 13 + 100} in Kazakhstan.`,
      entities: ['tokayev', 'kazakhstan'],
      publishedAtMs: t0 + event * 60_000,
    };
  });
  const start = performance.now();
  const stories = new Set<string>();
  const concurrency = 16;
  for (let i = 0; i < items.length; i += concurrency) {
    const batch = await Promise.all(items.slice(i, i + concurrency).map((it) => clusterer.assign(it)));
    for (const b of batch) stories.add(b.storyId);
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(`clustering: ${items.length} items in ${(seconds * 1000).toFixed(0)} ms = ${Math.round(items.length / seconds)} items/s, ${stories.size} stories for ${Math.ceil(items.length / 3)} events`);
}

async function benchArchive(redis: Redis, prefix: string): Promise<void> {
  const archive = createRedisArchive({ redis, keys: createKeys(prefix) });
  const ids = ['tokayev', 'nazarbayev', 'csto', 'kazakhstan', 'almaty', 'massimov', 'putin', 'knb'];
  const now = Date.now();
  const r = rng(3);
  const count = 10_000;
  for (let i = 0; i < count; i += 200) {
    await Promise.all(
      Array.from({ length: 200 }, (_, j) => {
        const n = i + j;
        const at = now - Math.floor(r() * 90 * 86_400_000);
        const story: Story = {
          id: `s-bench-${n}`, title: `Story ${n} about ${ids[n % ids.length]!}`, source: 'Bench', summary: 'A summary.',
          publishedAt: new Date(at).toISOString(), entities: [ids[n % ids.length]!, ids[(n * 7) % ids.length]!],
          score: 1, alsoReportedBy: [], itemIds: [`i-bench-${n}`],
        };
        return archive.saveNewStory(story);
      }),
    );
  }
  const week = { fromMs: now - 7 * 86_400_000, toMs: now };
  const time = async (label: string, fn: () => Promise<unknown>) => {
    await fn();
    const runs = 20;
    const start = performance.now();
    for (let i = 0; i < runs; i++) await fn();
    console.log(`archive ${label}: ${((performance.now() - start) / runs).toFixed(2)} ms`);
  };
  console.log(`archive: ${count} stories over 90 days`);
  await time('week, first page of 20', () => archive.listStories(week));
  await time('week, one actor', () => archive.listStories({ ...week, entityIds: ['tokayev'] }));
  await time('week, keyword scan', () => archive.listStories({ ...week, keyword: 'massimov' }));
  await time('co-mentions of one actor over 30 days', () => archive.coMentions('tokayev', now - 30 * 86_400_000));
  await time('latest 5 of one actor', () => archive.latestForEntity('tokayev', 5));
}

async function cleanup(redis: Redis, prefix: string): Promise<void> {
  await deleteKeysWithPrefix(redis, prefix);
}

/**
 * Matcher, clustering throughput and archive figures. Redis parts use a throwaway prefix, removed afterwards.
 * How well clustering joins real reporting is measured on the hand-written story set: `npm run bench -- stories`.
 */
export async function run(): Promise<void> {
  // Figures scale with how busy the machine is; say so next to them.
  console.log(`news bench: ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}`);
  await benchMatcher();
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 2 });
  const prefix = `kwbench-news-${randomBytes(4).toString('hex')}`;
  try {
    await benchClustering(redis, prefix);
    await benchArchive(redis, prefix);
  } finally {
    await cleanup(redis, prefix);
    await redis.quit();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
