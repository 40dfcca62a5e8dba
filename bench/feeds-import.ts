import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { exportFeedList, importFeedList } from '../src/feeds/feed-import.js';
import { toOpml } from '../src/feeds/opml.js';
import { createRedisFeedRegistry } from '../src/feeds/registry.js';
import { deleteKeysWithPrefix } from '../src/redis/delete-prefix.js';
import { createKeys } from '../src/redis/keys.js';

const FEEDS = 10_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const seconds = (startedNs: bigint) => Number(process.hrtime.bigint() - startedNs) / 1e9;

/**
 * Importing 10,000 feeds: the whole `npm run feeds -- import FILE` command (process start, parse, bulk write) on
 * an OPML file and on a plain list, then the import and export functions alone, in this process.
 */
export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kw-bench-feeds-'));
  const feeds = Array.from({ length: FEEDS }, (_, i) => ({
    url: `https://outlet-${i}.example.kz/rss/${i % 2 ? 'kaz' : 'rus'}.xml?page=1&lang=${i % 3}`,
    title: `${['Қазақстан жаңалықтары', 'Новости Казахстана', 'Steppe & Oil Daily'][i % 3]} №${i}`,
  }));
  const opmlFile = path.join(dir, 'feeds.opml');
  const listFile = path.join(dir, 'feeds.txt');
  writeFileSync(opmlFile, toOpml(feeds, { title: 'bench' }));
  writeFileSync(listFile, `# ${FEEDS} feeds\n${feeds.map((f) => f.url).join('\n')}\n`);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  console.log(`\n## feeds-import (${FEEDS.toLocaleString('en-US')} feeds)`);
  try {
    for (const [label, file] of [['OPML', opmlFile], ['one URL a line', listFile]] as const) {
      const prefix = `kw-bench-import-${process.pid}-${label.length}`;
      const started = process.hrtime.bigint();
      await promisify(execFile)(process.execPath, [path.join(root, 'scripts/run-cli.mjs'), 'feeds', 'import', file], {
        cwd: root,
        env: { ...process.env, KAZWIRE_ENV_FILE: '/dev/null', REDIS_URL: redisUrl, REDIS_PREFIX: prefix },
      });
      const took = seconds(started);
      const stored = await redis.scard(createKeys(prefix).feedIds());
      console.log(`  npm run feeds -- import (${label}): ${stored.toLocaleString('en-US')} feeds stored in ${took.toFixed(2)} s (aim: under 10 s)`);
      await deleteKeysWithPrefix(redis, prefix);
    }

    const prefix = `kw-bench-import-${process.pid}-inproc`;
    const registry = createRedisFeedRegistry({ redis, keys: createKeys(prefix) });
    let started = process.hrtime.bigint();
    const report = await importFeedList(registry, toOpml(feeds, { title: 'bench' }));
    console.log(`  importFeedList (OPML parse + pipelined writes, in process): ${report.added.length.toLocaleString('en-US')} feeds in ${seconds(started).toFixed(2)} s`);
    started = process.hrtime.bigint();
    const { count } = await exportFeedList(registry);
    console.log(`  exportFeedList (OPML 2.0): ${count.toLocaleString('en-US')} feeds in ${seconds(started).toFixed(2)} s`);
    started = process.hrtime.bigint();
    await registry.stateCounts();
    console.log(`  stateCounts (the /metrics read of feeds by state): ${((Number(process.hrtime.bigint() - started)) / 1e6).toFixed(1)} ms`);
    await deleteKeysWithPrefix(redis, prefix);
  } finally {
    await redis.quit();
    rmSync(dir, { recursive: true, force: true });
  }
}
