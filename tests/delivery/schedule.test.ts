import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type DeliveryHarness } from './harness.js';
import { makeStory, waitFor } from './helpers.js';
import { digestJobId } from '../../src/delivery/jobs.js';
import { nextDigestAt, parseQuietHours, quietUntil, zonedToUtc } from '../../src/delivery/core/schedule.js';

describe('digest hour in the subscription’s zone', () => {
  it('runs at the local hour, following the zone’s offset on that day', () => {
    // Europe/Berlin: UTC+1 in January, UTC+2 in July.
    const sub = { digestHour: 9, timeZone: 'Europe/Berlin' };
    expect(nextDigestAt(sub, Date.parse('2022-01-06T07:30:00Z'))).toEqual({ day: '2022-01-06', at: Date.parse('2022-01-06T08:00:00Z') });
    expect(nextDigestAt(sub, Date.parse('2022-07-06T07:30:00Z'))).toEqual({ day: '2022-07-07', at: Date.parse('2022-07-07T07:00:00Z') });
    // Asia/Almaty was UTC+6 in 2022: 08:00 local is 02:00 UTC, and the local day starts at 18:00 UTC.
    expect(nextDigestAt({ digestHour: 8, timeZone: 'Asia/Almaty' }, Date.parse('2022-01-05T19:00:00Z'))).toEqual({
      day: '2022-01-06',
      at: Date.parse('2022-01-06T02:00:00Z'),
    });
  });

  it('keeps an old subscription’s UTC hour', () => {
    expect(nextDigestAt({ digestHourUtc: 6 }, Date.parse('2022-01-06T05:00:00Z'))?.at).toBe(Date.parse('2022-01-06T06:00:00Z'));
  });

  it('moves a local time skipped by a clock change forward', () => {
    // 2022-03-27 02:30 does not exist in Berlin (02:00 -> 03:00).
    expect(new Date(zonedToUtc(2022, 3, 27, 150, 'Europe/Berlin')).toISOString()).toBe('2022-03-27T01:30:00.000Z');
  });
});

describe('quiet hours', () => {
  it('are read as typed and span midnight', () => {
    const quiet = parseQuietHours('23-07')!;
    expect(quiet).toEqual({ start: 23 * 60, end: 7 * 60 });
    expect(parseQuietHours('22:30-6:00')).toEqual({ start: 1350, end: 360 });
    expect(parseQuietHours('7-7')).toBeUndefined();
    expect(parseQuietHours('25-07')).toBeUndefined();
    // 02:00 in Almaty (UTC+6 in 2022) is quiet until 07:00 local, 01:00 UTC.
    expect(quietUntil(quiet, 'Asia/Almaty', Date.parse('2022-01-05T20:00:00Z'))).toBe(Date.parse('2022-01-06T01:00:00Z'));
    expect(quietUntil(quiet, 'Asia/Almaty', Date.parse('2022-01-06T05:00:00Z'))).toBeUndefined();
  });
});

describe('scheduled delivery', () => {
  let h: DeliveryHarness;
  afterEach(() => h.close());

  it('queues a digest for the chosen hour in the chosen zone', async () => {
    h = await createHarness('schedule-digest');
    const subId = await h.subscribe({ platform: 'telegram', chatId: '42' }, { mode: 'digest', digestHour: 9, timeZone: 'Asia/Tokyo' });
    const now = Date.now();
    await h.publish(makeStory('a'), now);
    const run = nextDigestAt({ digestHour: 9, timeZone: 'Asia/Tokyo' }, now)!;
    const job = await h.deliveries.getJob(digestJobId(subId, run.day));
    expect(await job?.getState()).toBe('delayed');
    // 09:00 in Tokyo is 00:00 UTC.
    expect(new Date(run.at).toISOString()).toMatch(/T00:00:00\.000Z$/);
    expect(Math.abs(job!.timestamp + job!.delay - run.at)).toBeLessThan(1_000);
    h.startWorker();
    await job!.promote();
    await waitFor(async () => (await h.deliveries.getJob(job!.id!))?.returnvalue === 'sent', 10_000, 'the digest');
    expect(h.sender.sends.map((s) => s.message.presentation?.timeZone)).toEqual(['Asia/Tokyo']);
  });

  it('holds instant alerts through quiet hours and sends them as one message when they end, across a restart', async () => {
    h = await createHarness('schedule-quiet');
    const chat = { platform: 'telegram', chatId: '42' };
    await h.subscribe(chat, { quiet: { start: 23 * 60, end: 7 * 60 }, timeZone: 'Asia/Almaty' });
    // 02:00 to 02:20 in Almaty (UTC+6 in 2022).
    const night = Date.parse('2022-01-05T20:00:00Z');
    for (const [i, id] of ['q1', 'q2', 'q3'].entries()) await h.publish(makeStory(id), night + i * 600_000);
    const first = h.startWorker();
    await new Promise((r) => setTimeout(r, 400));
    expect(h.sender.sends).toHaveLength(0);
    // One job holds the destination's turn, delayed until 07:00 in Almaty (01:00 UTC); the others wait with it.
    const end = Date.parse('2022-01-06T01:00:00Z');
    let held = await h.deliveries.getJobs(['delayed']);
    expect(held.map((j) => [j.data.storyId, j.delay])).toEqual([['q1', end - night]]);
    expect(await h.ctx.redis.zcard(h.ctx.keys.pending('telegram:42'))).toBe(3);
    // A turn held all night outlives its expiry: the next story's job is held as well.
    await h.ctx.redis.del(h.ctx.keys.destinationTurn('telegram:42'));
    await h.publish(makeStory('q4'), night + 3_600_000);
    held = await h.deliveries.getJobs(['delayed']);
    expect(held.map((j) => [j.data.storyId, j.delay]).sort()).toEqual([['q1', end - night], ['q4', end - night - 3_600_000]]);

    await first.close(); // the process stops during the night; what is held is in Redis
    h.startWorker();
    for (const job of held) await job.promote(); // the quiet hours have ended
    await waitFor(() => h.sender.sends.length >= 1, 10_000, 'the held message');
    await waitFor(async () => (await h.deliveries.getJobCountByTypes('delayed', 'waiting', 'active')) === 0, 10_000, 'every held job');
    expect(h.sender.sends).toHaveLength(1);
    expect(h.sender.sends[0]!.message.stories.map((s) => s.id).sort()).toEqual(['q1', 'q2', 'q3', 'q4']);
  });

  it('sends at once outside quiet hours', async () => {
    h = await createHarness('schedule-awake');
    await h.subscribe({ platform: 'telegram', chatId: '42' }, { quiet: { start: 23 * 60, end: 7 * 60 }, timeZone: 'Asia/Almaty' });
    h.startWorker();
    await h.publish(makeStory('day'), Date.parse('2022-01-06T06:00:00Z')); // 12:00 in Almaty
    await waitFor(() => h.sender.sends.length === 1, 10_000, 'the alert');
  });
});
