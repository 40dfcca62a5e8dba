import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { createRedisFeedRegistry } from '../../../src/feeds/registry.js';
import { createPollScheduler, pollJobId } from '../../../src/feeds/schedule/scheduler.js';
import { createPollWorker } from '../../../src/feeds/schedule/poll-worker.js';
import type { FeedPoller, PollReport } from '../../../src/feeds/poller.js';
import { queueNames } from '../../../src/queue/contracts.js';
import { useRedis, type RedisTestContext } from '../../support/redis.js';

let ctx: RedisTestContext;
let queue: Queue;
const workers: Array<{ close(): Promise<void> }> = [];

beforeEach(async () => {
  ctx = await useRedis('scheduler');
  queue = new Queue(queueNames.poll, { connection: ctx.connect(), prefix: ctx.prefix });
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await ctx.cleanup();
});

/** A poller double that records which process polled which feed and asks for the next poll far away. */
function recordingPoller(name: string, log: Array<{ worker: string; feedId: string }>): FeedPoller {
  return {
    async poll(feedId: string): Promise<PollReport> {
      log.push({ worker: name, feedId });
      await new Promise((r) => setTimeout(r, 20));
      return { feedId, result: 'ok', entries: 0, newItems: 0, nextPollAtMs: Date.now() + 3600_000 };
    },
  };
}

async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('poll scheduler', () => {
  it('spreads first polls of many feeds over the window instead of all at once', async () => {
    const registry = createRedisFeedRegistry(ctx);
    for (let i = 0; i < 40; i++) await registry.add(`https://feeds${i}.example/rss`, 'config');
    const scheduler = createPollScheduler({ queue, redis: ctx.redis, keys: ctx.keys, registry, firstPollWindowMs: 60_000 });
    expect(await scheduler.reconcile()).toBe(40);
    const delays = (await queue.getDelayed()).map((j) => j.opts.delay ?? 0);
    expect(delays.length + (await queue.getWaitingCount())).toBe(40);
    const minutesBuckets = new Set(delays.map((d) => Math.floor(d / 15_000)));
    expect(minutesBuckets.size).toBeGreaterThanOrEqual(3); // spread over the minute, not bunched
    expect(await scheduler.reconcile()).toBe(0); // already scheduled: nothing added twice
  });

  it('lets two processes share the polling without polling a feed twice', async () => {
    const registry = createRedisFeedRegistry(ctx);
    for (let i = 0; i < 20; i++) await registry.add(`https://feeds${i}.example/rss`, 'config');
    const log: Array<{ worker: string; feedId: string }> = [];
    const makeScheduler = () =>
      createPollScheduler({ queue, redis: ctx.connect(), keys: ctx.keys, registry, firstPollWindowMs: 1_000 });
    const [s1, s2] = [makeScheduler(), makeScheduler()];
    for (const [name, scheduler] of [['a', s1], ['b', s2]] as const) {
      workers.push(
        createPollWorker({ connection: ctx.connect({ worker: true }), prefix: ctx.prefix, poller: recordingPoller(name, log), scheduler, concurrency: 4 }),
      );
    }
    await Promise.all([s1.reconcile(), s2.reconcile()]);
    await waitFor(() => log.length >= 20);
    await new Promise((r) => setTimeout(r, 300));
    const perFeed = new Map<string, number>();
    for (const { feedId } of log) perFeed.set(feedId, (perFeed.get(feedId) ?? 0) + 1);
    expect(perFeed.size).toBe(20);
    expect([...perFeed.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(log.map((l) => l.worker)).size).toBe(2); // both processes took a share
    // every feed now has exactly one next poll scheduled, an hour away
    expect(await queue.getDelayedCount()).toBe(20);
  });

  it('re-creates a schedule that was lost, and ignores a stale duplicate job', async () => {
    const registry = createRedisFeedRegistry(ctx);
    const { feed } = await registry.add('https://lost.example/rss', 'config');
    const scheduler = createPollScheduler({ queue, redis: ctx.redis, keys: ctx.keys, registry, firstPollWindowMs: 1 });
    const past = Date.now() - 10 * 60_000;
    await ctx.redis.hset(ctx.keys.feed(feed.id), 'scheduledJobId', pollJobId(feed.id, past), 'nextPollAt', new Date(past).toISOString());
    expect(await scheduler.reconcile()).toBe(1);

    // A stale job for the same feed (not its current schedule) is skipped: it neither polls nor reschedules.
    await queue.add('poll', { feedId: feed.id, url: feed.url }, { jobId: pollJobId(feed.id, past) });
    const log: Array<{ worker: string; feedId: string }> = [];
    const worker = createPollWorker({ connection: ctx.connect({ worker: true }), prefix: ctx.prefix, poller: recordingPoller('a', log), scheduler });
    workers.push(worker);
    await waitFor(() => log.length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(log).toHaveLength(1);
    expect(await queue.getDelayedCount()).toBe(1);
  });
});
