import { Worker, type ConnectionOptions, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { silentLogger, type Logger } from '../log.js';
import { itemsNotAlerted } from '../metrics.js';
import { addJobs, type NamedJob } from '../queue/add-job.js';
import { deliveryJobSchema, queueNames, storyJobSchema, type DeliveryJob, type StoryJob } from '../queue/contracts.js';
import { reportWorkerErrors } from '../queue/worker-errors.js';
import { outlastingOutages } from '../queue/outlast-outage.js';
import type { Keys } from '../redis/keys.js';
import { destinationKey, type StoryLookup, type Subscription, type SubscriptionStore } from './core/types.js';
import { createDestinationState, type DestinationState } from './destination-state.js';
import { DEFAULT_TIME_ZONE, nextDigestAt, quietUntil } from './core/schedule.js';
import { execChecked } from '../redis/exec.js';
import {
  alertJobId,
  alertJobOptions,
  BACKLOG_PRIORITY,
  digestJobId,
  digestJobOptions,
  editJobId,
  editJobOptions,
} from './jobs.js';

/** What fan-out needs; shared by the worker and by direct calls (bench, CLI demo). */
export interface FanoutDeps {
  redis: Redis;
  keys: Keys;
  /** The `deliveries` queue (prefix = keys.prefix). */
  deliveries: Queue;
  subscriptions: SubscriptionStore;
  stories: StoryLookup;
  logger?: Logger;
  /** Shortest time between two edits of one message, in ms. Default 5 min. */
  editIntervalMs?: number;
  /** Clock. Default Date.now. */
  now?: () => number;
}

/** What one story job led to. */
export interface FanoutResult {
  alerts: number;
  digests: number;
  edits: number;
}

type BulkJob = { name: string; data: DeliveryJob; opts: NamedJob['opts'] };

/** addBulk in slices: one huge MULTI would block Redis for every other client. The slices go out together. */
const BULK_SLICE = 1_000;
const FIRST_SLICE = 100;

async function addAll(queue: Queue, jobs: BulkJob[], redis: Redis): Promise<void> {
  const slices: Promise<unknown>[] = [];
  for (let i = 0; i < jobs.length; i += BULK_SLICE) {
    const slice = jobs.slice(i, i + BULK_SLICE).map((j) => ({ ...j, data: deliveryJobSchema.parse(j.data) }));
    slices.push(addJobs(queue, slice, redis));
  }
  await Promise.all(slices);
}

/**
 * Turns one story job into delivery jobs.
 * - `new`: the story joins the pending queue of each destination whose subscriptions match (several matching
 *   subscriptions of one destination still mean one message); a destination whose turn is free gets one alert
 *   job, which takes the turn and sends everything pending there; a destination whose turn is held gets no job,
 *   since its holder sends the story with the rest. Digest subscriptions get the story recorded for their next
 *   digest instead. Job ids are deterministic and a delivered story is not queued again, so a replay adds nothing.
 * - `update`: one edit job per destination the story was sent to, delayed to the end of the current edit window,
 *   with an id per message and window, so a burst of updates becomes one edit.
 * Every read and write goes out in a few pipelined round trips, whatever the number of subscriptions.
 */
export async function fanOutStory(deps: FanoutDeps, job: StoryJob, queuedAt: number): Promise<FanoutResult> {
  const now = deps.now ?? Date.now;
  const state = createDestinationState({ redis: deps.redis, keys: deps.keys });
  if (job.kind === 'update') return { alerts: 0, digests: 0, edits: await queueEdits(deps, state, job.storyId, now()) };

  const story = await deps.stories.getStory(job.storyId);
  if (!story) {
    (deps.logger ?? silentLogger).warn({ storyId: job.storyId }, 'story to fan out is not in the archive; skipped');
    return { alerts: 0, digests: 0, edits: 0 };
  }
  const matched = await deps.subscriptions.matchStory(story);
  if (matched.length === 0) itemsNotAlerted.inc({ reason: 'no_subscriber' });
  const instant = new Set<string>();
  const digests: Subscription[] = [];
  // When each destination's quiet hours end, for destinations whose every instant subscription is quiet now.
  const quietEnds = new Map<string, number | undefined>();
  for (const sub of matched) {
    if (sub.mode !== 'instant') {
      digests.push(sub);
      continue;
    }
    const dest = destinationKey(sub.destination);
    instant.add(dest);
    const until = sub.quiet ? quietUntil(sub.quiet, sub.timeZone ?? DEFAULT_TIME_ZONE, now()) : undefined;
    const held = quietEnds.has(dest) ? quietEnds.get(dest) : until;
    quietEnds.set(dest, held === undefined || until === undefined ? undefined : Math.min(held, until));
  }

  const publishedMs = Date.parse(story.publishedAt) || queuedAt;
  const jobs: BulkJob[] = [];
  const pipeline = deps.redis.pipeline();
  for (const sub of digests) {
    // A destination alerted instantly does not need the same story again in its digest.
    const run = nextDigestAt(sub, now());
    if (instant.has(destinationKey(sub.destination)) || !run) continue;
    pipeline.zadd(deps.keys.digestStories(sub.id), 'NX', publishedMs, story.id);
    jobs.push({
      name: 'digest',
      data: { kind: 'digest', subscriptionId: sub.id, day: run.day },
      opts: { ...digestJobOptions, jobId: digestJobId(sub.id, run.day), delay: Math.max(0, run.at - now()) },
    });
  }
  const digestCount = jobs.length;
  const dests = [...instant];
  await Promise.all([
    pipeline.length > 0 ? execChecked(pipeline) : undefined,
    addAll(deps.deliveries, jobs, deps.redis),
    // Slices go out together, the first one small so that the first messages leave while the rest is queued.
    ...slices(dests).map((slice) => queueAlerts(deps, state, story.id, queuedAt, slice, quietEnds)),
  ]);
  return { alerts: instant.size, digests: digestCount, edits: 0 };
}

/** A short first slice of destinations, then slices of BULK_SLICE. */
function slices<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0, size = FIRST_SLICE; i < items.length; i += size, size = BULK_SLICE) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Queues the story for each destination, then one alert job for each whose turn was free. Pending entries first:
 * a delivery job must find its story queued.
 */
