import { DelayedError, type Job } from 'bullmq';
import type { Logger } from '../log.js';
import type { DeliveryJob } from '../queue/contracts.js';
import type { PlatformName } from './core/platform.js';
import { parseDestinationKey, type Destination, type Sender, type StoryLookup, type SubscriptionStore } from './core/types.js';
import type { DestinationState } from './destination-state.js';
import type { DigestState } from './digest-state.js';
import type { SendTurns } from './pacing/send-turns.js';

/** Everything the delivery job handlers share, built once by the delivery worker. */
export interface DeliveryContext {
  /** The sender of each platform delivered to, by name; each carries its platform's limits. */
  senders: ReadonlyMap<PlatformName, Sender>;
  stories: StoryLookup;
  subscriptions: SubscriptionStore;
  /** Pending stories, in-flight messages, delivered records and moves, per destination. */
  state: DestinationState;
  digests: DigestState;
  turns: SendTurns;
  policy: DeliveryPolicy;
  logger: Logger;
}

/** The numbers the handlers decide by. */
export interface DeliveryPolicy {
  /** How many failed tries with `destination-gone` pause a destination. */
  goneAfterTries: number;
  /** Most stories in one digest. */
  maxDigestStories: number;
  /** How often an alert or digest whose attempts ran out on transient failures is tried again, in ms. */
  outageRetryMs: number;
}

/** Where one job sends, worked out once: the destination after any move, its key, and its platform's sender. */
export interface DeliveryTarget {
  key: string;
  destination: Destination;
  sender: Sender;
}

/** The job being handled, with the lock token BullMQ needs to move it. */
export interface RunningJob {
  job: Job<DeliveryJob>;
  token: string;
}

/**
 * Follows the destination's recorded moves (a group that became a supergroup) and parses it, once per job.
 * `sender` is absent when no sender of its platform runs in this process.
 */
export async function resolveTarget(ctx: DeliveryContext, destinationKey: string): Promise<DeliveryTarget | (Omit<DeliveryTarget, 'sender'> & { sender?: undefined })> {
  const key = await ctx.state.resolve(destinationKey);
  const destination = parseDestinationKey(key);
  const sender = ctx.senders.get(destination.platform);
  return sender ? { key, destination, sender } : { key, destination };
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
 * Waits (as a delayed job) until the target's turn: its cooldowns have passed and its buckets have a token; then
 * takes the token, and the destination's lease for this job when `withLease`.
 */
export async function paceOrDelay(ctx: DeliveryContext, running: RunningJob, target: DeliveryTarget, withLease: boolean): Promise<void> {
  const { waitMs } = await ctx.turns.take(target, withLease ? (running.job.id ?? '') : undefined);
  if (waitMs > 0) await delayJob(running, waitMs);
}
