import { Queue } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useRedis, type RedisTestContext } from '../support/redis.js';
import { createRedisSubscriptionStore } from '../../src/delivery/core/subscriptions.js';
import { platforms } from '../../src/app/platforms.js';
import type { SubscribeInput, SubscriptionStore } from '../../src/delivery/core/types.js';
import { createFanoutWorker, fanOutStory, type FanoutDeps } from '../../src/delivery/fanout.js';
import { alertJobId } from '../../src/delivery/jobs.js';
import { queueNames } from '../../src/queue/contracts.js';
import { makeStory, memoryStories, waitFor } from './helpers.js';
import { itemsNotAlerted } from '../../src/metrics.js';

describe('fan-out', () => {
  let ctx: RedisTestContext;
  let store: SubscriptionStore;
  let deliveries: Queue;
  let deps: FanoutDeps;
  const stories = memoryStories([makeStory('s1', { entities: ['tokayev', 'kazakhstan'], title: 'Tokayev speaks' })]);

  beforeEach(async () => {
    ctx = await useRedis('fanout');
    store = createRedisSubscriptionStore({ redis: ctx.redis, keys: ctx.keys, platforms });
    deliveries = new Queue(queueNames.deliveries, { connection: ctx.redis, prefix: ctx.prefix });
    deps = { redis: ctx.redis, keys: ctx.keys, deliveries, subscriptions: store, stories };
  });
  afterEach(async () => {
    await deliveries.close();
    await ctx.cleanup();
  });

  const sub = (chat: number, fields: Partial<SubscribeInput> = {}): SubscribeInput => ({
    destination: { platform: 'telegram', chatId: String(chat) },
    entities: [],
    keywords: [],
    exclude: [],
    mode: 'instant',
    createdBy: 'u',
    ...fields,
  });

  it('counts a story that no subscription wants as not alerted (no_subscriber)', async () => {
    const noSubscriber = async () => (await itemsNotAlerted.get()).values.find((v) => v.labels.reason === 'no_subscriber')?.value ?? 0;
    await store.subscribe(sub(1, { entities: ['csto'] }));
    const before = await noSubscriber();
    expect(await fanOutStory(deps, { storyId: 's1', kind: 'new' }, Date.now())).toMatchObject({ alerts: 0, digests: 0 });
    expect((await noSubscriber()) - before).toBe(1);
  });

  it('queues one job per matching destination among 10,000 subscriptions, and a replay adds nothing', async () => {
    const inputs: SubscribeInput[] = [];
    const expected: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const kind = i % 10;
      if (kind === 0) inputs.push(sub(i, { entities: ['tokayev'] }));
      else if (kind === 1) inputs.push(sub(i));
      else if (kind === 2) inputs.push(sub(i, { entities: ['csto'] }));
      else if (kind === 3) inputs.push(sub(i, { entities: ['tokayev'], keywords: ['oil'] }));
      else if (kind === 4) inputs.push(sub(i, { mode: 'digest', digestHourUtc: 8 }));
      else inputs.push(sub(i, { entities: ['tokayev'], exclude: ['speaks'] }));
      if (kind === 0 || kind === 1) expected.push(alertJobId(`telegram:${i}`, 's1'));
    }
    // Same destination, second matching subscription: still one job for it.
    inputs.push(sub(0, { entities: ['kazakhstan'] }));
    for (let i = 0; i < inputs.length; i += 500) await Promise.all(inputs.slice(i, i + 500).map((x) => store.subscribe(x)));

    const result = await fanOutStory(deps, { storyId: 's1', kind: 'new' }, Date.now());
    expect(result).toEqual({ alerts: 2_000, digests: 1_000, edits: 0 });
    const waiting = await deliveries.getJobs(['waiting'], 0, -1);
    expect(waiting.map((j) => j.id).sort()).toEqual(expected.sort());
    expect(await deliveries.getJobCountByTypes('delayed')).toBe(1_000);

    await fanOutStory(deps, { storyId: 's1', kind: 'new' }, Date.now());
    expect(await deliveries.getJobCountByTypes('waiting')).toBe(2_000);
    expect(await deliveries.getJobCountByTypes('delayed')).toBe(1_000);
    expect(await ctx.redis.zcard(ctx.keys.pending('telegram:0'))).toBe(1);
  }, 120_000);

  it('coalesces a burst of updates into one delayed edit per sent message', async () => {
    await ctx.redis.hset(ctx.keys.sentMessages('s1'), 'telegram:5', JSON.stringify({ messageIds: ['9'], storyIds: ['s1'] }));
    const at = 10 * 60_000 + 1_000;
    for (let i = 0; i < 5; i++) {
      await fanOutStory({ ...deps, editIntervalMs: 60_000, now: () => at + i * 100 }, { storyId: 's1', kind: 'update' }, at);
    }
    const delayed = await deliveries.getJobs(['delayed'], 0, -1);
    expect(delayed).toHaveLength(1);
    expect(delayed[0]!.data).toEqual({ kind: 'edit', destination: 'telegram:5', storyId: 's1' });
    expect(delayed[0]!.opts.delay).toBe(59_000);
  });

  it('runs as a worker on the stories queue', async () => {
    await store.subscribe(sub(7));
    const storiesQueue = new Queue(queueNames.stories, { connection: ctx.redis, prefix: ctx.prefix });
    const fanout = createFanoutWorker({ ...deps, connection: ctx.connect({ worker: true }) });
    try {
      await storiesQueue.add('story', { storyId: 's1', kind: 'new' });
      await storiesQueue.add('story', { nonsense: true });
      await waitFor(async () => (await deliveries.getJobCountByTypes('waiting')) === 1, 10_000, 'one delivery job');
      const [job] = await deliveries.getJobs(['waiting']);
      expect(job?.data).toMatchObject({ kind: 'alert', destination: 'telegram:7', storyId: 's1' });
    } finally {
      await fanout.close();
      await storiesQueue.close();
    }
  });
});
