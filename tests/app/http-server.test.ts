import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startHttpServer } from '../../src/app/http-server.js';
import { silentLogger } from '../../src/log.js';
import { feedPolls } from '../../src/metrics.js';
import { TEST_REDIS_URL } from '../support/redis.js';

let redis: Redis;
let server: { port: number; close(): Promise<void> };
beforeEach(async () => {
  redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  await redis.ping();
  server = await startHttpServer({ port: 0, redis, logger: silentLogger });
});
afterEach(async () => {
  await server.close();
  redis.disconnect();
});

describe('http server', () => {
  it('answers /healthz with 200 while Redis answers', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /healthz with 503 and the reason when Redis is gone', async () => {
    redis.disconnect();
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; reason: string };
    expect(body.status).toBe('unavailable');
    expect(body.reason).toMatch(/redis/i);
  });

  it('serves Prometheus metrics including feed poll results', async () => {
    feedPolls.inc({ result: 'not_modified' });
    const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    expect(await res.text()).toMatch(/kazwire_feed_polls_total\{result="not_modified"\} \d+/);
  });

  it('answers unknown paths with 404', async () => {
    expect((await fetch(`http://127.0.0.1:${server.port}/nope`)).status).toBe(404);
  });
});
