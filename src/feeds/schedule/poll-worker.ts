import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../../log.js';
import { silentLogger } from '../../log.js';
import { pollJobSchema, queueNames } from '../../queue/contracts.js';
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
  logger?: Logger;
}

/**
 * Runs poll jobs: polls the feed, then schedules its next poll. Any process running this worker shares the
 * polling with the others; a crashed process's active jobs are picked up by another when BullMQ finds them
 * stalled, and lost schedules by the reconciler.
 */
export function createPollWorker(deps: PollWorkerDeps): Worker {
  const log = (deps.logger ?? silentLogger).child({ module: 'poll-worker' });
  const worker = new Worker(
    queueNames.poll,
    async (job: Job) => {
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
      const report = await deps.poller.poll(feedId);
      if (report.nextPollAtMs !== undefined) await deps.scheduler.scheduleAt(feedId, url, report.nextPollAtMs);
      return report;
    },
    {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: deps.concurrency ?? 16,
      // A fetch may take its full 30 s deadline plus parsing; the lock is renewed while the job runs.
      lockDuration: 90_000,
      maxStalledCount: 2,
    },
  );
  worker.on('failed', (job, err) => log.error({ jobId: job?.id, err: err.message }, 'poll job failed'));
  worker.on('error', (err) => log.error({ err: err.message }, 'poll worker error'));
  return worker;
}
