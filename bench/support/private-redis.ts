/**
 * A private redis-server on a free loopback port, so a benchmark can read Redis's own CPU accounting
 * (INFO commandstats) without other clients' commands in it. Falls back to REDIS_URL when no
 * redis-server binary is installed, and says so.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { Redis } from 'ioredis';

export interface BenchRedis {
  redis: Redis;
  /** Where other processes reach the same server. */
  url: string;
  /** True when the server is this benchmark's own (its command statistics are ours alone). */
  private: boolean;
  /** Microseconds Redis has spent executing commands since the last reset. */
  commandUsec(): Promise<number>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function wrap(redis: Redis, url: string, isPrivate: boolean, child?: ChildProcess): BenchRedis {
  return {
    redis,
    url,
    private: isPrivate,
    async commandUsec() {
      const info = await redis.info('commandstats');
      let usec = 0;
      for (const m of info.matchAll(/^cmdstat_([^:]+):.*?usec=(\d+)/gm)) if (m[1] !== 'info' && m[1] !== 'config') usec += Number(m[2]);
      return usec;
    },
    async resetStats() {
      if (isPrivate) await redis.config('RESETSTAT');
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
      child?.kill('SIGTERM');
    },
  };
}

export async function startBenchRedis(): Promise<BenchRedis> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const failed = await new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(true));
    setTimeout(() => resolve(false), 150);
  });
  // A benchmark that crashes must not leave its server behind.
  const stop = () => child.kill('SIGTERM');
  process.once('exit', stop);
  if (!failed) {
    const redis = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 2, retryStrategy: (n) => (n > 20 ? null : 50) });
    await redis.ping();
    return wrap(redis, `redis://127.0.0.1:${port}`, true, child);
  }
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  return wrap(redis, url, false);
}
