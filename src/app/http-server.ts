import http from 'node:http';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { metricsRegistry } from '../metrics.js';
import type { Health } from './health.js';

export interface HttpServerDeps {
  port: number;
  redis: Redis;
  /** What each component last said; /healthz answers it after asking Redis itself. */
  health: Health;
  /** How Kazwire's data in Redis stands (src/app/redis-data-watch.ts): in /healthz, 503 unless `ok`. */
  redisData?: () => { state: string };
  /** Called before each /metrics scrape to refresh gauges (queue depths). */
  beforeScrape?: () => Promise<void>;
  logger: Logger;
}

/** An extra route, e.g. the Telegram webhook. Returns true when it handled the request. */
export type HttpRoute = (req: http.IncomingMessage, res: http.ServerResponse) => boolean | Promise<boolean>;

export interface AppHttpServer {
  port: number;
  /** Adds a route tried before the 404 (roles mount theirs after the server is up). */
  addRoute(route: HttpRoute): void;
  close(): Promise<void>;
}

/**
 * `GET /healthz`: each component's state as JSON `{status, components: {name: {up, detail, since}}}`; 200 when
 * every component is up (Redis is asked at each request), 503 when one is not.
 * `GET /metrics`: Prometheus text format.
 */
export async function startHttpServer(deps: HttpServerDeps): Promise<AppHttpServer> {
  const log = deps.logger.child({ module: 'http' });
  const routes: HttpRoute[] = [];
  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      log.error({ err, url: req.url }, 'http handler failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error\n');
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      const problem = await redisProblem(deps.redis);
      deps.health.report('redis', !problem, problem ?? 'answers PING', { check: 'is Redis running and reachable at REDIS_URL?' });
      const data = deps.redisData?.();
      if (data) {
        deps.health.report('redis-data', data.state === 'ok', data.state === 'ok' ? 'marker present' : `data lost: ${data.state}`, {
          check: 'Redis lost its data (restarted without persistence?): the feed list is reloaded; see the log for what was restored',
        });
      }
      const report = deps.health.snapshot();
      res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ ...report, ...(data ? { redisData: data } : {}) }) + '\n');
      return;
    }
    if (req.method === 'GET' && path === '/metrics') {
      await deps.beforeScrape?.().catch((err: unknown) => log.warn({ err }, 'refreshing gauges failed'));
      res.writeHead(200, { 'content-type': metricsRegistry.contentType });
      res.end(await metricsRegistry.metrics());
      return;
    }
    for (const route of routes) if (await route(req, res)) return;
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : deps.port;
  log.info({ port }, 'http server listening (/healthz, /metrics)');
  return {
    port,
    addRoute: (route) => routes.push(route),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function redisProblem(redis: Redis): Promise<string | undefined> {
  if (redis.status !== 'ready') return `redis connection is ${redis.status}`;
  try {
    const pong = await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('redis did not answer PING within 2 s')), 2_000).unref()),
    ]);
    return pong === 'PONG' ? undefined : `unexpected PING answer: ${pong}`;
  } catch (err) {
    return `redis did not answer: ${err instanceof Error ? err.message : String(err)}`;
  }
}
