import type { BackoffStrategy, JobsOptions, MinimalJob } from 'bullmq';
import { jobIdPart } from '../queue/contracts.js';
import { parseDestinationKey } from './core/types.js';

/** The custom backoff type of delivery jobs: exponential, capped (see cappedBackoff). */
export const CAPPED_BACKOFF = 'capped-exponential';

/** Longest wait between two retries of a delivery, in ms: 10 minutes. */
export const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Alert jobs retry transient failures for hours: 30 attempts, 5 s doubling up to 10 min (about 4 hours in all);
 * after that they wait, tried every 10 min, for as long as the platform keeps failing (src/delivery/failures.ts).
 * 429s and pacing do not use attempts: they move the job to delayed. Completed jobs are kept a day, so a replay
 * within it adds nothing; after that the delivered record still makes a replay a no-op.
 */
export const alertJobOptions: JobsOptions = {
  attempts: 30,
  backoff: { type: CAPPED_BACKOFF, delay: 5_000 },
  removeOnComplete: { age: 86_400, count: 20_000 },
  removeOnFail: { age: 14 * 86_400 },
};

/**
 * BullMQ priority of an alert to a destination that already has stories waiting (lower runs sooner; jobs without
 * a priority run before any prioritized job). A quiet destination's first message has none, so it is not queued
 * behind other destinations' backlogs; the pacer also lets it reserve a send slot further ahead.
 */
export const BACKLOG_PRIORITY = 10;

/** Edits matter less than alerts: a few tries, then the message keeps its older text. */
export const editJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: CAPPED_BACKOFF, delay: 5_000 },
  removeOnComplete: { age: 86_400, count: 10_000 },
  removeOnFail: { age: 7 * 86_400 },
};

export const digestJobOptions: JobsOptions = alertJobOptions;

/** `<platform>-<chat>[-<thread>]` from a destination key, safe in a job id. */
function destinationPart(destination: string): string {
  const d = parseDestinationKey(destination);
  return [d.platform, d.chatId, d.threadId].filter((x): x is string => x !== undefined).map(jobIdPart).join('-');
}

/** `deliver-<platform>-<chat>[-<thread>]-<story>`. */
export function alertJobId(destination: string, storyId: string): string {
  return `deliver-${destinationPart(destination)}-${jobIdPart(storyId)}`;
}

/** `edit-<platform>-<chat>[-<thread>]-<story>-<window>`: one per message and time window, so bursts coalesce. */
export function editJobId(destination: string, storyId: string, window: number): string {
  return `edit-${destinationPart(destination)}-${jobIdPart(storyId)}-${window}`;
}

/** `digest-<subscription>-<YYYY-MM-DD>`. */
export function digestJobId(subscriptionId: string, day: string): string {
  return `digest-${jobIdPart(subscriptionId)}-${day}`;
}

/**
 * Creates the worker's backoff strategy: `delay * 2^(attempt-1)`, capped at `maxMs`, with ±10 % jitter so that
 * the jobs of one outage do not all come back in the same second.
 */
export function cappedBackoff(maxMs = MAX_BACKOFF_MS, random: () => number = Math.random): BackoffStrategy {
  return (attemptsMade: number, type?: string, _err?: Error, job?: MinimalJob) => {
    const backoff = job?.opts.backoff;
    const base = typeof backoff === 'object' && backoff.delay !== undefined ? backoff.delay : 5_000;
    if (type !== CAPPED_BACKOFF) return base;
    const raw = Math.min(maxMs, base * 2 ** Math.max(0, attemptsMade - 1));
    return Math.round(raw * (0.9 + 0.2 * random()));
  };
}
