/** The soak's figures, each beside its aim. */
import type { BotProcess } from './bot-processes.js';
import type { DeliveryTally } from './console-deliveries.js';
import type { PollStats } from './feed-server.js';
import type { SoakOptions } from './options.js';
import { coresBetween, median, type Sample } from './proc-sampler.js';

export interface SoakResult {
  options: SoakOptions;
  stats: PollStats;
  samples: Sample[];
  startedAtMs: number;
  bots: BotProcess[];
  tally: DeliveryTally;
  exitCodes: Array<number | null>;
  privateRedis: boolean;
}

const pct = (n: number) => `${(100 * n).toFixed(1)}%`;
const mark = (ok: boolean) => (ok ? 'met' : 'NOT met');

export function printSoakFigures(r: SoakResult): void {
  const { options, stats, samples, tally } = r;
  const intervalMs = options.intervalSeconds * 1000;
  const coldMs = stats.coldStartMs;
  // The steady state starts once every feed has been polled once (or, if some never were, after two intervals).
  const steadyFrom = r.startedAtMs + (coldMs ?? 2 * intervalMs);
  const steady = samples.filter((s) => s.atMs >= steadyFrom);
  const first = steady[0];
  const last = steady.at(-1);
  const wanted = options.feeds / options.intervalSeconds;

  const line = (what: string, figure: string, aim: string, ok?: boolean) =>
    console.log(`${what.padEnd(34)} ${figure.padEnd(40)} aim: ${aim}${ok === undefined ? '' : ` (${mark(ok)})`}`);

  line(
    'cold start (first round of feeds)',
    coldMs === null ? `${stats.reached} of ${stats.feeds} feeds reached` : `${(coldMs / 1000).toFixed(0)} s`,
    `within two intervals (${2 * options.intervalSeconds} s)`,
    coldMs !== null && coldMs <= 2 * intervalMs,
  );
  const due = stats.gaps + stats.overdue;
  const onTime = due > 0 ? stats.onTime / due : 0;
  line('polls on time (steady state)', `${pct(onTime)} (${stats.onTime} of ${due}; ${stats.overdue} overdue at the end)`, '>= 95%', due > 0 && onTime >= 0.95);
  line('polls per second (steady state)', `${stats.steadyPollsPerSecond.toFixed(1)} (${wanted.toFixed(1)} scheduled)`, `${wanted.toFixed(1)}/s`);
  console.log(`${''.padEnd(34)} ${stats.fetches} fetches in all, ${pct(stats.notModifiedShare)} answered 304`);
  line('feeds polled twice in half an interval', String(stats.doubled), '0 (no double work)', stats.doubled === 0);

  if (!first || !last || first === last) {
    console.log('no steady-state samples: the run ended before every feed was polled once; run longer (--duration)');
  } else {
    const seconds = (last.atMs - first.atMs) / 1000;
    let botCores = 0;
    r.bots.forEach((bot, i) => {
      const a = first.bots[i];
      const b = last.bots[i];
      const cores = a && b ? coresBetween(a.cpuSeconds, b.cpuSeconds, first.atMs, last.atMs) : Number.NaN;
      botCores += cores;
      const rss = samples.map((s) => s.bots[i]?.rssMb).filter((v): v is number => v !== undefined);
      const rssSteady = steady.map((s) => s.bots[i]?.rssMb).filter((v): v is number => v !== undefined);
      const threads = Math.max(...samples.map((s) => s.bots[i]?.threads ?? 0));
      const name = r.bots.length > 1 ? `process ${i + 1} (${bot.role})` : 'bot';
      line(`${name} CPU (steady state)`, `${cores.toFixed(2)} cores over ${seconds.toFixed(0)} s`, '< 1 core', cores < 1);
      line(
        `${name} RSS`,
        `median ${median(rssSteady).toFixed(0)} MB, max ${Math.max(...rss).toFixed(0)} MB, ${threads} threads`,
        '< 300 MB',
        Math.max(...rss) < 300,
      );
    });
    if (r.bots.length > 1) line('bot CPU, all processes', `${botCores.toFixed(2)} cores`, 'rises with the processes until the load is met');
    const redisCores = coresBetween(first.redisCpuSeconds, last.redisCpuSeconds, first.atMs, last.atMs);
    line(
      `Redis CPU (steady state)`,
      `${redisCores.toFixed(2)} cores${r.privateRedis ? ' (private redis-server)' : ' (shared Redis: others count too)'}`,
      '< 0.5 core',
      redisCores < 0.5,
    );
  }
  line('deliveries (console)', `${tally.delivered} stories in ${tally.messages} messages, ${tally.updated} updates`, 'half the new items are relevant');
  line('duplicate deliveries', String(tally.duplicates), '0', tally.duplicates === 0);
  const bad = r.exitCodes.filter((c) => c !== 0);
  if (bad.length > 0) console.log(`bot exit codes: ${r.exitCodes.join(', ')} (0 = clean shutdown)`);
  const warnings = [...tally.warnings].sort((a, b) => b[1] - a[1]).slice(0, 5);
  if (warnings.length > 0) console.log(`warnings logged: ${warnings.map(([m, n]) => `${n}× ${m}`).join('; ')}`);
}
