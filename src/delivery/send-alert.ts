import { UnrecoverableError } from 'bullmq';
import { deliveries, deliveryLatency } from '../metrics.js';
import type { Story } from '../news/types.js';
import { parseDestinationKey, type OutgoingMessage, type Subscription } from './core/types.js';
import { awaitSlot, continueLater, waitTurn, withLanguage, type DeliveryContext, type DeliveryTarget, type RunningJob } from './deliver-context.js';
import type { InflightBatch } from './destination-state.js';
import { handleSendFailure } from './failures.js';
import { recordMessageVersion } from './message-version.js';
import { presentationOf } from './presentation.js';
import { writeWhileAway } from '../redis/while-away.js';

/**
 * What an alert job did, returned as the job's result (visible in BullMQ): `combined` means its story waits in
 * the destination's queue for the job holding the destination's turn.
 */
export type AlertOutcome = 'sent' | 'combined' | 'duplicate_skipped' | 'not_subscribed' | 'story_missing';

/** Data of an alert job. */
export interface AlertJobData {
  destination: string;
  storyId: string;
  queuedAt: number;
}

/**
 * Sends what waits for one destination, each story exactly once, combined into as few messages as its sender allows.
 *
 * The turn: fan-out queues each story in the destination's pending set, and gives a job only to a destination whose
 * turn is free; that job holds the turn (taken with its first send slot) and sends message after message until
 * nothing is pending, then gives the turn back in the same script that records the last message. A story queued
 * meanwhile is either seen by the holder or gets a job of its own: never neither.
 *
 * Exactly once: a delivered record per destination and story is written (SET NX) before the turn moves on, and a
 * job whose story is delivered does nothing. The message about to be sent is stored first (the in-flight batch,
 * with its idempotency key), so whoever runs next after a crash between sending and recording re-sends the SAME
 * message with the SAME key: Discord (enforce_nonce) posts it once; Telegram has no such key and may post it a
 * second time, at most once per crash.
 */
export async function deliverAlert(ctx: DeliveryContext, running: RunningJob, data: AlertJobData): Promise<AlertOutcome> {
  const destination = parseDestinationKey(data.destination);
  const sender = ctx.senders.get(destination.platform);
  if (!sender) {
    ctx.logger.error({ destination: data.destination }, 'no sender for this platform; configure its token to deliver there');
    throw new UnrecoverableError(`no sender for ${destination.platform}`);
  }
  const owner = running.job.id ?? '';
  let target: DeliveryTarget = { key: data.destination, destination, sender };
  let outcome: AlertOutcome = 'sent';

  for (;;) {
    // The message is prepared while the slot comes, so that it leaves at its slot.
    const turn = await waitTurn(ctx, running, target, data.storyId, false);
    if (turn.kind !== 'go') {
      if (turn.kind === 'done') deliveries.inc({ platform: destination.platform, result: 'duplicate_skipped' });
      return turn.kind === 'done' ? 'duplicate_skipped' : 'combined';
    }
    const destKey = turn.target.key;
    const [subs, withItsLanguage] = await Promise.all([ctx.subscriptions.listForDestination(turn.target.destination), withLanguage(ctx, turn.target)]);
    target = withItsLanguage;
    if (subs.every((s) => s.paused)) {
      // Unsubscribed or paused since fan-out: nobody there wants what waits.
      await ctx.state.finishTurn(destKey, owner, { drop: true });
      return 'not_subscribed';
    }

    const claimed = await ctx.state.claim(destKey, Math.max(1, sender.maxStoriesPerMessage));
    if (!claimed) {
      if ((await ctx.state.finishTurn(destKey, owner)).kind === 'more') continue;
      return outcome;
    }
    const { batch, queuedAt } = claimed;
    const stories = await ctx.stories.getStories(batch.storyIds);
    const missing = batch.storyIds.filter((id) => !stories.some((s) => s.id === id));
    if (missing.length > 0) await ctx.state.removePending(destKey, missing);
    if (missing.includes(data.storyId)) outcome = 'story_missing';
    if (stories.length === 0) {
      await ctx.state.clearInflight(destKey);
      ctx.logger.warn({ destination: destKey, storyIds: batch.storyIds }, 'stories no longer in the archive; nothing to send');
      if ((await ctx.state.finishTurn(destKey, owner)).kind === 'more') continue;
      return outcome;
    }

    const message = alertMessage(target, stories, subs);
    // Too late for the slot: the claimed message stays in flight and goes in the next one.
    if (!(await awaitSlot(target, turn))) continue;
    const ref = await sendOrHandle(ctx, running, target, message, batch);
    // Sent: recording it must outlast a Redis blip, or the retry would post the message again.
    const after = await writeWhileAway(() => ctx.state.recordSent(destKey, stories.map((s) => s.id), ref, owner));
    await writeWhileAway(() => recordMessageVersion(ctx, destKey, ref, stories));
    deliveries.inc({ platform: destination.platform, result: 'sent' });
    observeLatency(destination.platform, stories, queuedAt, data);
    if (after !== 'more') return outcome;
    // More waits: this destination's next message goes behind the first messages of quiet destinations.
    await continueLater(running, 1);
  }
}

function observeLatency(platform: string, stories: Story[], queuedAt: Map<string, number>, data: AlertJobData): void {
  const now = Date.now();
  for (const story of stories) {
    const at = queuedAt.get(story.id) ?? (story.id === data.storyId ? data.queuedAt : undefined);
    if (at !== undefined) deliveryLatency.observe({ platform }, Math.max(0, now - at) / 1000);
  }
}

/** The alert as the destination wants it: in the chat's language, shown as its subscriptions chose. */
function alertMessage(target: DeliveryTarget, stories: Story[], subs: readonly Subscription[]): OutgoingMessage {
  const language = target.language;
  return { kind: 'alert', stories, ...(language ? { language } : {}), presentation: presentationOf(subs.filter((s) => !s.paused)) };
}

async function sendOrHandle(ctx: DeliveryContext, running: RunningJob, target: DeliveryTarget, message: OutgoingMessage, batch: InflightBatch) {
  try {
    return await target.sender.send(target.destination, message, batch.idempotencyKey);
  } catch (err) {
    return handleSendFailure(ctx, running, { target, ownStoryIds: batch.storyIds, what: 'alert' }, err);
  }
}
