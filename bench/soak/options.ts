/**
 * Command-line options of `npm run bench -- soak [--feeds N] [--interval S] [--duration S] [--pollers N --workers N]
 * [--hosts N] [--new-share F] [--no-build] [--heap-snapshot]`.
 */
export interface SoakOptions {
  feeds: number;
  /** POLL_INTERVAL_SECONDS of the bot. */
  intervalSeconds: number;
  /** How long the bot runs, in seconds (default: three intervals, at least 180 s). */
  durationSeconds: number;
  /** Loopback addresses the feeds are spread over. */
  hosts: number;
  /** Share of the feeds that gain a new item each minute. */
  newShare: number;
  /** Separate poller and worker processes (0 and 0: one process with every role). */
  pollers: number;
  workers: number;
  /** Skip the build (dist/ is current). */
  build: boolean;
  /** Write a heap snapshot of each bot process at the end of the run (`--heap-snapshot`), into a kept folder. */
  heapSnapshot: boolean;
}

export function parseSoakOptions(argv: string[]): SoakOptions {
  const value = (name: string): number | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return undefined;
    const n = Number(argv[i + 1]);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a number (got ${argv[i + 1] ?? 'nothing'})`);
    return n;
  };
  const intervalSeconds = value('interval') ?? 60;
  const pollers = value('pollers') ?? 0;
  const workers = value('workers') ?? 0;
  return {
    feeds: value('feeds') ?? 1000,
    intervalSeconds,
    durationSeconds: value('duration') ?? Math.max(180, 3 * intervalSeconds),
    hosts: Math.min(250, value('hosts') ?? 100),
    newShare: value('new-share') ?? 0.2,
    pollers: pollers || workers ? Math.max(1, pollers) : 0,
    workers: pollers || workers ? Math.max(1, workers) : 0,
    build: !argv.includes('--no-build'),
    heapSnapshot: argv.includes('--heap-snapshot'),
  };
}
