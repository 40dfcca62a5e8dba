/**
 * Delivery benchmark (figures printed, not asserted), on the local Redis with a throw-away prefix:
 * - fan-out of one story to 10,000 subscriptions: wall time and Redis commands (counted by wrapping sendCommand);
 * - 10,000 deliveries (10 stories to each of 1,000 destinations) through the recording sender, unpaced:
 *   one story a message, then combined (10 a message): stories/s and messages/s of one worker process;
 * - the same under Telegram's default pace (30 messages/s for the bot): messages/s against that ceiling.
 */
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createKeys, type Keys } from '../src/redis/keys.js';
import { queueNames } from '../src/queue/contracts.js';
import { createRedisSubscriptionStore } from '../src/delivery/core/subscriptions.js';
import { platforms } from '../src/app/platforms.js';
import type { SubscribeInput, SubscriptionStore } from '../src/delivery/core/types.js';
import { createDeliveryWorker } from '../src/delivery/deliver-worker.js';
import { fanOutStory } from '../src/delivery/fanout.js';
import type { PaceRules } from '../src/delivery/pacing/pace-rules.js';
import { RecordingSender } from '../tests/support/recording-sender.js';
import { makeStory, memoryStories } from '../tests/delivery/helpers.js';
import { deleteKeysWithPrefix } from '../src/redis/delete-prefix.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const unpaced: PaceRules = { telegram: {}, discord: {}, console: {} };

interface Env {
  redis: Redis;
  keys: Keys;
  store: SubscriptionStore;
  deliveries: Queue;
  commands: () => number;
  close(): Promise<void>;
}

async function open(): Promise<Env> {
  const prefix = `kwbench-${randomBytes(4).toString('hex')}`;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  let count = 0;
  const original = redis.sendCommand.bind(redis);
  redis.sendCommand = ((...args: Parameters<Redis['sendCommand']>) => {
    count++;
    return original(...args);
  }) as Redis['sendCommand'];
  const keys = createKeys(prefix);
  const deliveries = new Queue(queueNames.deliveries, { connection: redis, prefix });
  return {
    redis,
    keys,
    store: createRedisSubscriptionStore({ redis, keys, platforms }),
    deliveries,
    commands: () => count,
    async close() {
      await deliveries.close();
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
    },
  };
}

async function subscribeMany(
  store: SubscriptionStore,
  n: number,
  entities: (i: number) => string[],
  withKeywords = true,
): Promise<void> {
  const inputs: SubscribeInput[] = Array.from({ length: n }, (_, i) => ({
    destination: { platform: 'telegram', chatId: String(1_000_000 + i) },
    entities: entities(i),
    keywords: withKeywords && i % 7 === 0 ? ['tokayev', 'астана'] : [],
    exclude: withKeywords && i % 11 === 0 ? ['football'] : [],
    mode: 'instant',
    createdBy: 'bench',
  }));
  for (let i = 0; i < inputs.length; i += 500) await Promise.all(inputs.slice(i, i + 500).map((x) => store.subscribe(x)));
}

async function benchFanout(): Promise<void> {
  const env = await open();
  try {
    await subscribeMany(env.store, 10_000, (i) => (i % 2 === 0 ? [] : ['tokayev']));
    const stories = memoryStories([makeStory('b1', { entities: ['tokayev'], title: 'Tokayev in Astana' })]);
    const before = env.commands();
    const t0 = performance.now();
    const result = await fanOutStory(
      { redis: env.redis, keys: env.keys, deliveries: env.deliveries, subscriptions: env.store, stories },
      { storyId: 'b1', kind: 'new' },
      Date.now(),
    );
    const ms = performance.now() - t0;
    console.log(
      `fan-out of 1 story to 10,000 subscriptions: ${ms.toFixed(0)} ms, ${result.alerts} delivery jobs, ` +
        `${env.commands() - before} Redis commands (matching itself: 1 SUNION + 1 pipeline of HGETs)`,
    );
  } finally {
    await env.close();
  }
}

async function benchDeliveries(label: string, options: { destinations: number; perDest: number; maxPerMessage: number; pace: PaceRules }): Promise<void> {
  const env = await open();
  const workerConn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  try {
    await subscribeMany(env.store, options.destinations, () => [], false);
    const stories = memoryStories();
    let total = 0;
    for (let s = 0; s < options.perDest; s++) {
      const story = makeStory(`d${s}`);
      stories.put(story);
      total += (await fanOutStory(
        { redis: env.redis, keys: env.keys, deliveries: env.deliveries, subscriptions: env.store, stories },
        { storyId: story.id, kind: 'new' },
        Date.now(),
      )).alerts;
    }
    const sender = new RecordingSender({ maxStoriesPerMessage: options.maxPerMessage });
    const t0 = performance.now();
    const worker = createDeliveryWorker({
      connection: workerConn,
      redis: env.redis,
      keys: env.keys,
      senders: [sender],
      stories,
      subscriptions: env.store,
      paceRules: options.pace,
      concurrency: 50,
    });
    let storiesSent = 0;
    while (storiesSent < total) {
      await new Promise((r) => setTimeout(r, 100));
      storiesSent = sender.sends.reduce((n, s) => n + s.message.stories.length, 0);
      if (performance.now() - t0 > 180_000) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    await worker.close();
    console.log(
      `${label}: ${storiesSent}/${total} stories in ${sender.sends.length} messages, ${seconds.toFixed(1)} s: ` +
        `${(storiesSent / seconds).toFixed(0)} stories/s, ${(sender.sends.length / seconds).toFixed(1)} messages/s`,
    );
  } finally {
    await workerConn.quit();
    await env.close();
  }
}

export async function run(): Promise<void> {
  console.log('\n## delivery');
  await benchFanout();
  await benchDeliveries('10,000 deliveries to 1,000 destinations, unpaced, 1 story a message', {
    destinations: 1_000,
    perDest: 10,
    maxPerMessage: 1,
    pace: unpaced,
  });
  await benchDeliveries('10,000 deliveries to 1,000 destinations, unpaced, combined up to 10 a message', {
    destinations: 1_000,
    perDest: 10,
    maxPerMessage: 10,
    pace: unpaced,
  });
  await benchDeliveries('1,500 deliveries to 300 Telegram chats at the default pace (ceiling 30 messages/s)', {
    destinations: 300,
    perDest: 5,
    maxPerMessage: 1,
    // No replacement: Telegram's own limits, as its descriptor states them.
    pace: {},
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
