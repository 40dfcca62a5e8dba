import { DelayedError, Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { errorMessage } from '../errors.js';
import { createRedisChatLanguageStore } from '../i18n/chat-languages.js';
import { silentLogger, type Logger } from '../log.js';
import { deliveryJobSchema, queueNames, type DeliveryJob } from '../queue/contracts.js';
import { addJob } from '../queue/add-job.js';
import { reportWorkerErrors } from '../queue/worker-errors.js';
import { outlastingOutages } from '../queue/outlast-outage.js';
import type { Keys } from '../redis/keys.js';
import type { Sender, StoryLookup, SubscriptionStore } from './core/types.js';
import type { DeliveryContext } from './deliver-context.js';
import { createDestinationState } from './destination-state.js';
import { createDigestState } from './digest-state.js';
import { deliverDigest } from './digest.js';
import { alertJobOptions, cappedBackoff, MAX_BACKOFF_MS } from './jobs.js';
import type { PaceRules } from './pacing/pace-rules.js';
import { createSendSlots } from './pacing/send-slots.js';
import { createSendTurns } from './pacing/send-turns.js';
import { deliverAlert, type AlertJobData } from './send-alert.js';
import { deliverEdit } from './send-edit.js';

/** Options of createDeliveryWorker. */
export interface DeliveryWorkerOptions {
  /** BullMQ worker connection (`maxRetriesPerRequest: null`), or options to open one. */
  connection: Redis | ConnectionOptions;
  /** Connection for delivery state and pacing (a fail-fast client is fine). Default: `connection` when a Redis. */
  redis?: Redis;
  keys: Keys;
  /** One sender per platform delivered to; each carries its platform's limits. */
  senders: readonly Sender[];
  stories: StoryLookup;
  subscriptions: SubscriptionStore;
  logger?: Logger;
  /**
   * Jobs handled at once by this process. Pacing is shared by all processes, whatever this is. A job waits for its
   * reserved slot (at most a couple of seconds ahead) in its worker slot, so the platform's slots stay filled only
   * while `concurrency` exceeds the platform's rate times the time one send takes: 50 covers 50/s at a second a send.
   * Default 50.
   */
  concurrency?: number;
  /** Limits replacing a platform's own, by platform name (tests, benchmarks). Default: none. */
  paceRules?: PaceRules;
  /** Failed tries with `destination-gone` before the destination's subscriptions are paused. Default 3. */
  goneAfterTries?: number;
  /** Longest backoff between retries, in ms. Default 10 min. */
  maxBackoffMs?: number;
  /** BullMQ lock of a running job, in ms; a crashed worker's job is re-run after about this. Default 30 s. */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for, in ms. Default 30 s. */
  stalledIntervalMs?: number;
  /** How long delivered records are kept, in seconds. Default 14 days. */
  deliveredRetentionSeconds?: number;
  /** Most stories in one digest. Default 10. */
  maxDigestStories?: number;
  /** Start taking jobs at once. Default true. */
  autorun?: boolean;
}

export interface DeliveryWorker {
  readonly worker: Worker<DeliveryJob>;
  close(): Promise<void>;
}

/** The worker of the `deliveries` queue: alerts (combined under bursts), edits and digests, paced across processes. */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const logger = (options.logger ?? silentLogger).child({ module: 'delivery' });
  const redis = options.redis ?? (isRedis(options.connection) ? options.connection : undefined);
  if (!redis) throw new Error('createDeliveryWorker: pass `redis` when `connection` is not a Redis instance');
  const { keys } = options;
  const ctx: DeliveryContext = {
    senders: new Map(options.senders.map((s) => [s.platform.name, s])),
    stories: options.stories,
    subscriptions: options.subscriptions,
    state: createDestinationState({
      redis,
      keys,
      ...(options.deliveredRetentionSeconds !== undefined
        ? { deliveredRetentionSeconds: options.deliveredRetentionSeconds }
        : {}),
    }),
    digests: createDigestState({ redis, keys }),
    turns: createSendTurns({ slots: createSendSlots({ redis }), keys, ...(options.paceRules ? { paceRules: options.paceRules } : {}) }),
    policy: {
      goneAfterTries: options.goneAfterTries ?? 3,
      maxDigestStories: options.maxDigestStories ?? 10,
      outageRetryMs: options.maxBackoffMs ?? MAX_BACKOFF_MS,
    },
    logger,
    languages: createRedisChatLanguageStore(redis, keys),
  };

  const processor = async (job: Job<DeliveryJob>, token?: string): Promise<string> => {
    const parsed = deliveryJobSchema.safeParse(job.data);
    if (!parsed.success) {
      logger.error({ jobId: job.id, issues: parsed.error.issues }, 'delivery job payload does not fit the schema; skipped');
      return 'invalid';
    }
    const running = { job, token: token ?? '' };
    const data = parsed.data;
    switch (data.kind) {
      case 'alert':
        return deliverAlert(ctx, running, data).catch((err: unknown) => handOffAfter(running.job, data, err));
      case 'edit':
        return deliverEdit(ctx, running, data);
      case 'digest':
        return deliverDigest(ctx, running, data);
    }
  };

  let successors: Queue | undefined;
  /**
   * A job failing for good while it holds its destination's turn hands the turn to a new job for the oldest story
   * still pending there, so that nothing waits behind a job that will not run again.
   */
  async function handOffAfter(job: Job<DeliveryJob>, data: AlertJobData, err: unknown): Promise<never> {
    const final = err instanceof UnrecoverableError || (!(err instanceof DelayedError) && job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
    if (final && job.id) {
      const successor = `${job.id}-next`;
      try {
        const end = await ctx.state.finishTurn(data.destination, job.id, { successor });
        if (end.kind === 'handed-over') {
          successors ??= new Queue(queueNames.deliveries, { connection: redis!, prefix: keys.prefix });
          const next = { kind: 'alert' as const, destination: data.destination, storyId: end.storyId, queuedAt: Date.now() };
          await addJob(successors, { name: 'alert', data: deliveryJobSchema.parse(next), opts: { ...alertJobOptions, jobId: successor } });
          logger.warn({ destination: data.destination, jobId: job.id, successor }, 'delivery failed for good; the stories waiting after it go on in a new job');
        }
      } catch (handOffErr) {
        // Redis away: the turn expires on its own and the destination's next story queues a job again.
        logger.error({ destination: data.destination, jobId: job.id, err: errorMessage(handOffErr) }, 'could not hand the turn on after a failure');
      }
    }
    throw err;
  }

  const worker = new Worker<DeliveryJob>(queueNames.deliveries, outlastingOutages(redis, processor), {
    connection: options.connection,
    prefix: keys.prefix,
    concurrency: options.concurrency ?? 50,
    autorun: options.autorun ?? true,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: 2,
    settings: { backoffStrategy: cappedBackoff(options.maxBackoffMs ?? MAX_BACKOFF_MS) },
  });
  reportWorkerErrors(worker, logger, 'delivery worker error');
  worker.on('failed', (job, err) => {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      logger.error({ jobId: job.id, err: err.message }, 'delivery job failed for good; kept in the failed set');
    }
  });

  return {
    worker,
    async close() {
      worker.cancelAllJobs('shutting down'); // stops a failed job's wait for Redis, nothing else
      await worker.close();
      await successors?.close();
    },
  };
}

function isRedis(value: unknown): value is Redis {
  return typeof value === 'object' && value !== null && typeof (value as Redis).eval === 'function';
}
