import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOperations } from '../../src/app/operations.js';
import type { Infrastructure } from '../../src/app/infrastructure.js';
import { loadConfig } from '../../src/config/env.js';
import { createRedisSubscriptionStore } from '../../src/delivery/core/subscriptions.js';
import { createRedisFeedRegistry } from '../../src/feeds/registry.js';
import { silentLogger } from '../../src/log.js';
import { metricsRegistry } from '../../src/metrics.js';
import { useRedis, type RedisTestContext } from '../support/redis.js';
import { platforms } from '../../src/app/platforms.js';

let ctx: RedisTestContext;
let dir: string;
beforeEach(async () => {
  ctx = await useRedis('operations');
  dir = mkdtempSync(path.join(tmpdir(), 'kw-ops-'));
});
afterEach(async () => {
  await ctx.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function infra(env: Record<string, string> = {}): Infrastructure {
  return { redis: ctx.redis, keys: ctx.keys, config: loadConfig(env), logger: silentLogger } as unknown as Infrastructure;
}

describe('operations every process runs', () => {
  it('serves feeds by state and subscriptions by platform and state on each scrape', async () => {
    const registry = createRedisFeedRegistry(ctx);
    const { feed } = await registry.add('https://a.example/rss', 'config');
    await registry.add('https://b.example/rss', 'config');
    await registry.update(feed.id, { lastPollAt: new Date().toISOString(), consecutiveFailures: 6, failing: true });
    const subs = createRedisSubscriptionStore({ ...ctx, platforms });
    const { subscription } = await subs.subscribe({ destination: { platform: 'telegram', chatId: '-100' }, entities: [], keywords: [], exclude: [], mode: 'instant', createdBy: '1' });
    await subs.pause(subscription.id, 'kicked');

    const stop = startOperations(infra());
    try {
      const text = await metricsRegistry.metrics();
      expect(text).toMatch(/^kazwire_feeds\{state="failing"\} 1$/m);
      expect(text).toMatch(/^kazwire_feeds\{state="never_polled"\} 1$/m);
      expect(text).toMatch(/^kazwire_feeds\{state="ok"\} 0$/m);
      expect(text).toMatch(/^kazwire_subscriptions\{platform="telegram",state="paused"\} 1$/m);
      expect(text).toMatch(/^kazwire_subscriptions\{platform="discord",state="active"\} 0$/m);
    } finally {
      await stop();
    }
  });

  it('exports the subscriptions to BACKUP_DIR when it is set', async () => {
    await createRedisSubscriptionStore({ ...ctx, platforms }).subscribe({ destination: { platform: 'discord', chatId: '7' }, entities: [], keywords: [], exclude: [], mode: 'instant', createdBy: '1' });
    const stop = startOperations(infra({ BACKUP_DIR: path.join(dir, 'backups') }));
    await stop();
    expect(readdirSync(path.join(dir, 'backups'))).toEqual([expect.stringMatching(/^subscriptions-\d{8}T\d{9}Z\.json$/)]);
  });
});
