import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type DeliveryHarness } from './harness.js';
import { makeStory, waitFor } from './helpers.js';
import { digestMessages, nextDigestRun, rankForDigest } from '../../src/delivery/digest.js';
import { digestJobId } from '../../src/delivery/jobs.js';

const outlets = (n: number) => Array.from({ length: n - 1 }, (_, i) => ({ source: `Outlet ${i}`, title: 't' }));

describe('digest ranking', () => {
  it('ranks by number of outlets, then relevance, then recency', () => {
    const ranked = rankForDigest(
      [
        makeStory('one', { alsoReportedBy: outlets(1) }),
        makeStory('four', { alsoReportedBy: outlets(4) }),
        makeStory('two-relevant', { alsoReportedBy: outlets(2), score: 5 }),
        makeStory('two', { alsoReportedBy: outlets(2), score: 1 }),
      ],
      3,
    );
    expect(ranked.map((s) => s.id)).toEqual(['four', 'two-relevant', 'two']);
  });

  it('splits a digest across messages only when the sender limit forces it', () => {
    const stories = Array.from({ length: 7 }, (_, i) => makeStory(`s${i}`));
    expect(digestMessages(stories, 10, '2022-01-06')).toEqual([
      { kind: 'digest', stories, heading: 'Daily digest, 6 Jan 2022' },
    ]);
    const split = digestMessages(stories, 3, '2022-01-06');
    expect(split.map((m) => m.stories.length)).toEqual([3, 3, 1]);
    expect(split[2]!.heading).toBe('Daily digest, 6 Jan 2022 (3/3)');
  });

  it('schedules the next run at the digest hour, tomorrow once it has passed', () => {
    expect(nextDigestRun(8, new Date('2022-01-06T07:59:00Z'))).toEqual({ day: '2022-01-06', at: Date.parse('2022-01-06T08:00:00Z') });
    expect(nextDigestRun(8, new Date('2022-01-06T08:00:00Z')).day).toBe('2022-01-07');
  });
});

describe('digest delivery', () => {
  let h: DeliveryHarness;
  afterEach(() => h.close());

  it('sends one message with the period’s stories ranked by outlets, once', async () => {
    h = await createHarness('digest');
    const subId = await h.subscribe({ platform: 'telegram', chatId: '42' }, { mode: 'digest', digestHourUtc: 6 });
    await h.publish(makeStory('quiet'));
    await h.publish(makeStory('big', { alsoReportedBy: outlets(5) }));
    await h.publish(makeStory('medium', { alsoReportedBy: outlets(3) }));
    const { day } = nextDigestRun(6, new Date());
    const id = digestJobId(subId, day);
    const job = await h.deliveries.getJob(id);
    expect(await job?.getState()).toBe('delayed');
    expect(await h.deliveries.getJobCountByTypes('delayed', 'waiting')).toBe(1); // no instant alerts
    h.startWorker();
    await job!.promote(); // the digest hour has come
    await waitFor(async () => (await h.deliveries.getJob(id))?.returnvalue === 'sent', 10_000, 'the digest');

    expect(h.sender.sends).toHaveLength(1);
    const [message] = h.sender.sends.map((s) => s.message);
    expect(message?.kind).toBe('digest');
    expect(message?.heading).toMatch(/^Daily digest, /);
    expect(message?.stories.map((s) => s.id)).toEqual(['big', 'medium', 'quiet']);
    // The stories were taken: the next period starts empty.
    expect(await h.ctx.redis.zcard(h.ctx.keys.digestStories(subId))).toBe(0);

    // A replay of the same (subscription, day) sends nothing.
    await (await h.deliveries.getJob(id))?.remove();
    await h.deliveries.add('digest', { kind: 'digest', subscriptionId: subId, day }, { jobId: id });
    await waitFor(async () => (await h.deliveries.getJob(id))?.returnvalue === 'duplicate_skipped', 10_000, 'the replay');
    expect(h.sender.sends).toHaveLength(1);
  });
});
