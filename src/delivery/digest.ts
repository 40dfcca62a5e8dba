import { createHash } from 'node:crypto';
import { deliveries } from '../metrics.js';
import { outletCount } from '../news/outlets.js';
import type { Story } from '../news/types.js';
import { destinationKey as keyOf, parseDestinationKey, type OutgoingMessage } from './core/types.js';
import { paceOrDelay, type DeliveryContext, type RunningJob } from './deliver-context.js';
import { handleSendFailure } from './failures.js';

/** When the next digest at `hourUtc` runs (strictly after `now`), and the UTC day (YYYY-MM-DD) it is for. */
export function nextDigestRun(hourUtc: number, now: Date): { day: string; at: number } {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  if (at.getTime() <= now.getTime()) at.setUTCDate(at.getUTCDate() + 1);
  return { day: at.toISOString().slice(0, 10), at: at.getTime() };
}

/** The period's top stories: most outlets first, then most relevant, then newest. */
export function rankForDigest(stories: Story[], max: number): Story[] {
  return [...stories]
    .sort(
      (a, b) =>
        outletCount(b) - outletCount(a) || b.score - a.score || b.publishedAt.localeCompare(a.publishedAt),
    )
    .slice(0, max);
}

/** Splits ranked stories into messages only as far as the sender's limit forces. */
export function digestMessages(stories: Story[], maxPerMessage: number, day: string): OutgoingMessage[] {
  const size = Math.max(1, maxPerMessage);
  const heading = `Daily digest, ${new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })}`;
  const messages: OutgoingMessage[] = [];
  for (let i = 0; i < stories.length; i += size) {
    const part = messages.length + 1;
    const total = Math.ceil(stories.length / size);
    messages.push({ kind: 'digest', stories: stories.slice(i, i + size), heading: total > 1 ? `${heading} (${part}/${total})` : heading });
  }
  return messages;
}

/** The digest chosen when its job first ran, so that retries send the same messages. */
interface DigestSnapshot {
  storyIds: string[];
  /** Every story id taken from the subscription's queue (sent or not ranked high enough). */
  consumed: string[];
  sentMessages: number;
}

export type DigestOutcome = 'sent' | 'duplicate_skipped' | 'not_subscribed' | 'empty';

/** Sends one subscription's digest for `day`: once, ranked, split only when the sender's limit forces it. */
export async function deliverDigest(
  ctx: DeliveryContext,
  running: RunningJob,
  data: { subscriptionId: string; day: string },
): Promise<DigestOutcome> {
  const sub = await ctx.subscriptions.get(data.subscriptionId);
  // Paused, removed, or switched to instant alerts since the job was queued.
  if (!sub || sub.paused || sub.mode !== 'digest') return 'not_subscribed';
  const destKey = await ctx.state.resolve(keyOf(sub.destination));
  const destination = parseDestinationKey(destKey);
  const sender = ctx.senders.get(destination.platform);
  if (!sender) return 'not_subscribed';
  const recordId = `digest-${sub.id}-${data.day}`;
  if ((await ctx.state.delivered(destKey, [recordId])).size > 0) {
    deliveries.inc({ platform: destination.platform, result: 'duplicate_skipped' });
    return 'duplicate_skipped';
  }

  const snapshotKey = ctx.keys.digestSnapshot(sub.id);
  let snapshot = await readSnapshot(ctx, snapshotKey);
  if (!snapshot) {
    const consumed = await ctx.redis.zrange(ctx.keys.digestStories(sub.id), 0, '-1');
    const ranked = rankForDigest(await ctx.stories.getStories(consumed), ctx.maxDigestStories);
    snapshot = { storyIds: ranked.map((s) => s.id), consumed, sentMessages: 0 };
    await ctx.redis.set(snapshotKey, JSON.stringify(snapshot), 'EX', 7 * 86_400);
  }
  if (snapshot.storyIds.length === 0) {
    await finish(ctx, destKey, recordId, sub.id, snapshot, snapshotKey);
    return 'empty';
  }

  const stories = rankForDigest(await ctx.stories.getStories(snapshot.storyIds), snapshot.storyIds.length);
  const messages = digestMessages(stories, sender.maxStoriesPerMessage, data.day);
  for (let i = snapshot.sentMessages; i < messages.length; i++) {
    await paceOrDelay(ctx, running, destination, destKey, true);
    try {
      const key = createHash('sha256').update(`${destKey}|${recordId}|${i}`).digest('base64url').slice(0, 24);
      await sender.send(destination, messages[i]!, key);
      deliveries.inc({ platform: destination.platform, result: 'sent' });
      snapshot.sentMessages = i + 1;
      await ctx.redis.set(snapshotKey, JSON.stringify(snapshot), 'EX', 7 * 86_400);
    } catch (err) {
      await handleSendFailure(ctx, running, { destination, ownStoryIds: [], what: 'digest' }, err);
    } finally {
      await ctx.pacer.releaseLease(ctx.keys.sendLease(destKey), running.job.id ?? '');
    }
  }
  await finish(ctx, destKey, recordId, sub.id, snapshot, snapshotKey);
  return 'sent';
}

async function readSnapshot(ctx: DeliveryContext, key: string): Promise<DigestSnapshot | undefined> {
  const raw = await ctx.redis.get(key);
  return raw ? (JSON.parse(raw) as DigestSnapshot) : undefined;
}

async function finish(
  ctx: DeliveryContext,
  destKey: string,
  recordId: string,
  subscriptionId: string,
  snapshot: DigestSnapshot,
  snapshotKey: string,
): Promise<void> {
  const multi = ctx.redis.multi();
  multi.set(ctx.keys.delivered(destKey, recordId), '1', 'EX', 14 * 86_400, 'NX');
  if (snapshot.consumed.length > 0) multi.zrem(ctx.keys.digestStories(subscriptionId), ...snapshot.consumed);
  multi.del(snapshotKey);
  await multi.exec();
}
