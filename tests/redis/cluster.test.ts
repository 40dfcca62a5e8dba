import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from 'ioredis';
import { loadConfig } from '../../src/config/env.js';
import { silentLogger } from '../../src/log.js';
import { startApp, type RunningApp } from '../../src/app/start-app.js';
import { ROLES } from '../../src/app/roles.js';
import { deleteKeysWithPrefix } from '../../src/redis/delete-prefix.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram/server.js';
import { clusterUnavailable, startLocalCluster, type LocalCluster } from '../support/redis-cluster.js';
import { waitUntil } from '../support/wait-until.js';
import { askTelegram, telegramMessagesWith } from '../e2e/support/chat-helpers.js';
import { startNewsFeeds, type NewsFeeds } from '../e2e/support/news-feeds.js';

/*
 * The whole pipeline on a real 3-node Redis Cluster (REDIS_CLUSTER_NODES): feeds polled, an item understood and
 * made a story, the story fanned out and delivered to a Telegram group (the local Bot API fake), and commands
 * answered; every key and queue of the deployment in one hash slot.
 */
const missing = clusterUnavailable();
if (missing) console.warn(`Redis Cluster test skipped: ${missing}`);

const admin = { id: 9101, first_name: 'Dana', username: 'dana_desk' };
const news = {
  title: 'Tokayev signs decree on gas prices in Mangystau after protests in Zhanaozen',
  marker: 'decree on gas prices in Mangystau',
  description: 'The president ordered the price of liquefied gas in the western region cut back to 50 tenge a litre.',
};

describe.skipIf(missing !== undefined)('Kazwire on a Redis Cluster (REDIS_CLUSTER_NODES)', () => {
  let cluster: LocalCluster;
  let feeds: NewsFeeds;
  let tg: FakeTelegram;
  let app: RunningApp | undefined;
  let group: number;
  let inspect: Cluster;
  const prefix = `kwtest-cluster-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    cluster = await startLocalCluster(3);
    inspect = new Cluster(cluster.nodes, { redisOptions: { maxRetriesPerRequest: 2 } });
    inspect.on('error', () => undefined);
    feeds = await startNewsFeeds();
    feeds.publish('en', { title: 'Astana hosts a regional water forum', description: 'Ministers of five states met.', pubDate: new Date(Date.now() - 3_600_000) });
    tg = await startFakeTelegram();
    group = tg.addChat({ type: 'supergroup', title: 'Cluster Desk' });
    tg.setMember(group, admin, 'administrator');
    const config = loadConfig({
      REDIS_CLUSTER_NODES: cluster.nodesVariable,
      REDIS_PREFIX: prefix,
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      FEED_URLS: feeds.urls.join(','),
      ALLOW_PRIVATE_NETWORK_FEEDS: 'true',
      POLL_INTERVAL_SECONDS: '2',
      POLL_MAX_INTERVAL_SECONDS: '2',
      HTTP_PORT: '0',
      LOG_LEVEL: 'silent',
    });
    app = await startApp(config, new Set(ROLES), silentLogger);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    if (inspect) {
      await deleteKeysWithPrefix(inspect as never, `{${prefix}}`).catch(() => undefined);
      await inspect.quit().catch(() => inspect.disconnect());
    }
    await Promise.allSettled([feeds?.close(), tg?.close()]);
    await cluster?.stop();
  }, 30_000);

  it('subscribes from a command, polls, makes a story and delivers it once, and answers /timeline', async () => {
    const confirmed = await askTelegram(tg, group, admin, '/subscribe', 'Subscribed', 20_000);
    expect(confirmed.text).toContain('This channel will get');
    await waitUntil('the first poll of every feed', () => feeds.urls.every((_, i) => feeds.fetches((['en', 'ru', 'kk'] as const)[i]!) > 0), { timeoutMs: 20_000 });

    feeds.publish('en', { ...news, pubDate: new Date() });
    await waitUntil('the alert in the Telegram group', () => telegramMessagesWith(tg, group, news.marker).length > 0, { timeoutMs: 30_000 });
    const before = feeds.fetches('en');
    await waitUntil('three more polls', () => feeds.fetches('en') >= before + 3, { timeoutMs: 20_000 });
    expect(telegramMessagesWith(tg, group, news.marker)).toHaveLength(1);

    const timeline = await askTelegram(tg, group, admin, '/timeline', news.marker, 20_000);
    expect(timeline.text).toContain(news.marker);
  }, 90_000);

  it('keeps every key of the deployment, queues included, under one hash tag in one slot', async () => {
    const keys: string[] = [];
    for (const node of inspect.nodes('master')) {
      let cursor = '0';
      do {
        const [next, found] = await node.scan(cursor, 'MATCH', `*${prefix}*`, 'COUNT', 1000);
        cursor = next;
        keys.push(...found);
      } while (cursor !== '0');
    }
    expect(keys.length).toBeGreaterThan(10);
    expect(keys.filter((k) => !k.startsWith(`{${prefix}}:`))).toEqual([]);
    // BullMQ's queues are there, under the same tag.
    expect(keys.some((k) => k.startsWith(`{${prefix}}:poll:`))).toBe(true);
    expect(keys.some((k) => k.startsWith(`{${prefix}}:deliveries:`))).toBe(true);
    const slots = new Set(await Promise.all(keys.slice(0, 50).map((k) => inspect.cluster('KEYSLOT', k) as Promise<number>)));
    expect(slots.size).toBe(1);
  });
});
