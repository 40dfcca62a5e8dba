import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { envSchema } from '../../src/config/env.js';
import { waitUntil } from './wait-until.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The app's entry (`src/main.ts`) running as its own process, as `npm start` runs it, without the build. */
export interface AppProcess {
  readonly pid: number;
  /** Every line written to stdout and stderr so far, oldest first. */
  lines(): string[];
  /** The JSON log records written so far (lines that are not JSON are left out). */
  records(): Array<Record<string, unknown> & { msg?: string; level?: number }>;
  /** Resolves with the first log record whose message contains `text`; rejects when the process exits first. */
  waitForLog(text: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** The exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Starts `node --import tsx src/main.ts` with JSON logs, configured only by `env` (Kazwire variables of the
 * environment running the tests, and any `.env`, are left out).
 */
export function startAppProcess(env: Record<string, string>, args: string[] = []): AppProcess {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !(name in envSchema.shape)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: projectRoot,
    env: { ...inherited, KAZWIRE_ENV_FILE: '/dev/null', LOG_FORMAT: 'json', HTTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let exitedWith: number | string | undefined;
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts);
    });
    stream.on('end', () => rest && lines.push(rest));
  }
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      exitedWith = code ?? signal ?? 'unknown';
      resolve(exitedWith);
    }),
  );
  const records = () =>
    lines.flatMap((line) => {
      try {
        const parsed = JSON.parse(line) as unknown;
        return typeof parsed === 'object' && parsed !== null ? [parsed as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
  return {
    pid: child.pid!,
    lines: () => [...lines],
    records,
    exited,
    kill: (signal) => void child.kill(signal),
    waitForLog: (text, timeoutMs = 60_000) =>
      waitUntil(
        `"${text}" in the app's log`,
        () => {
          const found = records().find((r) => typeof r.msg === 'string' && r.msg.includes(text));
          if (found) return found;
          if (exitedWith !== undefined) throw new Error(`the app exited (${exitedWith}) before logging "${text}":\n${lines.slice(-20).join('\n')}`);
          return undefined;
        },
        { timeoutMs, intervalMs: 100 },
      ),
  };
}
