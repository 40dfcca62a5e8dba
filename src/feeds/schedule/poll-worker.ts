import { DelayedError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../../log.js';
import { silentLogger } from '../../log.js';
import { pollJobSchema, queueNames } from '../../queue/contracts.js';
import { reportWorkerErrors } from '../../queue/worker-errors.js';
import { outlastingOutages } from '../../queue/outlast-outage.js';
import type { FeedPoller } from '../poller.js';
import type { PollScheduler } from './scheduler.js';

export interface PollWorkerDeps {
  /** A connection with `maxRetriesPerRequest: null`. */
  connection: Redis;
  prefix: string;
  poller: FeedPoller;
  scheduler: PollScheduler;
  /** Feeds polled at once by this process. Default 16 (fetching is I/O-bound; parsing runs in worker threads). */
  concurrency?: number;
  /**
   * BullMQ lock of a running poll, in ms, renewed every half of it while the poll runs. A crashed process's polls
   * are run again once their lock has expired and the stalled check (every `stalledIntervalMs`) has seen them.
   * Default 15 s.
   */
  lockDurationMs?: number;
  /** How often stalled polls are looked for, in ms. Default 10 s. */
  stalledIntervalMs?: number;
  logger?: Logger;
}

/** How long after a shutdown an aborted poll is due again (for another process, or this one restarted), in ms. */
const HAND_BACK_DELAY_MS = 5_000;

export interface PollWorker {
  readonly worker: Worker;
  /** Aborts the polls in flight (their fetches), hands them back to the queue, and closes the worker. */
  close(): Promise<void>;
}

/**
 * Runs poll jobs: polls the feed, then schedules its next poll. Any process running this worker shares the
 * polling with the others; a crashed process's active jobs are picked up (by another process, or by this one
 * restarted) within about 30 s, when BullMQ finds them stalled; lost schedules by the reconciler.
 * A poll aborted by `close` (shutdown) goes back to the queue, due 5 s later, without using an attempt.
 */
export function createPollWorker(deps: PollWorkerDeps): PollWorker {
  const log = (deps.logger ?? silentLogger).child({ module: 'poll-worker' });
  const worker = new Worker(
    queueNames.poll,
    outlastingOutages(deps.connection, async (job: Job, token?: string, signal?: AbortSignal) => {
      const parsed = pollJobSchema.safeParse(job.data);
      if (!parsed.success) {
        log.error({ jobId: job.id, issues: parsed.error.issues }, 'poll job payload does not fit; skipped');
        return { skipped: 'bad payload' };
      }
      const { feedId, url } = parsed.data;
      if (job.id && !(await deps.scheduler.isCurrent(feedId, job.id))) {
        log.debug({ jobId: job.id, feedId }, 'stale poll job (feed rescheduled or removed); skipped');
        return { skipped: 'stale' };
      }
      let report;
      try {
        report = await deps.poller.poll(feedId, signal);
      } catch (err) {
        if (!signal?.aborted || !token) throw err;
        log.info({ jobId: job.id, feedId }, 'poll aborted (shutting down); handed back to the queue');
        // Due a little later, not at once: this worker's own fetch of its next job, already under way, would
        // take it again and hold up the shutdown.
        await job.moveToDelayed(Date.now() + HAND_BACK_DELAY_MS, token);
        throw new DelayedError();
      }
      if (report.nextPollAtMs !== undefined) await deps.scheduler.scheduleAt(feedId, url, report.nextPollAtMs);
      return report;
    }),
    {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: deps.concurrency ?? 16,
      // A fetch may take its full 30 s deadline plus parsing: the lock is renewed (every half of it) while the job runs.
      lockDuration: deps.lockDurationMs ?? 15_000,
      stalledInterval: deps.stalledIntervalMs ?? 10_000,
      maxStalledCount: 2,
    },
  );
  worker.on('failed', (job, err) => {
    const last = !job || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (last) log.error({ jobId: job?.id, err: err.message }, 'poll job failed for good; the reconciler schedules the feed again');
    else log.warn({ jobId: job.id, attempt: job.attemptsMade, err: err.message }, 'poll job failed; will retry with backoff');
  });
  reportWorkerErrors(worker, log, 'poll worker error');

  return {
    worker,
    async close() {
      worker.cancelAllJobs('shutting down');
      await worker.close();
    },
  };
}
