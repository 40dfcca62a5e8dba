import { setTimeout as sleep } from 'node:timers/promises';
import { DelayedError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type { Logger } from '../log.js';
import type { DeliveryJob } from '../queue/contracts.js';
import type { Destination, Platform, Sender, StoryLookup, SubscriptionStore } from './core/types.js';
import type { DestinationState } from './destination-state.js';
import type { PaceRules } from './pacing/pace-rules.js';
import { bucketsFor, cooldownsFor } from './pacing/pace-rules.js';
import type { Pacer } from './pacing/token-bucket.js';

/** Everything the delivery job handlers share. */
export interface DeliveryContext {
  redis: Redis;
  keys: Keys;
  senders: Partial<Record<Platform, Sender>>;
  stories: StoryLookup;
  subscriptions: SubscriptionStore;
  state: DestinationState;
  pacer: Pacer;
  paceRules: PaceRules;
  logger: Logger;
  /** How many failed tries with `destination-gone` pause a destination. */
  goneAfterTries: number;
  /** How long a sending job holds its destination's lease, in ms (released as soon as it is done). */
  leaseMs: number;
  /** How soon a job that found its destination busy looks again after the holder's planned send, in ms. */
  busyRecheckMs: number;
  /**
   * How far ahead a send slot may be reserved, in ms (none: no reservations, retry at the next token): `first` for a job without a BullMQ priority (a quiet
   * destination's first message, a digest), `backlog` for the others. Backlogs only fill the next `backlog` ms,
   * so a first message finds a slot within about that; further off, a job takes a turn in line.
   */
  reserveAheadMs?: { first: number; backlog: number };
  /** How long before its turn in line a queued job comes back to reserve its slot, in ms. */
  queueLeadMs: number;
  /** How late a reserved slot may still be taken up, in ms; later, the job takes again (no bunched sends). */
  reserveGraceMs: number;
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
 * then takes the token, and the destination's lease when `withLease`. With the lease and `reserveAheadMs`, a token coming soon is
 * reserved (the job comes back when it is due and is let through), and a later one is waited for in line,
 * so that a backlog does not retry at every token.
 */
export async function paceOrDelay(
  ctx: DeliveryContext,
  running: RunningJob,
  destination: Destination,
  destinationKey: string,
  withLease: boolean,
): Promise<void> {
  const result = await ctx.pacer.acquire({
    buckets: bucketsFor(destination, ctx.paceRules, ctx.keys),
    cooldowns: cooldownsFor(destination, ctx.keys),
    ...(withLease
      ? { lease: { key: ctx.keys.sendLease(destinationKey), owner: running.job.id ?? '', ttlMs: ctx.leaseMs } }
      : {}),
    ...(withLease && ctx.reserveAheadMs
      ? {
          reserve: {
            aheadMs: running.job.opts.priority ? ctx.reserveAheadMs.backlog : ctx.reserveAheadMs.first,
            queueLeadMs: ctx.queueLeadMs,
            graceMs: ctx.reserveGraceMs,
          },
        }
      : {}),
  });
  if (result.sendInMs) await sleep(result.sendInMs);
  if (result.waitMs > 0) {
    // A busy destination is usually free again within one send once its holder's slot has come: look again
    // then rather than at the lease's end. A reserved slot: come back a little early, as waking up is late.
    const wait =
      result.blockedBy === 'lease'
        ? Math.min(result.waitMs, (result.busyForMs ?? 0) + ctx.busyRecheckMs)
        : result.blockedBy === 'reserved'
          ? Math.max(1, result.waitMs - ctx.reserveGraceMs)
          : result.waitMs;
    await delayJob(running, wait);
  }
}
