import { setTimeout as sleep } from 'node:timers/promises';
import { DelayedError, type Job } from 'bullmq';
import { errorMessage } from '../errors.js';
import type { ChatLanguageStore } from '../i18n/chat-languages.js';
import type { Language } from '../i18n/languages.js';
import type { Logger } from '../log.js';
import { paceSlotsMissed } from '../metrics.js';
import type { DeliveryJob } from '../queue/contracts.js';
import type { PlatformName } from './core/platform.js';
import { parseDestinationKey, type Destination, type Sender, type StoryLookup, type SubscriptionStore } from './core/types.js';
import type { DestinationState } from './destination-state.js';
import type { DigestState } from './digest-state.js';
import { BACKLOG_PRIORITY } from './jobs.js';
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
  /** The language each chat chose with /language, for the labels of what is sent there. Default: English everywhere. */
  languages?: Pick<ChatLanguageStore, 'get'>;
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
  /** The chat's language, when it chose one. */
  language?: Language;
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
  if (!sender) return { key, destination };
  return withLanguage(ctx, { key, destination, sender });
}

/** The target with its chat's language, when the chat chose one. */
export async function withLanguage(ctx: DeliveryContext, target: DeliveryTarget): Promise<DeliveryTarget> {
  const language = await chatLanguage(ctx, target);
  const { language: _previous, ...rest } = target;
  return language ? { ...rest, language } : rest;
}

/** The language the chat chose, if any. One that cannot be read now is no reason to hold news back: English. */
export async function chatLanguage(ctx: DeliveryContext, target: Pick<DeliveryTarget, 'key' | 'destination'>): Promise<Language | undefined> {
  return ctx.languages?.get(target.destination).catch((err: unknown) => {
    ctx.logger.warn({ destination: target.key, err: errorMessage(err) }, 'chat language unreadable; sending in English');
    return undefined;
  });
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
 * Sends the job to the back of the line behind every quiet destination's first message (as a backlog), to come
 * back in `waitMs` at the earliest: a destination's next message waits for the first messages queued meanwhile.
 */
export async function continueLater(running: RunningJob, waitMs: number): Promise<never> {
  if (running.job.priority !== BACKLOG_PRIORITY) await running.job.changePriority({ priority: BACKLOG_PRIORITY });
  return delayJob(running, waitMs);
}

/** What waiting for a slot led to: a slot now (for `target`, after any move), or no send for this job. */
/** A reserved slot: send at `at`, and not after `sendBy` (epoch ms, this process's clock). */
export interface Slot {
  at: number;
  sendBy: number;
}

/** What waiting for a slot led to: a slot (for `target`, after any move), or no send for this job. */
export type TurnOutcome = ({ kind: 'go'; target: DeliveryTarget } & Slot) | { kind: 'taken' } | { kind: 'done' };

/**
 * Waits until a reserved slot; false when the job got there too late (a busy event loop) and the slot is gone (then
 * counted): a send after it could crowd the slots that follow, so the caller reserves another.
 */
export async function awaitSlot(target: DeliveryTarget, slot: Slot): Promise<boolean> {
  const wait = slot.at - Date.now();
  if (wait > 0) await sleep(wait);
  if (Date.now() <= slot.sendBy) return true;
  paceSlotsMissed.inc({ platform: target.destination.platform });
  return false;
}

/**
 * Reserves the target's next send slot, and with `storyId` the destination's turn for this job; waits for a
 * reserved slot in process (unless `untilSlot` is false: then the caller prepares its message meanwhile and calls
 * awaitSlot), and for anything longer (a chat's own limit, a 429) as a delayed job that comes back exactly then.
 * Follows the destination's recorded moves.
 */
export async function waitTurn(
  ctx: DeliveryContext,
  running: RunningJob,
  target: DeliveryTarget,
  storyId?: string,
  untilSlot = true,
): Promise<TurnOutcome> {
  let current = target;
  // A chat migrates at most once in practice; the bound on hops guards against a loop written by hand.
  for (let hop = 0; hop < 5; hop++) {
    const answer = await ctx.turns.reserve(current, storyId !== undefined ? { owner: running.job.id ?? '', storyId } : undefined);
    switch (answer.kind) {
      case 'go': {
        const slot = { at: answer.sendBy - ctx.turns.lateToleranceMs, sendBy: answer.sendBy };
        if (untilSlot && !(await awaitSlot(current, slot))) {
          hop--;
          continue;
        }
        return { kind: 'go', target: current, ...slot };
      }
      case 'later':
        return delayJob(running, answer.waitMs);
      case 'moved':
        current = { ...current, key: answer.to, destination: parseDestinationKey(answer.to) };
        break;
      case 'taken':
      case 'done':
        return { kind: answer.kind };
    }
  }
  throw new Error(`destination ${target.key} has moved more than 5 times; check its dest-moved records`);
}
