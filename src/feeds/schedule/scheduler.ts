import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../../log.js';
import { silentLogger } from '../../log.js';
import type { Keys } from '../../redis/keys.js';
import { jobIdPart, pollJobSchema } from '../../queue/contracts.js';
import { addJob } from '../../queue/add-job.js';
import { pollJobOptions } from '../../queue/queues.js';
import type { FeedRecord, FeedRegistry } from '../registry.js';
import { spreadOffsetMs } from './interval-policy.js';

/**
 * Each feed has exactly one pending poll job at a time, `poll-<feedId>-<atMs>`: its id says which feed and
 * when, so the same schedule added twice (by two processes) is one job. A poll job adds its successor when it
 * finishes; the reconciler re-creates a schedule that was lost (a crash between polling and scheduling, a job
 * that failed for good, a feed just added), under a short lock so that one process does it at a time.
 */
export interface PollScheduler {
  /** Adds the feed's next poll job and records it as the feed's current schedule. */
  scheduleAt(feedId: string, url: string, atMs: number): Promise<string>;
  /** True when `jobId` is the feed's current schedule (a stale duplicate must not poll nor reschedule). */
  isCurrent(feedId: string, jobId: string): Promise<boolean>;
  /** Gives every feed without a live schedule one. Returns how many were (re)scheduled. */
  reconcile(): Promise<number>;
  /**
   * Runs `reconcile` now and every `everyMs` (default 60 s) until stopped. A failed round (Redis away) is tried
   * again after `retryMs` (default 2 s, doubling up to `everyMs`), and `soon()` asks for a round at once (Redis
   * is back), so polling resumes as soon as Redis answers.
   */
  startReconciling(everyMs?: number, retryMs?: number): Reconciling;
}

export interface Reconciling {
  /** Reconciles as soon as the current round (if any) is over. */
  soon(): void;
  stop(): Promise<void>;
}

export interface PollSchedulerDeps {
  queue: Queue;
  redis: Redis;
  keys: Keys;
  registry: FeedRegistry;
  /** The window new feeds' first polls are spread over, in ms. Default: min(base interval, 60 s). */
  firstPollWindowMs: number;
  logger?: Logger;
  now?: () => number;
}

const LIVE_STATES = new Set<string>(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/** How long a recorded schedule whose job is not found yet is taken for one being added, in ms. */
const RECORD_GRACE_MS = 15_000;

/**
 * How long the reconcile lock is held at most, in ms: short, so that a process that died (or lost Redis) while
 * holding it does not hold up the others for long. Two rounds overlapping add nothing twice (job ids).
 */
const RECONCILE_LOCK_MS = 15_000;

export function pollJobId(feedId: string, atMs: number): string {
  return `poll-${jobIdPart(feedId)}-${Math.round(atMs)}`;
}

export function createPollScheduler(deps: PollSchedulerDeps): PollScheduler {
  const log = (deps.logger ?? silentLogger).child({ module: 'scheduler' });
  const now = deps.now ?? Date.now;
  const scheduleKey = (feedId: string) => deps.keys.feed(feedId);

  async function scheduleAt(feedId: string, url: string, atMs: number): Promise<string> {
    const jobId = pollJobId(feedId, atMs);
    const data = pollJobSchema.parse({ feedId, url });
    // Recorded before the job exists: a job due at once may be taken by a worker before a later write, and
    // would then be judged stale and dropped. A crash in between leaves a schedule that points at nothing,
    // which the reconciler treats as lost.
    await deps.redis.hset(scheduleKey(feedId), 'scheduledJobId', jobId, 'nextPollAt', new Date(atMs).toISOString());
    await addJob(deps.queue, { name: 'poll', data, opts: { ...pollJobOptions, jobId, delay: Math.max(0, atMs - now()) } });
    return jobId;
  }

  async function needsSchedule(feed: FeedRecord, scheduledJobId: string | null): Promise<boolean> {
    if (!scheduledJobId) return true;
    const state = await deps.queue.getJobState(scheduledJobId);
    if (LIVE_STATES.has(state)) return false;
    // scheduleAt records a schedule just before adding its job: one not due yet, or due moments ago, may be
    // in between. Anything else (failed for good, gone with Redis, never added) is lost.
    const next = feed.nextPollAt ? Date.parse(feed.nextPollAt) : NaN;
    return !(state === 'unknown' && Number.isFinite(next) && next > now() - RECORD_GRACE_MS);
  }

  function firstPollAt(feed: FeedRecord): number {
    const added = Date.parse(feed.addedAt);
    const base = Number.isFinite(added) ? added : now();
    return Math.max(now(), base + spreadOffsetMs(feed.id, deps.firstPollWindowMs));
  }

  return {
    scheduleAt,

    async isCurrent(feedId, jobId) {
      return (await deps.redis.hget(scheduleKey(feedId), 'scheduledJobId')) === jobId;
    },

    async reconcile() {
      const lock = await deps.redis.set(deps.keys.reconcilePollsLock(), String(process.pid), 'PX', RECONCILE_LOCK_MS, 'NX');
      if (lock !== 'OK') return 0;
      let scheduled = 0;
      try {
        for (const feed of await deps.registry.list()) {
          const scheduledJobId = await deps.redis.hget(scheduleKey(feed.id), 'scheduledJobId');
          if (!(await needsSchedule(feed, scheduledJobId))) continue;
          // A lost schedule is polled now; a new feed at its spread offset.
          const at = scheduledJobId ? Math.max(now(), Math.floor(now() / 60_000) * 60_000) : firstPollAt(feed);
          await scheduleAt(feed.id, feed.url, at);
          scheduled++;
          if (scheduledJobId) log.warn({ feedId: feed.id, url: feed.url, lost: scheduledJobId }, 'poll schedule was lost; rescheduled');
        }
      } finally {
        await deps.redis.del(deps.keys.reconcilePollsLock());
      }
      if (scheduled > 0) log.info({ scheduled }, 'feeds scheduled');
      return scheduled;
    },

    startReconciling(everyMs = 60_000, retryMs = 2_000) {
      let stopped = false;
      let running: Promise<unknown> = Promise.resolve();
      let timer: NodeJS.Timeout | undefined;
      let failures = 0;
      const arm = (ms: number) => {
        clearTimeout(timer);
        if (stopped) return;
        timer = setTimeout(tick, ms);
        timer.unref();
      };
      const tick = () => {
        clearTimeout(timer);
        if (stopped) return;
        running = running.then(() =>
          this.reconcile().then(
            () => {
              failures = 0;
              arm(everyMs);
            },
            (err: unknown) => {
              failures++;
              const wait = Math.min(everyMs, retryMs * 2 ** (failures - 1));
              // Redis away: one warning, then quiet retries until it answers.
              log[failures === 1 ? 'warn' : 'debug']({ err: (err as Error).message, retryInMs: wait }, 'reconciling poll schedules failed; will retry');
              arm(wait);
            },
          ),
        );
      };
      tick();
      return {
        soon: tick,
        async stop() {
          stopped = true;
          clearTimeout(timer);
          await running;
        },
      };
    },
  };
}
