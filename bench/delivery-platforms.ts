/**
 * Delivery against the local Discord and Telegram fakes, their rate limits ON (figures printed, not asserted).
 * Real BullMQ queues and workers (fan-out and delivery, default concurrency), the real senders, a throwaway
 * Redis prefix per scenario. For each platform:
 * - idle latency: stories queued one at a time (on the `stories` queue, as ingest does) to fresh destinations;
 *   enqueue-to-send time of that first message (send answered by the fake);
 * - load: 10 stories fanned out to 1,000 destinations (10,000 deliveries), one story every STORY_GAP_MS,
 *   while a fresh destination is probed every 500 ms for the latency under load; messages/s against the
 *   platform's limit, 429s served by the fake, stories per message, Redis commands per message.
 * Then fan-out of one story to 10,000 subscriptions: time and Redis commands.
 * BENCH_SCALE (default 1) scales destinations and subscriptions; STORY_GAP_MS (default 1000) spaces the stories.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createRedisSubscriptionStore } from '../src/delivery/core/subscriptions.js';
import { platforms } from '../src/app/platforms.js';
import type { PlatformName } from '../src/delivery/core/platform.js';
import { destinationKey, SendError, type Destination, type Sender, type SubscriptionStore } from '../src/delivery/core/types.js';
import { createDeliveryWorker } from '../src/delivery/deliver-worker.js';
import { createFanoutWorker, fanOutStory } from '../src/delivery/fanout.js';
import { createDiscordSender } from '../src/platforms/discord/sender.js';
import { createTelegramSender } from '../src/platforms/telegram/sender.js';
import { queueNames } from '../src/queue/contracts.js';
import { deleteKeysWithPrefix } from '../src/redis/delete-prefix.js';
import { createKeys, type Keys } from '../src/redis/keys.js';
import { makeStory, memoryStories } from '../tests/delivery/helpers.js';
import { startFakeDiscord } from '../tests/fakes/discord/server.js';
import { startFakeTelegram } from '../tests/fakes/telegram/server.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SCALE = Number(process.env.BENCH_SCALE ?? '1') || 1;
const STORY_GAP_MS = Number(process.env.STORY_GAP_MS ?? '1000');
const STORIES = 10;
const DESTINATIONS = Math.max(10, Math.round(1_000 * SCALE));
const IDLE_SAMPLES = 30;
const LOAD_TIMEOUT_MS = 150_000;

/** Redis commands sent through one client, by name; pacing acquisitions told apart by their bucket keys. */
interface CommandCount {
  total: number;
  paceAcquires: number;
}

