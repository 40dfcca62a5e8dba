import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type DeliveryHarness } from './harness.js';
import { waitFor } from './helpers.js';
import type { PaceRules } from '../../src/delivery/pacing/pace-rules.js';

/** Most sends found in any window of `windowMs` starting at a send. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0; i < sorted.length; i++) {
    let n = 0;
    while (i + n < sorted.length && sorted[i + n]! < sorted[i]! + windowMs) n++;
    most = Math.max(most, n);
  }
  return most;
}

describe('pacing shared by several workers', () => {
  let h: DeliveryHarness;
  afterEach(() => h.close());

  it('keeps two workers on one queue within one destination pace together', async () => {
    h = await createHarness('pace-shared', { maxStoriesPerMessage: 1 });
    const rules: PaceRules = { telegram: { perChat: { capacity: 2, refillPerSecond: 10 } }, discord: {}, console: {} };
    await h.subscribe({ platform: 'telegram', chatId: '42' });
    const a = h.startWorker({ paceRules: rules, concurrency: 5 });
    const b = h.startWorker({ paceRules: rules, concurrency: 5 });
    const byWorker = new Map<string, number>();
    // One job holds the destination's turn; each of its messages may be taken up by either process.
    for (const w of [a, b]) {
      w.worker.on('active', () => byWorker.set(w.worker.id, (byWorker.get(w.worker.id) ?? 0) + 1));
    }
    for (let i = 0; i < 24; i++) await h.publish(`s${i}`);
    await waitFor(() => h.sender.sends.length === 24, 20_000, '24 sends');

    // Both processes did part of the work...
    expect(byWorker.size).toBe(2);
    // ...yet together never beyond the bucket: 2 at once, then 10/s, i.e. at most 2 + 5 in any 500 ms
    // (one more allowed for the moment between Redis granting a token and the sender recording the post).
    expect(busiestWindow(h.sender.sends.map((s) => s.at), 500)).toBeLessThanOrEqual(8);
    expect(new Set(h.sender.storiesSentTo('telegram:42')).size).toBe(24);
  });

  it('combines a burst of 40 stories to a Telegram group into a few messages carrying every headline', async () => {
    h = await createHarness('pace-burst', { maxStoriesPerMessage: 10 });
    await h.subscribe({ platform: 'telegram', chatId: '-100500' });
    // The burst is queued before the worker looks, as when a worker comes back to a backlog.
    await Promise.all(Array.from({ length: 40 }, (_, i) => h.publish(`s${i}`)));
    h.startWorker({ concurrency: 20 });
    await waitFor(() => h.sender.storiesSentTo('telegram:-100500').length >= 40, 20_000, 'all 40 stories');
    await waitFor(async () => (await h.deliveries.getJobCountByTypes('waiting', 'active', 'delayed', 'prioritized')) === 0, 10_000, 'every job done');

    const sent = h.sender.storiesSentTo('telegram:-100500');
    expect(sent).toHaveLength(40);
    expect(new Set(sent).size).toBe(40);
    // 10 stories a message: four messages, the fourth after the group bucket's burst of three.
    expect(h.sender.sends.length).toBe(4);
    const headlines = h.sender.sends.flatMap((s) => s.message.stories.map((x) => x.title));
    for (let i = 0; i < 40; i++) expect(headlines).toContain(`Headline s${i}`);
  });
});