async function queueAlerts(
  deps: FanoutDeps,
  state: DestinationState,
  storyId: string,
  queuedAt: number,
  dests: string[],
  quietEnds: ReadonlyMap<string, number | undefined>,
): Promise<void> {
  const now = (deps.now ?? Date.now)();
  const jobIds = dests.map((dest) => alertJobId(dest, storyId));
  const answers = await state.enqueue(storyId, queuedAt, dests, jobIds);
  const jobs: BulkJob[] = [];
  dests.forEach((dest, i) => {
    const answer = answers[i];
    if (answer !== 'quiet' && answer !== 'busy') return;
    // In the destination's quiet hours the job that holds its turn waits, delayed in Redis, for their end; the
    // stories queued meanwhile wait in its pending set (their jobs, if any, find the turn taken), and the holder
    // sends them together when it runs.
    const heldUntil = quietEnds.get(dest);
    jobs.push({
      name: 'alert',
      data: { kind: 'alert', destination: dest, storyId, queuedAt },
      // A quiet destination's first message goes ahead of every busy destination's backlog (BullMQ takes jobs
      // without a priority before prioritized ones); a backlog is combined into few messages anyway.
      opts: {
        ...alertJobOptions,
        jobId: jobIds[i]!,
        ...(answer === 'busy' ? { priority: BACKLOG_PRIORITY } : {}),
        ...(heldUntil !== undefined ? { delay: Math.max(0, heldUntil - now) } : {}),
      },
    });
  });
  await addAll(deps.deliveries, jobs, deps.redis);
}

async function queueEdits(deps: FanoutDeps, state: DestinationState, storyId: string, nowMs: number): Promise<number> {
  const interval = deps.editIntervalMs ?? 5 * 60_000;
  const window = Math.floor(nowMs / interval);
  const delay = (window + 1) * interval - nowMs;
  const sent = await state.sentMessages(storyId);
  const jobs: BulkJob[] = [...sent.keys()].map((dest) => ({
    name: 'edit',
    data: { kind: 'edit', destination: dest, storyId },
    opts: { ...editJobOptions, jobId: editJobId(dest, storyId, window), delay },
  }));
  await addAll(deps.deliveries, jobs, deps.redis);
  return jobs.length;
}

/** Options of createFanoutWorker. */
export interface FanoutWorkerOptions extends FanoutDeps {
  /** BullMQ worker connection (`maxRetriesPerRequest: null`). */
  connection: Redis | ConnectionOptions;
  /** Story jobs handled at once. Default 4. */
  concurrency?: number;
}

export interface FanoutWorker {
  readonly worker: Worker<StoryJob>;
  close(): Promise<void>;
}

/** The worker of the `stories` queue. */
export function createFanoutWorker(options: FanoutWorkerOptions): FanoutWorker {
  const logger = (options.logger ?? silentLogger).child({ module: 'fanout' });
  const deps: FanoutDeps = { ...options, logger };
  const worker = new Worker<StoryJob>(
    queueNames.stories,
    outlastingOutages(options.redis, async (job: Job<StoryJob>) => {
      const parsed = storyJobSchema.safeParse(job.data);
      if (!parsed.success) {
        logger.error({ jobId: job.id, issues: parsed.error.issues }, 'story job payload does not fit the schema; skipped');
        return { alerts: 0, digests: 0, edits: 0 };
      }
      const result = await fanOutStory(deps, parsed.data, parsed.data.queuedAt ?? job.timestamp);
      logger.debug({ storyId: parsed.data.storyId, kind: parsed.data.kind, ...result }, 'story fanned out');
      return result;
    }),
    { connection: options.connection, prefix: options.keys.prefix, concurrency: options.concurrency ?? 4 },
  );
  reportWorkerErrors(worker, logger, 'fan-out worker error');
  return {
    worker,
    async close() {
      worker.cancelAllJobs('shutting down'); // stops a failed job's wait for Redis, nothing else
      await worker.close();
    },
  };
}
