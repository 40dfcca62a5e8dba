/**
 * Starts the bot the way an operator does: `node <npm start's options> dist/src/main.js` (what `npm start` runs
 * after its build step), with the environment a user would set, one process per role group.
 * SOAK_NODE_ARGS adds node options for an experiment (`--max-old-space-size=256`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/paths.js';

/** Compiles the project once, as `npm start`'s prestart step does. */
export function buildOnce(): void {
  const tsc = path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', path.join(projectRoot, 'tsconfig.build.json')], { stdio: 'inherit', cwd: projectRoot });
  if (build.status !== 0) throw new Error('the build failed: fix `npm run build` first');
}

/** Node's options in `npm start` (package.json: `exec node <options> dist/src/main.js`), so the soak runs what it runs. */
export function startScriptNodeArgs(): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const m = /\bnode\s+(.*?)\s*dist\/src\/main\.js/.exec(scripts.start ?? '');
  if (!m) throw new Error('package.json "start" no longer runs `node ... dist/src/main.js`: update bench/soak/bot-processes.ts');
  return m[1]!.split(/\s+/).filter(Boolean);
}

export interface BotProcess {
  role: string;
  child: ChildProcess;
  pid: number;
  startedAtMs: number;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

export interface BotSettings {
  redisUrl: string;
  prefix: string;
  feedUrls: string[];
  intervalSeconds: number;
  /** Extra environment (e.g. REDIS_CLUSTER_NODES). */
  env?: Record<string, string>;
  /** Let SIGUSR2 write a heap snapshot into the process's folder (node --heapsnapshot-signal). */
  heapSnapshots?: boolean;
}

/** A folder holding the FEEDS_FILE; the processes run in it, so no `.env` of the checkout is read. */
export function prepareWorkdir(feedUrls: string[]): { dir: string; feedsFile: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kazwire-soak-'));
  const feedsFile = path.join(dir, 'feeds.txt');
  writeFileSync(feedsFile, `# soak feeds\n${feedUrls.join('\n')}\n`);
  return { dir, feedsFile };
}

export function startBot(settings: BotSettings, workdir: { dir: string; feedsFile: string }, roles: string, onStdout: (chunk: string) => void): BotProcess {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    REDIS_URL: settings.redisUrl,
    REDIS_PREFIX: settings.prefix,
    FEEDS_FILE: workdir.feedsFile,
    POLL_INTERVAL_SECONDS: String(settings.intervalSeconds),
    // A fixed schedule: adaptive polling would stretch quiet feeds, and "on time" means every interval.
    POLL_MAX_INTERVAL_SECONDS: String(settings.intervalSeconds),
    ALLOW_PRIVATE_NETWORK_FEEDS: 'true',
    HTTP_PORT: '0',
    LOG_LEVEL: process.env.SOAK_LOG_LEVEL ?? 'warn',
    LOG_FORMAT: 'json',
    // Experiments with the runtime (`SOAK_NODE_OPTIONS=--max-semi-space-size=4`, `SOAK_MALLOC_ARENA_MAX=2`).
    ...(process.env.SOAK_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SOAK_NODE_OPTIONS } : {}),
    ...(process.env.SOAK_MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: process.env.SOAK_MALLOC_ARENA_MAX } : {}),
    ...settings.env,
  };
  const args = [
    ...startScriptNodeArgs(),
    ...(process.env.SOAK_NODE_ARGS ? process.env.SOAK_NODE_ARGS.split(' ').filter(Boolean) : []),
    ...(settings.heapSnapshots ? ['--heapsnapshot-signal=SIGUSR2'] : []),
    path.join(projectRoot, 'dist', 'src', 'main.js'),
    ...(roles === 'all' ? [] : ['--role', roles]),
  ];
  const child = spawn(process.execPath, args, { cwd: workdir.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.setEncoding('utf8').on('data', onStdout);
  if (process.env.SOAK_STDOUT) child.stdout!.on('data', (chunk: string) => appendFileSync(`${process.env.SOAK_STDOUT}.${child.pid}`, chunk));
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) console.error(`bot process (${roles}) exited with code ${code}:\n${stderr}`);
      resolve(code);
    }),
  );
  process.once('exit', () => child.kill('SIGKILL'));
  return { role: roles, child, pid: child.pid!, startedAtMs: Date.now(), exited };
}

/** SIGTERM, as an orchestrator stops it; SIGKILL after 15 s. */
export async function stopBot(bot: BotProcess): Promise<number | null> {
  if (bot.child.exitCode !== null) return bot.child.exitCode;
  bot.child.kill('SIGTERM');
  const timer = setTimeout(() => bot.child.kill('SIGKILL'), 15_000);
  const code = await bot.exited;
  clearTimeout(timer);
  return code;
}