function counted(redis: Redis, count: CommandCount): Redis {
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
interface SendRecord {
  at: number;
  destination: string;
  stories: number;
}

/** The real sender, recording each accepted send and each rate-limited refusal (served or the client's own). */
function observed(inner: Sender, sends: SendRecord[], refusals: { rateLimited: number }): Sender {
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

/** A platform fake with destinations to create, its limit, and what it served. */
interface PlatformUnderTest {
  platform: PlatformName;
  limitPerSecond: number;
  sender: Sender;
  /** Creates one destination; `i` picks its kind for a mix. */
  addDestination(i: number): Destination;
  served429(): number;
  describeMix: string;
  close(): Promise<void>;
}

async function discordUnderTest(): Promise<PlatformUnderTest> {
  const fake = await startFakeDiscord();
  const guild = fake.addGuild();
  return {
    platform: 'discord',
    limitPerSecond: 50,
    sender: createDiscordSender({ token: fake.token, apiUrl: fake.apiUrl }),
    addDestination: () => ({ platform: 'discord', chatId: fake.addChannel({ guildId: guild.id }).id }),
    served429: () => fake.counters.rateLimited.user + fake.counters.rateLimited.global,
    describeMix: 'text channels of one guild',
    close: () => fake.close(),
  };
}

async function telegramUnderTest(): Promise<PlatformUnderTest> {
  const fake = await startFakeTelegram();
  let users = 500_000;
  return {
    platform: 'telegram',
    limitPerSecond: 30,
    sender: createTelegramSender({ token: fake.token, apiRoot: fake.apiRoot }),
    // 70 % private chats, 25 % supergroups, 5 % basic groups (groups: 20 messages/min each).
    addDestination(i) {
      const slot = i % 20;
      const id =
        slot < 14
          ? fake.addChat({ type: 'private', user: { id: users++ } })
          : fake.addChat({ type: slot < 19 ? 'supergroup' : 'group' });
      return { platform: 'telegram', chatId: String(id) };
    },
    served429: () => fake.tooManyRequestsServed,
    describeMix: '70 % private chats, 25 % supergroups, 5 % basic groups',
    close: () => fake.close(),
  };
}

/** Redis, queues, workers and stores of one scenario, under a throwaway prefix. */
interface Env {
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

async function openEnv(target: PlatformUnderTest | undefined): Promise<Env> {
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

async function subscribe(env: Env, destination: Destination, entity: string): Promise<void> {
  await env.store.subscribe({ destination, entities: [entity], keywords: [], exclude: [], mode: 'instant', createdBy: 'bench' });
}

/** Queues a story job as ingest does; returns when it was queued. */
async function queueStory(env: Env, storyId: string, entity: string): Promise<number> {
  env.stories.put(makeStory(storyId, { entities: [entity], title: `Tokayev meets regional leaders in Astana (${storyId})` }));
  const queuedAt = Date.now();
  await env.storyQueue.add('new', { storyId, kind: 'new', queuedAt }, { jobId: `story-${storyId}-new` });
  return queuedAt;
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function latencyLine(label: string, ms: number[], expected: number): string {
  const missing = expected - ms.length;
  return (
    `${label}: p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${percentile(ms, 95).toFixed(0)} ms, ` +
    `max ${Math.max(...ms).toFixed(0)} ms (${ms.length} samples${missing > 0 ? `, ${missing} not sent in time` : ''}; aim: p95 under 1000 ms)`
  );
}

/** First messages to fresh destinations, one at a time, nothing else going on. */
async function idleLatency(target: PlatformUnderTest): Promise<void> {
  const env = await openEnv(target);
  try {
    const latencies: number[] = [];
    for (let i = 0; i < IDLE_SAMPLES; i++) {
      const destination = target.addDestination(i);
      await subscribe(env, destination, `idle${i}`);
      const key = destinationKey(destination);
      const queuedAt = await queueStory(env, `idle${i}`, `idle${i}`);
      if (!(await waitUntil(() => env.sends.some((s) => s.destination === key), 10_000))) continue;
      latencies.push(env.sends.find((s) => s.destination === key)!.at - queuedAt);
      await sleep(50);
    }
    console.log(latencyLine(`${target.platform} idle, story queued to first message sent`, latencies, IDLE_SAMPLES));
  } finally {
    await env.close();
  }
}

/** 10 stories to every one of DESTINATIONS destinations, with latency probes to fresh destinations meanwhile. */
async function underLoad(target: PlatformUnderTest): Promise<void> {
  const env = await openEnv(target);
  try {
    const main = new Set<string>();
    for (let i = 0; i < DESTINATIONS; i += 100) {
      const batch = Array.from({ length: Math.min(100, DESTINATIONS - i) }, (_, j) => target.addDestination(i + j));
      for (const d of batch) main.add(destinationKey(d));
      await Promise.all(batch.map((d) => subscribe(env, d, 'kazakhstan')));
    }
    const served0 = target.served429();
    const commands0 = env.commands.total;
    const acquires0 = env.commands.paceAcquires;
    const expected = STORIES * DESTINATIONS;
    const mainStories = () => env.sends.reduce((n, s) => n + (main.has(s.destination) ? s.stories : 0), 0);
    const start = Date.now();

    const probes: Array<{ key: string; queuedAt: number }> = [];
    let done = false;
    const probing = (async () => {
      for (let p = 0; !done; p++) {
        const destination = target.addDestination(p * 20); // private chats on Telegram: the 1/s chat limit, no group limit
        await subscribe(env, destination, `probe${p}`);
        probes.push({ key: destinationKey(destination), queuedAt: await queueStory(env, `probe${p}`, `probe${p}`) });
        await sleep(500);
      }
    })();
    for (let s = 0; s < STORIES; s++) {
      await queueStory(env, `load${s}`, 'kazakhstan');
      if (s < STORIES - 1) await sleep(STORY_GAP_MS);
    }
    const finished = await waitUntil(() => mainStories() >= expected, LOAD_TIMEOUT_MS);
    done = true;
    await probing;
    await waitUntil(() => probes.every((p) => env.sends.some((s) => s.destination === p.key)), 10_000);

    const mainSends = env.sends.filter((s) => main.has(s.destination));
    const first = mainSends[0]?.at ?? start;
    const last = mainSends[mainSends.length - 1]?.at ?? start;
    const seconds = Math.max(0.001, (last - first) / 1000);
    const perSecond = new Map<number, number>();
    for (const s of env.sends) perSecond.set(Math.floor((s.at - first) / 1000), (perSecond.get(Math.floor((s.at - first) / 1000)) ?? 0) + 1);
    const peak = Math.max(...perSecond.values());
    const rate = mainSends.length / seconds;
    const sizes = mainSends.map((s) => s.stories);
    const probeLatency = probes.flatMap((p) => {
      const sent = env.sends.find((s) => s.destination === p.key);
      return sent ? [sent.at - p.queuedAt] : [];
    });

    console.log(
      `${target.platform} load: ${mainStories()}/${expected} deliveries to ${DESTINATIONS} destinations (${target.describeMix})` +
        `${finished ? '' : ` — NOT finished within ${LOAD_TIMEOUT_MS / 1000} s`}, ${STORIES} stories ${STORY_GAP_MS} ms apart`,
    );
    console.log(
      `  ${mainSends.length} messages in ${seconds.toFixed(1)} s (first to last send; ${((last - start) / 1000).toFixed(1)} s from the first story queued): ` +
        `${rate.toFixed(1)} messages/s = ${((rate / target.limitPerSecond) * 100).toFixed(0)} % of the ${target.limitPerSecond}/s limit; ` +
        `busiest second ${peak} messages (probes included)`,
    );
    console.log(
      `  stories per message: mean ${(sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length)).toFixed(2)}, ` +
        `1: ${sizes.filter((n) => n === 1).length}, 2-5: ${sizes.filter((n) => n >= 2 && n <= 5).length}, ` +
        `6+: ${sizes.filter((n) => n >= 6).length} messages`,
    );
    console.log(
      `  429s served by the fake: ${target.served429() - served0} (aim: 0); rate-limited sends in all (served or refused by the client): ${env.refusals.rateLimited}`,
    );
    const messages = env.sends.length;
    console.log(
      `  Redis commands (producer, state, pacing, worker; not the blocking client): ${((env.commands.total - commands0) / messages).toFixed(1)} per message, ` +
        `pacing acquisitions ${((env.commands.paceAcquires - acquires0) / messages).toFixed(1)} per message`,
    );
    const pace = target.sender.platform.pace.global;
    console.log(latencyLine(`  ${target.platform} under load, first message to a fresh destination`, probeLatency, probes.length));
    if (pace) {
      console.log(
        `  (the pacer lets ${pace.capacity} + ${pace.refillPerSecond}/s through: one message to each of the ${DESTINATIONS} destinations ` +
          `alone takes ${(DESTINATIONS / pace.refillPerSecond).toFixed(0)} s, and a fresh destination queues with them)`,
      );
    }
  } finally {
    await env.close();
  }
}

/** Fan-out of one story to 10,000 subscriptions (half Discord channels, half Telegram chats), all matching. */
async function fanout(): Promise<void> {
  const env = await openEnv(undefined);
  const n = Math.max(100, Math.round(10_000 * SCALE));
  try {
    for (let i = 0; i < n; i += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, n - i) }, (_, j) => {
          const k = i + j;
          const destination: Destination =
            k % 2 === 0 ? { platform: 'discord', chatId: String(900_000_000_000 + k) } : { platform: 'telegram', chatId: String(k % 4 === 1 ? 700_000 + k : -1_000_000_000_000 - k) };
          return subscribe(env, destination, k % 3 === 0 ? 'tokayev' : 'kazakhstan');
        }),
      );
    }
    env.stories.put(makeStory('fan1', { entities: ['kazakhstan', 'tokayev'] }));
    const before = env.commands.total;
    const t0 = performance.now();
    const result = await fanOutStory(
      { redis: env.redis, keys: env.keys, deliveries: env.deliveries, subscriptions: env.store, stories: env.stories },
      { storyId: 'fan1', kind: 'new' },
      Date.now(),
    );
    const ms = performance.now() - t0;
    console.log(
      `fan-out of 1 story to ${n.toLocaleString('en')} subscriptions: ${ms.toFixed(0)} ms, ${result.alerts} delivery jobs, ` +
        `${env.commands.total - before} Redis commands`,
    );
  } finally {
    await env.close();
  }
}

export async function run(): Promise<void> {
  console.log('\n## delivery against the platform fakes (limits on)');
  if (SCALE !== 1) console.log(`BENCH_SCALE=${SCALE}: ${DESTINATIONS} destinations, fan-out to ${Math.round(10_000 * SCALE)} subscriptions`);
  for (const start of [discordUnderTest, telegramUnderTest]) {
    const target = await start();
    try {
      await idleLatency(target);
      await underLoad(target);
    } finally {
      await target.close();
    }
  }
  await fanout();
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
