import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Queue, Worker } from 'bullmq';
import { addJob, addJobs } from '../../src/queue/add-job.js';
import { useRedis, type RedisTestContext } from '../support/redis.js';
import { waitUntil } from '../support/wait-until.js';

let ctx: RedisTestContext;
let queue: Queue;
let worker: Worker | undefined;

beforeEach(async () => {
  ctx = await useRedis('add-job');
  queue = new Queue('work', { connection: ctx.connect(), prefix: ctx.prefix });
});
afterEach(async () => {
  await worker?.close();
  worker = undefined;
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await ctx.cleanup();
});

/** A worker that records each run of each job id, and fails the runs `fail` says to. */
function recordRuns(runs: string[], fail: (id: string, run: number) => boolean) {
  worker = new Worker(
    'work',
    async (job) => {
      const id = job.id!;
      runs.push(id);
      if (fail(id, runs.filter((r) => r === id).length)) throw new Error('Redis went away');
      return 'done';
    },
    { connection: ctx.connect({ worker: true }), prefix: ctx.prefix },
  );
}

describe('adding a job whose id says what it is', () => {
  it('runs the work again when a job with that id failed for good, instead of ignoring the add', async () => {
    const runs: string[] = [];
    recordRuns(runs, (_, run) => run === 1);
    await addJob(queue, { name: 'story', data: {}, opts: { jobId: 'story-a', attempts: 1 } });
    await waitUntil('the first run to fail', async () => (await queue.getJobState('story-a')) === 'failed');

    await addJob(queue, { name: 'story', data: {}, opts: { jobId: 'story-a', attempts: 1 } });
    await waitUntil('the re-queued work to complete', async () => (await queue.getJobState('story-a')) === 'completed');
    expect(runs).toEqual(['story-a', 'story-a']);
  });

  it('runs a completed job again when its work is queued again, so its own records decide whether to act', async () => {
    const runs: string[] = [];
    recordRuns(runs, () => false);
    await addJobs(queue, [
      { name: 'alert', data: {}, opts: { jobId: 'deliver-a' } },
      { name: 'alert', data: {}, opts: { jobId: 'deliver-b' } },
    ]);
    await waitUntil('both to complete', async () => (await queue.getCompletedCount()) === 2);
    await addJobs(queue, [{ name: 'alert', data: {}, opts: { jobId: 'deliver-a' } }]);
    await waitUntil('the second run', () => runs.length === 3);
    expect(runs.sort()).toEqual(['deliver-a', 'deliver-a', 'deliver-b']);
  });

  it('adds nothing while a job with that id is still waiting', async () => {
    await addJob(queue, { name: 'poll', data: { n: 1 }, opts: { jobId: 'poll-x', delay: 60_000 } });
    await addJob(queue, { name: 'poll', data: { n: 2 }, opts: { jobId: 'poll-x', delay: 60_000 } });
    expect(await queue.getDelayedCount()).toBe(1);
    expect((await queue.getJob('poll-x'))?.data).toEqual({ n: 1 });
  });
});
