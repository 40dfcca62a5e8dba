import { createHash } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import { deliveries, deliveryLatency } from '../metrics.js';
import type { Story } from '../news/types.js';
import { paceOrDelay, resolveTarget, type DeliveryContext, type DeliveryTarget, type RunningJob } from './deliver-context.js';
import type { InflightBatch } from './destination-state.js';
import { handleSendFailure } from './failures.js';
import { recordMessageVersion } from './message-version.js';
import { writeWhileAway } from '../redis/while-away.js';

/** What an alert job did, returned as the job's result (visible in BullMQ). */
export type AlertOutcome = 'sent' | 'duplicate_skipped' | 'not_subscribed' | 'story_missing';

/** Data of an alert job. */
export interface AlertJobData {
  destination: string;
  storyId: string;
  queuedAt: number;
}

/**
 * Sends one story to one destination, exactly once, combining it with every other story waiting there.
 *
 * Exactly once: a delivered record per destination and story is written (SET NX) before the job is acknowledged,
 * and a job whose record exists does nothing. The message about to be sent is stored first (the in-flight batch,
 * with its idempotency key), so whoever runs next after a crash between sending and recording re-sends the SAME
 * message with the SAME key: Discord (enforce_nonce) posts it once; Telegram has no such key and may post it a
 * second time, at most once per crash.
 *
 * Combining: one job at a time sends to a destination (a lease taken with the pacing tokens); it takes up to
 * `sender.maxStoriesPerMessage` stories from the destination's pending queue, so the jobs of those stories find
 * their records set and finish.
 */
export async function deliverAlert(ctx: DeliveryContext, running: RunningJob, data: AlertJobData): Promise<AlertOutcome> {
  const resolved = await resolveTarget(ctx, data.destination);
  const { key: destKey, destination } = resolved;
  const platform = destination.platform;
  if (!resolved.sender) {
    ctx.logger.error({ destination: destKey }, 'no sender for this platform; configure its token to deliver there');
    throw new UnrecoverableError(`no sender for ${platform}`);
  }
  const target: DeliveryTarget = resolved;

  // A recovered batch may not hold this job's story: then go round again for it (bounded, to be safe).
  for (let round = 0; round < 3; round++) {
    if ((await ctx.state.delivered(destKey, [data.storyId])).size > 0) {
      // A run that sent and recorded, then lost Redis before giving the destination's lease back, is retried
      // and ends here: give it back now rather than hold every other story for the lease's minute.
      await ctx.turns.release(target, running.job.id ?? '');
      deliveries.inc({ platform, result: 'duplicate_skipped' });
      return 'duplicate_skipped';
    }
    const subs = await ctx.subscriptions.listForDestination(destination);
    if (subs.every((s) => s.paused)) {
      // Unsubscribed or paused since fan-out: nobody there wants it any more.
      await ctx.state.removePending(destKey, [data.storyId]);
      return 'not_subscribed';
    }

    await paceOrDelay(ctx, running, target, true);
    try {
      const { batch, queuedAt } = await claimBatch(ctx, target, data);
      const stories = await ctx.stories.getStories(batch.storyIds);
      const missing = batch.storyIds.filter((id) => !stories.some((s) => s.id === id));
      if (missing.length > 0) await ctx.state.removePending(destKey, missing);
      if (stories.length === 0) {
        await ctx.state.clearInflight(destKey);
        ctx.logger.warn({ destination: destKey, storyIds: batch.storyIds }, 'stories no longer in the archive; nothing to send');
        return 'story_missing';
      }
      const ref = await sendOrHandle(ctx, running, target, stories, batch, data.storyId);
      // Sent: recording it must outlast a Redis blip, or the retry would post the message again.
      await writeWhileAway(() => ctx.state.recordSent(destKey, stories.map((s) => s.id), ref));
      await writeWhileAway(() => recordMessageVersion(ctx, destKey, ref, stories));
      deliveries.inc({ platform, result: 'sent' });
      const now = Date.now();
      for (const story of stories) {
        const at = queuedAt.get(story.id) ?? (story.id === data.storyId ? data.queuedAt : undefined);
        if (at !== undefined) deliveryLatency.observe({ platform }, Math.max(0, now - at) / 1000);
      }
      if (batch.storyIds.includes(data.storyId) || missing.includes(data.storyId)) {
        return missing.includes(data.storyId) ? 'story_missing' : 'sent';
      }
    } finally {
      await ctx.turns.release(target, running.job.id ?? '');
    }
  }
  throw new Error(`story ${data.storyId} was not sent to ${destKey} after recovering earlier messages; will retry`);
}

/** The in-flight batch left by a crashed sender, or a new one: this story plus the oldest others pending. */
async function claimBatch(
  ctx: DeliveryContext,
  target: DeliveryTarget,
  data: AlertJobData,
): Promise<{ batch: InflightBatch; queuedAt: Map<string, number> }> {
  const destKey = target.key;
  const left = await ctx.state.getInflight(destKey);
  if (left) return { batch: left, queuedAt: new Map() };
  const max = Math.max(1, target.sender.maxStoriesPerMessage);
  // Read a little more than needed: some pending stories may have been delivered by a message that just went out.
  const pending = await ctx.state.pending(destKey, max * 2);
  const queuedAt = new Map(pending.map((p) => [p.storyId, p.queuedAt]));
  const candidates = [data.storyId, ...pending.map((p) => p.storyId).filter((id) => id !== data.storyId)];
  const done = await ctx.state.delivered(destKey, candidates);
  if (done.size > 0) await ctx.state.removePending(destKey, [...done]);
  const storyIds = candidates.filter((id) => !done.has(id)).slice(0, max);
  const batch: InflightBatch = { storyIds, idempotencyKey: idempotencyKeyFor(destKey, data.storyId) };
  await ctx.state.setInflight(destKey, batch);
  return { batch, queuedAt };
}

async function sendOrHandle(
  ctx: DeliveryContext,
  running: RunningJob,
  target: DeliveryTarget,
  stories: Story[],
  batch: InflightBatch,
  ownStoryId: string,
) {
  try {
    return await target.sender.send(target.destination, { kind: 'alert', stories }, batch.idempotencyKey);
  } catch (err) {
    return handleSendFailure(ctx, running, { target, ownStoryIds: [ownStoryId], what: 'alert' }, err);
  }
}

/**
 * The key of the message a story's job builds: 24 characters, so that it fits Discord's nonce (25 at most).
 * One job builds at most one message that gets sent (a failed one is kept in flight and re-sent with its key).
 */
export function idempotencyKeyFor(destKey: string, storyId: string): string {
  return createHash('sha256').update(`${destKey}|${storyId}`).digest('base64url').slice(0, 24);
}
