import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type DeliveryHarness } from './harness.js';
import { makeStory, waitFor } from './helpers.js';
import { alertJobId } from '../../src/delivery/jobs.js';
import { discordPlatform } from '../../src/platforms/discord/platform.js';
import { telegramPlatform } from '../../src/platforms/telegram/platform.js';

const group = { platform: 'telegram', chatId: '-1001' } as const;
const user = { platform: 'telegram', chatId: '42' } as const;

describe('delivery worker', () => {
  let h: DeliveryHarness;
  afterEach(() => h.close());

  const delivered = async (dest: string, storyId: string) =>
    (await h.ctx.redis.exists(h.ctx.keys.delivered(dest, storyId))) === 1;

  it('sends a story once per destination and records it before finishing', async () => {
    h = await createHarness('deliver-basic');
    await h.subscribe(group);
    await h.subscribe(user, { entities: ['kazakhstan'] });
    h.startWorker();
    await h.publish('s1');
    await waitFor(() => h.sender.sends.length === 2, 10_000, 'two sends');
    expect(h.sender.sends.map((s) => s.destination).sort()).toEqual(['telegram:-1001', 'telegram:42']);
    await waitFor(async () => (await h.deliveries.getJobCountByTypes('completed')) === 2);
    expect(await delivered('telegram:-1001', 's1')).toBe(true);
    const sent = await h.ctx.redis.hgetall(h.ctx.keys.sentMessages('s1'));
    expect(Object.keys(sent).sort()).toEqual(['telegram:-1001', 'telegram:42']);
  });

  it('posts nothing for a job replayed after it succeeded', async () => {
    h = await createHarness('deliver-replay');
    await h.subscribe(user);
    h.startWorker();
    await h.publish('s1');
    const id = alertJobId('telegram:42', 's1');
    await waitFor(async () => (await h.deliveries.getJob(id))?.finishedOn !== undefined);
    const job = await h.deliveries.getJob(id);
    await job?.remove();
    await h.deliveries.add('alert', job!.data, { jobId: id });
    await waitFor(async () => (await h.deliveries.getJob(id))?.returnvalue === 'duplicate_skipped', 10_000, 'replay');
    expect(h.sender.sends).toHaveLength(1);
  });

  it('posts once when a job is retried after a transient error', async () => {
    h = await createHarness('deliver-retry', {
      script: ({ attempt }) => (attempt === 1 ? { kind: 'transient' } : undefined),
    });
    await h.subscribe(user);
    h.startWorker();
    await h.publish('s1');
    await waitFor(async () => (await h.deliveries.getJob(alertJobId('telegram:42', 's1')))?.returnvalue === 'sent');
    expect(h.sender.calls).toBe(2);
    expect(h.sender.sends).toHaveLength(1);
  });

  it('delays through a platform outage and loses nothing', async () => {
    const outageUntil = Date.now() + 1_500;
    h = await createHarness('deliver-outage', {
      platform: discordPlatform,
      maxStoriesPerMessage: 1,
      script: () => (Date.now() < outageUntil ? { kind: 'transient' } : undefined),
    });
    const channel = { platform: 'discord', chatId: '900' } as const;
    await h.subscribe(channel);
    h.startWorker();
    for (let i = 0; i < 6; i++) await h.publish(`s${i}`);
    await waitFor(() => h.sender.sends.length === 6, 20_000, 'six sends');
    expect(h.sender.calls).toBeGreaterThan(6);
    expect(h.sender.storiesSentTo('discord:900').sort()).toEqual(['s0', 's1', 's2', 's3', 's4', 's5']);
    expect(h.sender.sends.every((s) => s.at >= outageUntil)).toBe(true);
  });

  it('keeps an alert waiting through an outage that outlasts every attempt, and posts it once the platform is back', async () => {
    let down = true;
    h = await createHarness('deliver-long-outage', {
      platform: discordPlatform,
      script: () => (down ? { kind: 'transient' } : undefined),
    });
    const channel = { platform: 'discord', chatId: '905' } as const;
    await h.subscribe(channel);
    // Unpaced, so that the thirty tries are not spread over Discord's five sends per five seconds.
    h.startWorker({ maxBackoffMs: 20, paceRules: { discord: {} } });
    await h.publish('s1');
    const id = alertJobId('discord:905', 's1');
    const attempts = (await h.deliveries.getJob(id))?.opts.attempts ?? 0;
    await waitFor(() => h.sender.calls > attempts + 2, 30_000, 'more tries than the job has attempts');
    expect(await h.deliveries.getJob(id).then((j) => j?.getState())).not.toBe('failed');
    down = false;
    await waitFor(async () => (await h.deliveries.getJob(id))?.returnvalue === 'sent', 10_000, 'the alert sent once the platform is back');
    expect(h.sender.storiesSentTo('discord:905')).toEqual(['s1']);
  });

  it('does not post twice when the worker dies between sending and acknowledging', async () => {
    let first = true;
    h = await createHarness('deliver-crash', { platform: discordPlatform });
    const channel = { platform: 'discord', chatId: '901' } as const;
    await h.subscribe(channel);
    const fast = { lockDurationMs: 1_000, stalledIntervalMs: 300 };
    const doomed = h.startWorker(fast);
    h.sender.afterSend = async () => {
      if (!first) return;
      first = false;
      // The process dies right after the platform accepted the post: nothing after this line runs.
      await doomed.worker.close(true);
      await new Promise(() => undefined);
    };
    await h.publish('s1');
    await waitFor(() => h.sender.sends.length === 1, 10_000, 'the first post');
    h.startWorker(fast);
    await waitFor(() => delivered('discord:901', 's1'), 20_000, 'the re-run to record it');
    expect(h.sender.calls).toBe(2); // it was sent again, with the same idempotency key...
    expect(h.sender.sends).toHaveLength(1); // ...so the platform posted it once
  });

  it('posts at most one duplicate after such a crash when the platform has no idempotency key', async () => {
    let first = true;
    h = await createHarness('deliver-crash-tg', { platform: telegramPlatform, honoursIdempotency: false });
    await h.subscribe(user);
    const fast = { lockDurationMs: 1_000, stalledIntervalMs: 300 };
    const doomed = h.startWorker(fast);
    h.sender.afterSend = async () => {
      if (!first) return;
      first = false;
      await doomed.worker.close(true);
      await new Promise(() => undefined);
    };
    await h.publish('s1');
    await waitFor(() => h.sender.sends.length === 1, 10_000, 'the first post');
    h.startWorker(fast);
    await waitFor(() => delivered('telegram:42', 's1'), 20_000, 'the re-run to record it');
    await new Promise((r) => setTimeout(r, 300));
    expect(h.sender.sends).toHaveLength(2);
    expect(h.sender.sends[1]!.idempotencyKey).toBe(h.sender.sends[0]!.idempotencyKey);
  });

  it('pauses only the gone destination after a bounded number of tries', async () => {
    h = await createHarness('deliver-gone', {
      script: ({ destination }) =>
        destination.chatId === '-1001' ? { kind: 'destination-gone', reason: 'bot was kicked' } : undefined,
    });
    const goneId = await h.subscribe(group);
    const okId = await h.subscribe(user);
    h.startWorker({ goneAfterTries: 3 });
    await h.publish('s1');
    await waitFor(async () => (await h.store.get(goneId))?.paused !== undefined, 10_000, 'pause');
    expect(h.sender.calls).toBe(4); // three tries to the gone group, one to the user
    expect((await h.store.get(goneId))?.paused?.reason).toBe('bot was kicked');
    expect((await h.store.get(okId))?.paused).toBeUndefined();
    expect(h.sender.storiesSentTo('telegram:42')).toEqual(['s1']);
    expect(await h.store.matchStory(makeStory('s2'))).toEqual([expect.objectContaining({ id: okId })]);
  });

  it('moves a migrated group to its supergroup and delivers there', async () => {
    h = await createHarness('deliver-migrate', {
      script: ({ destination }) => (destination.chatId === '-1001' ? { kind: 'migrated', newChatId: '-100777' } : undefined),
    });
    const id = await h.subscribe(group);
    h.startWorker();
    await h.publish('s1');
    await waitFor(() => h.sender.sends.length === 1, 10_000, 'the send to the supergroup');
    expect(h.sender.sends[0]!.destination).toBe('telegram:-100777');
    expect((await h.store.get(id))?.destination).toEqual({ platform: 'telegram', chatId: '-100777' });
    await waitFor(() => delivered('telegram:-100777', 's1'));
    // Later stories go straight to the new chat.
    await h.publish('s2');
    await waitFor(() => h.sender.sends.length === 2);
    expect(h.sender.sends[1]!.destination).toBe('telegram:-100777');
  });

  it('gives up on a rejected message without retrying it', async () => {
    h = await createHarness('deliver-rejected', { script: () => ({ kind: 'rejected', reason: 'message too long' }) });
    await h.subscribe(user);
    h.startWorker();
    await h.publish('s1');
    const id = alertJobId('telegram:42', 's1');
    await waitFor(async () => (await h.deliveries.getJob(id))?.failedReason !== undefined, 10_000, 'failure');
    expect(h.sender.calls).toBe(1);
    expect(await h.ctx.redis.zcard(h.ctx.keys.pending('telegram:42'))).toBe(0);
  });

  it('honours a 429 by waiting out the cooldown instead of retrying at once', async () => {
    h = await createHarness('deliver-429', {
      script: ({ attempt }) => (attempt === 1 ? { kind: 'rate-limited', retryAfterMs: 700, global: false } : undefined),
    });
    await h.subscribe(user);
    h.startWorker();
    const before = Date.now();
    await h.publish('s1');
    await waitFor(() => h.sender.sends.length === 1, 10_000, 'the send after the cooldown');
    expect(h.sender.calls).toBe(2);
    expect(h.sender.sends[0]!.at - before).toBeGreaterThanOrEqual(700);
    // The send is seen before the job is recorded as completed: wait for that before counting its attempts.
    const finished = async () => (await h.deliveries.getJob(alertJobId('telegram:42', 's1')))?.finishedOn !== undefined;
    await waitFor(finished, 10_000, 'the job to complete');
    const job = await h.deliveries.getJob(alertJobId('telegram:42', 's1'));
    // One attempt in all: waiting out the 429 did not use one (a thrown failure would make it 2).
    expect(job?.attemptsMade).toBe(1);
    expect(job?.stacktrace ?? []).toEqual([]);
  });
});
