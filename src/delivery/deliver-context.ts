import { DelayedError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type { Logger } from '../log.js';
import type { DeliveryJob } from '../queue/contracts.js';
import type { PlatformName } from './core/platform.js';
import type { Destination, Sender, StoryLookup, SubscriptionStore } from './core/types.js';
import type { DestinationState } from './destination-state.js';
import type { PaceRules } from './pacing/pace-rules.js';
import { bucketsFor, cooldownsFor } from './pacing/pace-rules.js';
import type { Pacer } from './pacing/token-bucket.js';

/** Everything the delivery job handlers share. */
export interface DeliveryContext {
  redis: Redis;
  keys: Keys;
  /** The sender of each platform delivered to, by name; each carries its platform's limits. */
  senders: ReadonlyMap<PlatformName, Sender>;
  stories: StoryLookup;
  subscriptions: SubscriptionStore;
  state: DestinationState;
  pacer: Pacer;
  /** Limits replacing a platform's own. */
  paceRules: PaceRules;
  logger: Logger;
  /** How many failed tries with `destination-gone` pause a destination. */
  goneAfterTries: number;
  /** How long a sending job holds its destination's lease, in ms (released as soon as it is done). */
  leaseMs: number;
  /** How soon a job that found its destination busy looks again, in ms. */
  busyRecheckMs: number;
  /** Most stories in one digest. */
  maxDigestStories: number;
}

/** The job being handled, with the lock token BullMQ needs to move it. */
export interface RunningJob {
  job: Job<DeliveryJob>;
  token: string;
}

/**
 * Moves the job to delayed for `waitMs` and stops its processing: it frees the worker slot instead of
 * sleeping in it, and does not count as an attempt.
 */
export async function delayJob({ job, token }: RunningJob, waitMs: number): Promise<never> {
  await job.moveToDelayed(Date.now() + Math.max(1, Math.ceil(waitMs)), token);
  throw new DelayedError();
}

/**
 * Waits (as a delayed job) until the destination's cooldowns have passed and its buckets have a token,
 * then takes the token, and the destination's lease when `withLease`.
 */
export async function paceOrDelay(
  ctx: DeliveryContext,
  running: RunningJob,
  destination: Destination,
  destinationKey: string,
  withLease: boolean,
): Promise<void> {
  const platform = ctx.senders.get(destination.platform)?.platform;
  const result = await ctx.pacer.acquire({
    buckets: platform ? bucketsFor(destination, platform, ctx.keys, ctx.paceRules[platform.name]) : [],
    cooldowns: cooldownsFor(destination, ctx.keys),
    ...(withLease
      ? { lease: { key: ctx.keys.sendLease(destinationKey), owner: running.job.id ?? '', ttlMs: ctx.leaseMs } }
      : {}),
  });
  if (result.waitMs > 0) {
    // A busy destination is usually free again within one send: look again soon rather than at the lease's end.
    const wait = result.blockedBy === 'lease' ? Math.min(result.waitMs, ctx.busyRecheckMs) : result.waitMs;
    await delayJob(running, wait);
  }
}
