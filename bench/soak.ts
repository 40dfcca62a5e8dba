/**
 * `npm run bench -- soak`: the real process under a feed load, measured from outside.
 * Builds once, starts a private redis-server (its CPU is the bot's Redis cost alone) and a feed server (a child
 * process: FEEDS feeds on many loopback addresses, new items arriving, unchanged feeds answering 304, half the
 * items about Kazakhstan), then runs `node dist/src/main.js` (one process with every role, or `--pollers N
 * --workers M` processes) with FEEDS_FILE and console delivery, sampling CPU and RSS from /proc and Redis's
 * CPU from INFO. Default: 1,000 feeds every 60 s for 3 minutes; `--feeds 10000 --interval 300` is the
 * full-size run. Figures are printed beside their aims, never asserted.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deleteKeysWithPrefix } from '../src/redis/delete-prefix.js';
import { startBenchRedis } from './support/private-redis.js';
import { buildOnce, prepareWorkdir, startBot, stopBot, type BotProcess } from './soak/bot-processes.js';
import { createDeliveryTally } from './soak/console-deliveries.js';
import type { PollStats } from './soak/feed-server.js';
import { parseSoakOptions } from './soak/options.js';
import { startSampling } from './soak/proc-sampler.js';
import { printSoakFigures } from './soak/figures.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function run(argv = process.argv.slice(2)): Promise<void> {
  const options = parseSoakOptions(argv);
  const layout = options.pollers ? `${options.pollers} poller and ${options.workers} worker processes` : 'one process, every role';
  console.log(
    `\n## soak: the real process (node dist/src/main.js), ${options.feeds} feeds every ${options.intervalSeconds} s on ` +
      `${options.hosts} loopback hosts, ${layout}, ${options.durationSeconds} s`,
  );
  if (options.build) buildOnce();

  const redis = await startBenchRedis();
  const server = fork(path.join(here, 'soak', 'feed-server.ts'), [], {
    env: { ...process.env, FEEDS: String(options.feeds), HOSTS: String(options.hosts), NEW_SHARE: String(options.newShare) },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const [line] = (await once(server.stdout!.setEncoding('utf8'), 'data')) as [string];
  const { hosts, port } = JSON.parse(line) as { hosts: string[]; port: number };
  const feedUrls = Array.from({ length: options.feeds }, (_, i) => `http://${hosts[i % hosts.length]}:${port}/feed/${i}.xml`);
  const workdir = prepareWorkdir(feedUrls);
  const settings = {
    redisUrl: redis.url,
    prefix: `soak-${randomBytes(3).toString('hex')}`,
    feedUrls,
    intervalSeconds: options.intervalSeconds,
    heapSnapshots: options.heapSnapshot,
  };

  const tally = createDeliveryTally();
  const groups = options.pollers
    ? [...Array<string>(options.pollers).fill('poller'), ...Array<string>(options.workers).fill('worker')]
    : ['all'];
  const startedAtMs = Date.now();
  const bots: BotProcess[] = groups.map((roles) => startBot(settings, workdir, roles, tally.reader()));
  const sampling = startSampling(bots.map((b) => b.pid), redis.redis);
  const ticker = setInterval(() => process.stdout.write('.'), 10_000);
  await Promise.race([new Promise((resolve) => setTimeout(resolve, options.durationSeconds * 1000)), ...bots.map((b) => b.exited)]);
  clearInterval(ticker);
  process.stdout.write('\n');

  server.send({ type: 'stats', sinceMs: startedAtMs, intervalMs: options.intervalSeconds * 1000 });
  const [reply] = (await once(server, 'message')) as [{ stats: PollStats }];
  sampling.stop();
  if (options.heapSnapshot) await takeHeapSnapshots(bots, workdir.dir);
  const exitCodes = await Promise.all(bots.map(stopBot));
  // Deliveries still in flight at the end are printed before the process exits: count them too.
  printSoakFigures({ options, stats: reply.stats, samples: sampling.samples, startedAtMs, bots, tally, exitCodes, privateRedis: redis.private });

  server.kill('SIGTERM');
  if (!redis.private) await deleteKeysWithPrefix(redis.redis, settings.prefix);
  await redis.close();
  if (!options.heapSnapshot) rmSync(workdir.dir, { recursive: true, force: true });
}

/** SIGUSR2 to each bot (node --heapsnapshot-signal); waits until each snapshot file is complete. */
async function takeHeapSnapshots(bots: BotProcess[], dir: string): Promise<void> {
  const count = () => readdirSync(dir).filter((f) => f.endsWith('.heapsnapshot')).length;
  const before = count();
  for (const bot of bots) bot.child.kill('SIGUSR2');
  // The snapshot is written synchronously by the process: wait for its size to settle.
  let last = -1;
  let steady = 0;
  for (let i = 0; i < 300 && steady < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const sizes = readdirSync(dir).filter((f) => f.endsWith('.heapsnapshot')).map((f) => statSync(path.join(dir, f)).size);
    const size = sizes.reduce((n, s) => n + s, 0);
    steady = count() >= before + bots.length && sizes.every((s) => s > 0) && size === last ? steady + 1 : 0;
    last = size;
  }
  console.log(`heap snapshots in ${dir} (open in Chrome DevTools > Memory, or: npx tsx bench/soak/heap-summary.ts <file>)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
