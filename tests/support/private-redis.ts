import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { waitUntil } from './wait-until.js';

/** Options of {@link startPrivateRedis}. */
export interface PrivateRedisOptions {
  /** Keep data across restarts in an append-only file (`--appendonly yes`, in a temp dir). Default false. */
  appendOnly?: boolean;
  /** The port to listen on. Default: a free one. */
  port?: number;
  /** Start the server now. Default true (false: a port and URL reserved for a Redis started later). */
  start?: boolean;
}

/**
 * A `redis-server` of the test's own, on its own port and data folder, that the test can stop and start again:
 * the real thing an outage or a restart is, never a mock. Without `appendOnly` it keeps nothing (`--save ''`),
 * so a restart comes back empty, as a Redis without persistence does.
 */
export interface PrivateRedis {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** Starts the server (again, on the same port and folder) and waits until it answers. */
  start(): Promise<void>;
  /**
   * Stops the server. `graceful` (SIGTERM): Redis writes its append-only file out first, as a planned restart
   * does. `crash` (SIGKILL): gone at once.
   */
  stop(how?: 'graceful' | 'crash'): Promise<void>;
  /** Stops the server and deletes its folder. */
  close(): Promise<void>;
}

export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(path.join(tmpdir(), 'kw-redis-'));
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const server: PrivateRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    async start() {
      if (child) return;
      const args = [
        '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '',
        '--appendonly', options.appendOnly ? 'yes' : 'no', '--maxmemory-policy', 'noeviction', '--daemonize', 'no',
      ];
      const started = spawn('redis-server', args, { stdio: 'ignore' });
      child = started;
      exited = new Promise((resolve) => started.once('exit', () => resolve()));
      void exited.then(() => {
        if (child === started) child = undefined;
      });
      const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await waitUntil(`redis-server on port ${port} to answer`, async () => {
          if (!child) throw new Error(`redis-server on port ${port} exited at start`);
          try {
            if (probe.status !== 'ready') await probe.connect();
            return (await probe.ping()) === 'PONG';
          } catch {
            probe.disconnect();
            return false;
          }
        }, { timeoutMs: 10_000, intervalMs: 50 });
      } finally {
        probe.disconnect();
      }
    },
    async stop(how = 'graceful') {
      const running = child;
      if (!running) return;
      running.kill(how === 'crash' ? 'SIGKILL' : 'SIGTERM');
      await exited;
      child = undefined;
    },
    async close() {
      await server.stop('crash');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (options.start ?? true) await server.start();
  return server;
}

/** A TCP port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
