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

/**
 * Redis commands and round trips sent through the clients counted (a script counts as one command); a pipeline or
 * MULTI is one round trip, and so is each command sent alone. Pacing reservations are told apart by their keys.
 */
export interface CommandCount {
  total: number;
  roundTrips: number;
  paceReservations: number;
}

export const newCount = (): CommandCount => ({ total: 0, roundTrips: 0, paceReservations: 0 });

export function counted(redis: Redis, count: CommandCount): Redis {
  const original = redis.sendCommand.bind(redis);
  const pipelines = new WeakSet<object>();
  redis.sendCommand = ((...args: Parameters<Redis['sendCommand']>) => {
    count.total++;
    const [command, stream] = args;
    // ioredis sends each command of one pipeline with that pipeline's own stream object.
    if (!stream) count.roundTrips++;
    else if (!pipelines.has(stream)) {
      pipelines.add(stream);
      count.roundTrips++;
    }
    if (command.name === 'evalsha' && command.args.some((a) => typeof a === 'string' && a.includes(':pace:'))) count.paceReservations++;
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
export interface Refusals {
  rateLimited: number;
  at: Array<{ at: number; destination: string }>;
}

export function observed(inner: Sender, sends: SendRecord[], refusals: Refusals): Sender {
  return {
    platform: inner.platform,
    maxStoriesPerMessage: inner.maxStoriesPerMessage,
    async send(destination, message, key) {
      try {
        const ref = await inner.send(destination, message, key);
        sends.push({ at: Date.now(), destination: destinationKey(destination), stories: message.stories.length });
        return ref;
      } catch (err) {
        if (err instanceof SendError && err.failure.kind === 'rate-limited') {
          refusals.rateLimited++;
          refusals.at.push({ at: Date.now(), destination: destinationKey(destination) });
        }
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
  /** Commands by who sent them: the producer (subscribing, queueing stories), fan-out, and the delivery worker. */
  commands: { producer: CommandCount; fanout: CommandCount; delivery: CommandCount };
  sends: SendRecord[];
  refusals: Refusals;
  close(): Promise<void>;
}

export async function openEnv(target: PlatformUnderTest | undefined): Promise<Env> {
  const prefix = `kwbench-dp-${randomBytes(4).toString('hex')}`;
  const keys = createKeys(prefix);
  const commands = { producer: newCount(), fanout: newCount(), delivery: newCount() };
  const redis = counted(new Redis(REDIS_URL, { maxRetriesPerRequest: 2 }), commands.producer);
  const fanoutRedis = counted(new Redis(REDIS_URL, { maxRetriesPerRequest: 2 }), commands.fanout);
  const deliveryRedis = counted(new Redis(REDIS_URL, { maxRetriesPerRequest: 2 }), commands.delivery);
  const workerConn = counted(new Redis(REDIS_URL, { maxRetriesPerRequest: null }), commands.delivery);
  const fanoutConn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const store = createRedisSubscriptionStore({ redis, keys, platforms });
  const stories = memoryStories();
  const storyQueue = new Queue(queueNames.stories, { connection: redis, prefix });
  const deliveries = new Queue(queueNames.deliveries, { connection: target ? fanoutRedis : redis, prefix });
  const sends: SendRecord[] = [];
  const refusals: Refusals = { rateLimited: 0, at: [] };
  const workers = target
    ? [
        createFanoutWorker({
          connection: fanoutConn,
          redis: fanoutRedis,
          keys,
          deliveries,
          subscriptions: createRedisSubscriptionStore({ redis: fanoutRedis, keys, platforms }),
          stories,
        }),
        createDeliveryWorker({
          connection: workerConn,
          redis: deliveryRedis,
          keys,
          senders: [observed(target.sender, sends, refusals)],
          stories,
          subscriptions: createRedisSubscriptionStore({ redis: deliveryRedis, keys, platforms }),
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
      await Promise.all([redis, fanoutRedis, deliveryRedis, workerConn, fanoutConn].map((c) => c.quit()));
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
