import { Queue } from 'bullmq';
import { useRedis, type RedisTestContext } from '../support/redis.js';
import { RecordingSender, type RecordingSenderOptions } from '../support/recording-sender.js';
import { createRedisSubscriptionStore } from '../../src/delivery/core/subscriptions.js';
import { platforms } from '../../src/app/platforms.js';
import type { PlatformDirectory } from '../../src/delivery/core/platform.js';
import type { Destination, SubscribeInput, SubscriptionStore } from '../../src/delivery/core/types.js';
import { createDeliveryWorker, type DeliveryWorker, type DeliveryWorkerOptions } from '../../src/delivery/deliver-worker.js';
import { fanOutStory } from '../../src/delivery/fanout.js';
import { queueNames } from '../../src/queue/contracts.js';
import type { Story } from '../../src/news/types.js';
import { makeStory, memoryStories } from './helpers.js';

/** A delivery pipeline on real Redis with a recording sender: subscribe, fan out, run workers. */
export interface DeliveryHarness {
  ctx: RedisTestContext;
  store: SubscriptionStore;
  stories: ReturnType<typeof memoryStories>;
  sender: RecordingSender;
  deliveries: Queue;
  subscribe(destination: Destination, fields?: Partial<SubscribeInput>): Promise<string>;
  /** Archives the story and fans it out as `new`, at `nowMs` (default the real time). */
  publish(story: Story | string, nowMs?: number): Promise<void>;
  /** Starts a worker (each on its own connection, like another process). */
  startWorker(options?: Partial<DeliveryWorkerOptions>): DeliveryWorker;
  close(): Promise<void>;
}

/** `directory`: the platforms subscriptions may be to (default: the app's). */
export async function createHarness(
  label: string,
  senderOptions: RecordingSenderOptions = {},
  directory: PlatformDirectory = platforms,
): Promise<DeliveryHarness> {
  const ctx = await useRedis(label);
  const store = createRedisSubscriptionStore({ redis: ctx.redis, keys: ctx.keys, platforms: directory });
  const stories = memoryStories();
  const sender = new RecordingSender(senderOptions);
  const deliveries = new Queue(queueNames.deliveries, { connection: ctx.redis, prefix: ctx.prefix });
  const workers: DeliveryWorker[] = [];
  return {
    ctx,
    store,
    stories,
    sender,
    deliveries,
    async subscribe(destination, fields = {}) {
      const { subscription } = await store.subscribe({
        destination,
        entities: [],
        keywords: [],
        exclude: [],
        mode: 'instant',
        createdBy: 'u1',
        ...fields,
      });
      return subscription.id;
    },
    async publish(story, nowMs) {
      const s = typeof story === 'string' ? makeStory(story) : story;
      stories.put(s);
      await fanOutStory(
        { redis: ctx.redis, keys: ctx.keys, deliveries, subscriptions: store, stories, ...(nowMs !== undefined ? { now: () => nowMs } : {}) },
        { storyId: s.id, kind: 'new' },
        nowMs ?? Date.now(),
      );
    },
    startWorker(options = {}) {
      const connection = ctx.connect({ worker: true });
      const worker = createDeliveryWorker({
        connection,
        redis: ctx.connect(),
        keys: ctx.keys,
        senders: [sender],
        stories,
        subscriptions: store,
        maxBackoffMs: 100,
        ...options,
      });
      workers.push(worker);
      return worker;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close().catch(() => undefined)));
      await deliveries.close();
      await ctx.cleanup();
    },
  };
}
