import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { platforms } from '../../src/app/platforms.js';
import { createRedisSubscriptionStore } from '../../src/delivery/core/subscriptions.js';
import { createDeliveryWorker, type DeliveryWorker } from '../../src/delivery/deliver-worker.js';
import { fanOutStory } from '../../src/delivery/fanout.js';
import { queueNames } from '../../src/queue/contracts.js';
import { createKeys } from '../../src/redis/keys.js';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.js';
import { RecordingSender } from '../support/recording-sender.js';
import { waitUntil } from '../support/wait-until.js';
import { makeStory, memoryStories } from './helpers.js';

/*
 * The one moment of a delivery where a Redis blip could double an alert: the platform has accepted the message
 * and Kazwire has not recorded it yet. A platform without idempotency keys (Telegram) would post a retry again.
 */

let redis: PrivateRedis | undefined;
const connections: Redis[] = [];
let worker: DeliveryWorker | undefined;
let queue: Queue | undefined;

afterEach(async () => {
  await worker?.close();
  await queue?.close();
  for (const c of connections.splice(0)) c.disconnect();
  await redis?.close();
  worker = queue = redis = undefined;
});

const connect = (url: string, forWorker = false) => {
  const conn = new Redis(url, { maxRetriesPerRequest: forWorker ? null : 2 });
  conn.on('error', () => undefined);
  connections.push(conn);
  return conn;
};

describe('a delivery when Redis goes away just after the platform accepted the message', () => {
  it('records the message once Redis is back and posts it once', async () => {
    redis = await startPrivateRedis({ appendOnly: true });
    const keys = createKeys('kwblip');
    const client = connect(redis.url);
    const subscriptions = createRedisSubscriptionStore({ redis: client, keys, platforms });
    await subscriptions.subscribe({ destination: { platform: 'telegram', chatId: '-1001' }, entities: [], keywords: [], exclude: [], mode: 'instant', createdBy: 'u1' });
    const story = makeStory('s-blip');
    const stories = memoryStories([story]);
    queue = new Queue(queueNames.deliveries, { connection: client, prefix: keys.prefix });
    queue.on('error', () => undefined);

    const server = redis;
    const sender = new RecordingSender({
      honoursIdempotency: false,
      // Redis goes away between the platform's answer and Kazwire's record of it, and is back 2 s later.
      afterSend: async () => {
        if (sender.sends.length > 1) return;
        await server.stop('graceful');
        setTimeout(() => void server.start(), 2_000);
      },
    });
    worker = createDeliveryWorker({ connection: connect(redis.url, true), redis: client, keys, senders: [sender], stories, subscriptions, maxBackoffMs: 100 });
    await fanOutStory({ redis: client, keys, deliveries: queue, subscriptions, stories }, { storyId: story.id, kind: 'new' }, Date.now());

    await waitUntil('the alert job to complete', async () => (await queue!.getCompletedCount().catch(() => 0)) === 1, { timeoutMs: 20_000 });
    await new Promise((r) => setTimeout(r, 1_000)); // a retry would have posted again by now
    expect(sender.sends).toHaveLength(1);
  }, 40_000);
});
