import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { envSchema } from '../../../src/config/env.js';
import { waitUntil } from '../../support/wait-until.js';

/** The bot as an operator runs it: `npm start` in the project root, configured only by environment variables. */
export interface BotProcess {
  readonly pid: number | undefined;
  /** Every line the process wrote to stdout and stderr so far, oldest first. */
  output(): string[];
  /** Resolves with the first output line containing `text`; rejects when the process exits first or after `timeoutMs`. */
  waitForOutput(text: string, timeoutMs: number): Promise<string>;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** The exit code (or signal name), or undefined while the process runs. */
  exitCode(): number | string | undefined;
  /** Sends `signal` to the npm process, as an orchestrator stopping the container would. */
  kill(signal: NodeJS.Signals): void;
  /** The pid of the app itself (`node … dist/src/main.js`, a descendant of npm), while it runs. */
  appPid(): number | undefined;
}

/** Options of {@link startBotProcess}. */
export interface BotProcessOptions {
  /** The project root (where package.json is). */
  cwd: string;
  /** Kazwire's environment variables by their public names. */
  env: Record<string, string>;
}

/**
 * Spawns `npm start` (prestart builds, then the app runs every role). Kazwire variables inherited from the
 * environment running the tests are dropped, so only `env` configures the bot.
 */
export function startBotProcess(options: BotProcessOptions): BotProcess {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !(name in envSchema.shape)),
  );
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: options.cwd,
    // A developer's own .env must not configure the bot under test: only `env` does.
    env: { ...inherited, KAZWIRE_ENV_FILE: '/dev/null', ...options.env },
    detached: false,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let exitedWith: number | string | undefined;
  const collect = (stream: NodeJS.ReadableStream | null, label: string) => {
    let rest = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) lines.push(`${label} ${line}`);
    });
    stream?.on('end', () => {
      if (rest) lines.push(`${label} ${rest}`);
    });
  };
  collect(child.stdout, '[out]');
  collect(child.stderr, '[err]');
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      exitedWith = code ?? signal ?? 'unknown';
      resolve(exitedWith);
    });
  });

  return {
    pid: child.pid,
    output: () => [...lines],
    exited,
    exitCode: () => exitedWith,
    kill: (signal) => void child.kill(signal),
    appPid: () => (child.pid === undefined ? undefined : findDescendant(child.pid, 'dist/src/main.js')),
    waitForOutput: (text, timeoutMs) =>
      waitUntil(
        `"${text}" in the bot's output`,
        () => {
          const line = lines.find((l) => l.includes(text));
          if (line) return line;
          if (exitedWith !== undefined) throw new Error(`the bot exited (${exitedWith}) before writing "${text}"`);
          return undefined;
        },
        { timeoutMs, intervalMs: 200 },
      ),
  };
}

/** A TCP port nobody listens on right now (the OS picks it; it stays free unless someone else grabs it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A node process descending from `rootPid` whose command line contains `commandPart`, read from /proc (Linux). Once its
 * parents exit it is re-parented and no longer found: look it up while the tree is whole.
 */
export function findDescendant(rootPid: number, commandPart: string): number | undefined {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may contain spaces and parentheses: the fields after its closing paren are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const isDescendant = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === rootPid) return true;
    return false;
  };
  for (const pid of parents.keys()) {
    if (!isDescendant(pid)) continue;
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      // `sh -c "node … main.js"` names the script too; the app is the process whose own program is node.
      if (path.basename(argv[0] ?? '') === 'node' && argv.join(' ').includes(commandPart)) return pid;
    } catch {
      // Gone already.
    }
  }
  return undefined;
}
