import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type DeliveryHarness } from './harness.js';
import { makeStory, waitFor } from './helpers.js';
import { alertJobId, BACKLOG_PRIORITY } from '../../src/delivery/jobs.js';
import type { PaceRules } from '../../src/delivery/pacing/pace-rules.js';

const unpaced: PaceRules = { telegram: {}, discord: {}, console: {} };
const busy = { platform: 'telegram', chatId: '42' } as const;
const quiet = { platform: 'telegram', chatId: '43' } as const;

describe('first messages ahead of backlogs', () => {
  let h: DeliveryHarness;
  afterEach(() => h.close());

  it('queues a quiet destination without a priority, and no second job while its first holds the turn', async () => {
    h = await createHarness('priority-jobs', { maxStoriesPerMessage: 1 });
    await h.subscribe(busy, { entities: ['busy'] });
    await h.publish(makeStory('b0', { entities: ['busy'] }));
    await h.publish(makeStory('b1', { entities: ['busy'] }));
    const first = await h.deliveries.getJob(alertJobId('telegram:42', 'b0'));
    expect(first?.opts.priority ?? 0).toBe(0);
    // The second story waits in the destination's queue for the job holding its turn.
    expect(await h.deliveries.getJob(alertJobId('telegram:42', 'b1'))).toBeUndefined();
    expect(await h.ctx.redis.zrange(h.ctx.keys.pending('telegram:42'), '0', '-1')).toEqual(['b0', 'b1']);
    h.startWorker({ paceRules: unpaced });
    await waitFor(() => h.sender.sends.length === 2, 10_000, 'both stories sent');
    expect(h.sender.storiesSentTo('telegram:42')).toEqual(['b0', 'b1']);
  });

  it('queues the next story to a destination that just had a message as a backlog', async () => {
    h = await createHarness('priority-active', { maxStoriesPerMessage: 1 });
    await h.subscribe(busy, { entities: ['busy'] });
    h.startWorker({ paceRules: unpaced });
    await h.publish(makeStory('b0', { entities: ['busy'] }));
    await waitFor(() => h.sender.sends.length === 1, 10_000, 'the first send');
    await waitFor(async () => (await h.ctx.redis.zcard(h.ctx.keys.pending('telegram:42'))) === 0, 10_000, 'pending emptied');
    await h.publish(makeStory('b1', { entities: ['busy'] }));
    expect((await h.deliveries.getJob(alertJobId('telegram:42', 'b1')))?.opts.priority).toBe(BACKLOG_PRIORITY);
  });

  it('sends the first message to a quiet destination before the backlog queued earlier for another one', async () => {
    h = await createHarness('priority-order', { maxStoriesPerMessage: 1 });
    await h.subscribe(busy, { entities: ['busy'] });
    await h.subscribe(quiet, { entities: ['quiet'] });
    for (let i = 0; i < 8; i++) await h.publish(makeStory(`b${i}`, { entities: ['busy'] }));
    await h.publish(makeStory('q0', { entities: ['quiet'] }));
    // One job at a time, no pacing: the order of sends is the order jobs are taken.
    h.startWorker({ concurrency: 1, paceRules: unpaced });
    await waitFor(() => h.sender.sends.length === 9, 15_000, 'nine sends');

    const order = h.sender.sends.map((s) => s.destination);
    // The busy destination's first story was quiet too, so it may go first; its seven others wait.
    expect(order.indexOf('telegram:43')).toBeLessThanOrEqual(1);
    expect(h.sender.storiesSentTo('telegram:42')).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7']);
  });
});

