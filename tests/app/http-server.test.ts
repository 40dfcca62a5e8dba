import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createHealth, type Health } from '../../src/app/health.js';
import { startHttpServer } from '../../src/app/http-server.js';
import { silentLogger } from '../../src/log.js';
import { feedPolls } from '../../src/metrics.js';
import { TEST_REDIS_URL } from '../support/redis.js';

let redis: Redis;
let health: Health;
let server: { port: number; close(): Promise<void> };
beforeEach(async () => {
  redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  await redis.ping();
  health = createHealth(silentLogger);
  server = await startHttpServer({ port: 0, redis, health, logger: silentLogger });
});

interface HealthBody {
  status: string;
  components: Record<string, { up: boolean; detail: string; since: string }>;
}

async function healthz(): Promise<{ status: number; body: HealthBody }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
  return { status: res.status, body: (await res.json()) as HealthBody };
}
afterEach(async () => {
  await server.close();
  redis.disconnect();
});

describe('http server', () => {
  it('answers /healthz with 200 and every component while all are up', async () => {
    health.report('discord', true, 'gateway session ready');
    health.report('pollers', true, 'keeping up');
    const { status, body } = await healthz();
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(Object.keys(body.components)).toEqual(['discord', 'pollers', 'redis']);
    expect(body.components.redis).toMatchObject({ up: true, detail: 'answers PING' });
    expect(Date.parse(body.components.discord!.since)).not.toBeNaN();
  });

  it('answers /healthz with 503 and the reason when Redis is gone', async () => {
    redis.disconnect();
    const { status, body } = await healthz();
    expect(status).toBe(503);
    expect(body.status).toBe('unavailable');
    expect(body.components.redis?.up).toBe(false);
    expect(body.components.redis?.detail).toMatch(/redis/i);
  });

  it.each(['discord', 'telegram', 'pollers', 'workers'])('answers /healthz with 503 while %s is down, and 200 once it is back', async (component) => {
    for (const name of ['discord', 'telegram', 'pollers', 'workers']) health.report(name, true, 'fine');
    health.report(component, false, 'cannot connect: 503 Service Unavailable');
    const down = await healthz();
    expect(down.status).toBe(503);
    expect(down.body.components[component]).toMatchObject({ up: false, detail: 'cannot connect: 503 Service Unavailable' });
    const others = Object.entries(down.body.components).filter(([name]) => name !== component);
    expect(others.every(([, state]) => state.up)).toBe(true);
    const metrics = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
    expect(metrics).toContain(`kazwire_component_up{component="${component}"} 0`);

    health.report(component, true, 'connected');
    const back = await healthz();
    expect(back.status).toBe(200);
    expect(back.body.components[component]?.up).toBe(true);
    expect(await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text()).toContain(`kazwire_component_up{component="${component}"} 1`);
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
