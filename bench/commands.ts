/**
 * Commands benchmark (figures printed, not asserted), on the local Redis with a throw-away prefix:
 * - parsing Telegram-style words into typed arguments (wordsToOptions + zod): µs per command line;
 * - /timeline and /who end to end on the real archive with 2,000 stories: ms per answer;
 * - the per-user rate limiter: checks per second (one Redis round trip each).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { commandList, timeline, who } from '../commands/index.js';
import { runCommand } from '../src/commands/dispatch.js';
import { wordsToOptions } from '../src/commands/parse-args.js';
import { createCommandRateLimiter } from '../src/commands/rate-limit.js';
import { createCommandServices } from '../src/app/command-services.js';
import type { Caller } from '../src/commands/command.js';
import { loadConfig } from '../src/config/env.js';
import { createRedisArchive } from '../src/news/archive.js';
import type { Story } from '../src/news/types.js';
import { createKeys } from '../src/redis/keys.js';
import { deleteKeysWithPrefix } from '../src/redis/delete-prefix.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const reader: Caller = { platform: 'telegram', userId: '1', isChannelAdmin: false, isOwner: false };

async function timed(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  return Number(process.hrtime.bigint() - start) / 1e6 / n;
}

export async function run(): Promise<void> {
  console.log('\n## commands');
  const prefix = `kwbench-cmd-${randomBytes(4).toString('hex')}`;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  const keys = createKeys(prefix);
  const handle = createCommandServices({ config: loadConfig({ REDIS_URL, REDIS_PREFIX: prefix }), redis, keys });
  try {
    const parseMs = await timed(20_000, (i) =>
      timeline.schema.safeParse(wordsToOptions(['Kassym-Jomart', 'Tokayev', String((i % 90) + 1)], timeline.options)),
    );
    console.log(`parse "/timeline Kassym-Jomart Tokayev N": ${(parseMs * 1000).toFixed(1)} µs per line`);

    const archive = createRedisArchive({ redis, keys });
    const base = Date.UTC(2022, 0, 1);
    const ids = ['tokayev', 'nazarbayev', 'csto', 'almaty', 'smailov'];
    for (let i = 0; i < 2000; i++) {
      const s: Story = {
        id: `b${i}`,
        title: `Story ${i} about ${ids[i % ids.length]}`,
        link: `https://news.example/${i}`,
        source: 'Tengrinews',
        summary: 'Summary',
        publishedAt: new Date(base + i * 20 * 60_000).toISOString(),
        entities: [ids[i % ids.length]!, ids[(i + 1) % ids.length]!],
        score: 1,
        alsoReportedBy: [],
        itemIds: [`i${i}`],
      };
      await archive.saveNewStory(s);
    }
    const now = () => new Date(base + 2000 * 20 * 60_000);
    const opts = { now };
    const tl = await timed(200, () => runCommand(timeline, ['tokayev', '30'], reader, undefined, handle.services, opts));
    console.log(`/timeline tokayev 30 (800 matching of 2,000 stories, page 1): ${tl.toFixed(2)} ms per answer`);
    const kw = await timed(50, () => runCommand(timeline, ['query=Story 19', 'days=30'], reader, undefined, handle.services, opts));
    console.log(`/timeline by keyword over 30 days: ${kw.toFixed(2)} ms per answer`);
    const wh = await timed(200, () => runCommand(who, ['Токаев'], reader, undefined, handle.services, opts));
    console.log(`/who Токаев: ${wh.toFixed(2)} ms per answer`);

    const limiter = createCommandRateLimiter(redis, keys, { limit: 1_000_000 });
    const rl = await timed(5_000, (i) => limiter.check('telegram', String(i % 100)));
    console.log(`rate limiter: ${(1000 / rl).toFixed(0)} checks/s (sequential, one connection)`);
    console.log(`commands declared: ${commandList.length}`);
  } finally {
    await handle.close();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
