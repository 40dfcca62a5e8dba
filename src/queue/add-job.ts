import type { Job, JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { luaScript } from '../redis/lua-script.js';

/** One job to add under an id that says what it is. */
export interface NamedJob {
  name: string;
  data: unknown;
  opts: JobsOptions & { jobId: string };
}

/**
 * Adds jobs whose ids say what they are (`story-<id>`, `deliver-<dest>-<story>`...), so that the same work queued
 * twice while it waits is one job. BullMQ ignores an add whose id is taken even by a job that has FINISHED: a
 * failed job (kept a week for the operator to read) would swallow the re-queue of its work for good. Such a job
 * is moved back to waiting instead, with its attempts reset.
 *
 * A completed one is run again too: whether the work was done is Redis state the job reads (the delivered
 * record, the feed's current schedule, the digest's record), not the presence of a job id, so the re-run adds
 * nothing when it was done and does it when it was not.
 */
export async function addJobs(queue: Queue, jobs: readonly NamedJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await queue.addBulk(jobs.map((j) => ({ name: j.name, data: j.data, opts: j.opts })));
  const states = await finishedStates(queue, jobs);
  await Promise.all(jobs.map((j, i) => (states[i] ? revive(queue, j.opts.jobId, states[i]) : undefined)));
}

/** KEYS: completed, failed   ARGV: job ids. Returns per job: 0 neither, 1 completed, 2 failed. */
const FINISHED_STATES = luaScript(`
local out = {}
for i = 1, #ARGV do
  if redis.call('ZSCORE', KEYS[1], ARGV[i]) then out[i] = 1
  elseif redis.call('ZSCORE', KEYS[2], ARGV[i]) then out[i] = 2
  else out[i] = 0 end
end
return out
`);

/** Which of the jobs are completed or failed, read in one command (fan-out adds thousands at once). */
async function finishedStates(queue: Queue, jobs: readonly NamedJob[]): Promise<Array<'completed' | 'failed' | undefined>> {
  // The Redis backend's client is the ioredis connection the queue was given (BullMQ types it more narrowly).
  const redis = (await queue.backend.client) as unknown as Redis;
  const codes = (await FINISHED_STATES(redis, [queue.keys.completed!, queue.keys.failed!], jobs.map((j) => j.opts.jobId))) as number[];
  return codes.map((c) => (c === 1 ? 'completed' : c === 2 ? 'failed' : undefined));
}

/** {@link addJobs} for one job. */
export async function addJob(queue: Queue, job: NamedJob): Promise<void> {
  await addJobs(queue, [job]);
}

async function revive(queue: Queue, jobId: string, state: 'completed' | 'failed'): Promise<void> {
  const job: Job | undefined = await queue.getJob(jobId);
  if (!job) return; // removed meanwhile: nothing swallows a new add; the caller's next try adds it
  try {
    await job.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
  } catch {
    // Taken or moved by someone else meanwhile (another process re-queued the same work): it is live again.
  }
}
