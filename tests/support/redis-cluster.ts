import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

/** Why a cluster cannot be started here (no redis-server or redis-cli on PATH), or undefined when it can. */
export function clusterUnavailable(): string | undefined {
  for (const tool of ['redis-server', 'redis-cli']) {
    const found = spawnSync(tool, ['--version'], { stdio: 'ignore' });
    if (found.error || found.status !== 0) return `${tool} is not installed (needed to start a local Redis Cluster)`;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface LocalCluster {
  nodes: Array<{ host: string; port: number }>;
  /** `host:port,host:port,...` for REDIS_CLUSTER_NODES. */
  nodesVariable: string;
  stop(): Promise<void>;
}

/**
 * A real 3-primary Redis Cluster on free loopback ports (no replicas, no persistence), created with
 * `redis-cli --cluster create`, ready once every node reports `cluster_state:ok`. The cluster bus uses port+10000.
 */
export async function startLocalCluster(size = 3): Promise<LocalCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kazwire-cluster-'));
  const ports: number[] = [];
  while (ports.length < size) {
    const port = await freePort();
    // The bus port (port + 10000) must be free too.
    if (port + 10000 < 65536 && !ports.includes(port)) ports.push(port);
  }
  const children: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', path.join(dir, `nodes-${port}.conf`),
        '--dir', dir, '--save', '', '--appendonly', 'no', '--cluster-node-timeout', '5000'],
      { stdio: 'ignore' },
    ),
  );
  const stopAll = async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', () => children.forEach((c) => c.kill('SIGKILL')));
  try {
    for (const port of ports) await waitForPing(port);
    const create = spawnSync(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stderr || create.stdout}`);
    for (const port of ports) await waitForClusterOk(port);
  } catch (err) {
    await stopAll();
    throw err;
  }
  const nodes = ports.map((port) => ({ host: '127.0.0.1', port }));
  return { nodes, nodesVariable: nodes.map((n) => `${n.host}:${n.port}`).join(','), stop: stopAll };
}

async function withNode<T>(port: number, run: (r: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    return await run(redis);
  } finally {
    redis.disconnect();
  }
}

async function waitForPing(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await withNode(port, (r) => r.ping());
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not start: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function waitForClusterOk(port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await withNode(port, (r) => r.cluster('INFO') as Promise<string>).catch(() => '');
    if (info.includes('cluster_state:ok')) return;
    if (Date.now() > deadline) throw new Error(`the cluster node on port ${port} is not ok: ${info.split('\n')[0] ?? ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
