import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { platforms } from '../../src/app/platforms.js';
import { createRedisSubscriptionStore } from '../../src/delivery/core/subscriptions.js';
import { destinationKey, SendError, type Destination, type Sender, type SubscriptionStore } from '../../src/delivery/core/types.js';
import { createDeliveryWorker } from '../../src/delivery/deliver-worker.js';
import { createFanoutWorker } from '../../src/delivery/fanout.js';
import { queueNames } from '../../src/queue/contracts.js';
import { deleteKeysWithPrefix } from '../../src/redis/delete-prefix.js';
import { createKeys, type Keys } from '../../src/redis/keys.js';
import { makeStory, memoryStories } from '../../tests/delivery/helpers.js';
import { REDIS_URL } from './settings.js';
import type { PlatformUnderTest } from './targets.js';

/** Redis commands sent through one client, by name; pacing acquisitions told apart by their bucket keys. */
export interface CommandCount {
  total: number;
  paceAcquires: number;
}

export function counted(redis: Redis, count: CommandCount): Redis {
  const original = redis.sendCommand.bind(redis);
  redis.sendCommand = ((...args: Parameters<Redis['sendCommand']>) => {
    count.total++;
    const command = args[0];
    if (command.name === 'evalsha' && command.args.some((a) => typeof a === 'string' && a.includes(':bucket:'))) count.paceAcquires++;
    return original(...args);
  }) as Redis['sendCommand'];
  return redis;
}

/** One accepted send, seen at the sender's edge. */
export interface SendRecord {
  at: number;
  destination: string;
  stories: number;
}

/** The real sender, recording each accepted send and each rate-limited refusal (served or the client's own). */
export function observed(inner: Sender, sends: SendRecord[], refusals: { rateLimited: number }): Sender {
  return {
    platform: inner.platform,
    maxStoriesPerMessage: inner.maxStoriesPerMessage,
    async send(destination, message, key) {
      try {
        const ref = await inner.send(destination, message, key);
        sends.push({ at: Date.now(), destination: destinationKey(destination), stories: message.stories.length });
        return ref;
      } catch (err) {
        if (err instanceof SendError && err.failure.kind === 'rate-limited') refusals.rateLimited++;
        throw err;
      }
    },
    edit: (destination, ref, message) => inner.edit(destination, ref, message),
  };
}

/** Redis, queues, workers and stores of one scenario, under a throwaway prefix. */
export interface Env {
  keys: Keys;
  redis: Redis;
  store: SubscriptionStore;
  stories: ReturnType<typeof memoryStories>;
  storyQueue: Queue;
  deliveries: Queue;
  commands: CommandCount;
  sends: SendRecord[];
  refusals: { rateLimited: number };
  close(): Promise<void>;
}

export async function openEnv(target: PlatformUnderTest | undefined): Promise<Env> {
  const prefix = `kwbench-dp-${randomBytes(4).toString('hex')}`;
  const keys = createKeys(prefix);
  const commands: CommandCount = { total: 0, paceAcquires: 0 };
  const redis = counted(new Redis(REDIS_URL, { maxRetriesPerRequest: 2 }), commands);
  const workerConn = counted(new Redis(REDIS_URL, { maxRetriesPerRequest: null }), commands);
  const fanoutConn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const store = createRedisSubscriptionStore({ redis, keys, platforms });
  const stories = memoryStories();
  const storyQueue = new Queue(queueNames.stories, { connection: redis, prefix });
  const deliveries = new Queue(queueNames.deliveries, { connection: redis, prefix });
  const sends: SendRecord[] = [];
  const refusals = { rateLimited: 0 };
  const workers = target
    ? [
        createFanoutWorker({ connection: fanoutConn, redis, keys, deliveries, subscriptions: store, stories }),
        createDeliveryWorker({
          connection: workerConn,
          redis,
          keys,
          senders: [observed(target.sender, sends, refusals)],
          stories,
          subscriptions: store,
        }),
      ]
    : [];
  return {
    keys,
    redis,
    store,
    stories,
    storyQueue,
    deliveries,
    commands,
    sends,
    refusals,
    async close() {
      for (const w of workers) await w.close();
      await storyQueue.close();
      await deliveries.close();
      await deleteKeysWithPrefix(redis, prefix);
      await Promise.all([redis, workerConn, fanoutConn].map((c) => c.quit()));
    },
  };
}

export async function subscribe(env: Env, destination: Destination, entity: string): Promise<void> {
  await env.store.subscribe({ destination, entities: [entity], keywords: [], exclude: [], mode: 'instant', createdBy: 'bench' });
}

/** Queues a story job as ingest does; returns when it was queued. */
export async function queueStory(env: Env, storyId: string, entity: string): Promise<number> {
  env.stories.put(makeStory(storyId, { entities: [entity], title: `Tokayev meets regional leaders in Astana (${storyId})` }));
  const queuedAt = Date.now();
  await env.storyQueue.add('new', { storyId, kind: 'new', queuedAt }, { jobId: `story-${storyId}-new` });
  return queuedAt;
}
