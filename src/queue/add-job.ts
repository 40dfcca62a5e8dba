import type { Job, JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';

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
export async function addJobs(queue: Queue, jobs: readonly NamedJob[], redis?: Redis): Promise<void> {
  if (jobs.length === 0) return;
  await queue.addBulk(jobs.map((j) => ({ name: j.name, data: j.data, opts: j.opts })));
  const states = redis ? await finishedStates(redis, queue, jobs) : await Promise.all(jobs.map((j) => finishedState(queue, j)));
  await Promise.all(jobs.map((j, i) => (states[i] ? revive(queue, j.opts.jobId, states[i]) : undefined)));
}

/**
 * Which of the jobs' ids belong to a finished job, in one pipelined round trip (a fan-out adds thousands at once):
 * a finished job is in its queue's `completed` or `failed` sorted set. `redis` is a connection to the queue's Redis.
 */
async function finishedStates(redis: Redis, queue: Queue, jobs: readonly NamedJob[]): Promise<Array<'completed' | 'failed' | undefined>> {
  const pipeline = redis.pipeline();
  const [completed, failed] = [queue.toKey('completed'), queue.toKey('failed')];
  for (const j of jobs) pipeline.zscore(completed, j.opts.jobId).zscore(failed, j.opts.jobId);
  const answers = (await pipeline.exec()) ?? [];
  return jobs.map((_, i) => {
    const [[errC, inCompleted], [errF, inFailed]] = [answers[2 * i] ?? [null, null], answers[2 * i + 1] ?? [null, null]];
    if (errC || errF) throw errC ?? errF;
    return inCompleted !== null ? 'completed' : inFailed !== null ? 'failed' : undefined;
  });
}

async function finishedState(queue: Queue, job: NamedJob): Promise<'completed' | 'failed' | undefined> {
  const state = await queue.getJobState(job.opts.jobId);
  return state === 'completed' || state === 'failed' ? state : undefined;
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
