import { createHash } from 'node:crypto';
import type { Language } from '../i18n/languages.js';
import { translator } from '../i18n/translator.js';
import { deliveries } from '../metrics.js';
import { outletCount } from '../news/outlets.js';
import type { Story } from '../news/types.js';
import { nextLocalTime } from './core/schedule.js';
import { destinationKey as keyOf, type OutgoingMessage, type Presentation } from './core/types.js';
import { resolveTarget, waitTurn, type DeliveryContext, type DeliveryTarget, type RunningJob } from './deliver-context.js';
import type { DigestSnapshot } from './digest-state.js';
import { handleSendFailure } from './failures.js';
import { presentationOf } from './presentation.js';
import { writeWhileAway } from '../redis/while-away.js';

/** When the next digest at `hourUtc` runs (strictly after `now`), and the UTC day (YYYY-MM-DD) it is for. */
export function nextDigestRun(hourUtc: number, now: Date): { day: string; at: number } {
  return nextLocalTime(hourUtc * 60, 'UTC', now.getTime());
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

/** Splits ranked stories into messages only as far as the sender's limit forces; the heading in the chat's language. */
export function digestMessages(
  stories: Story[],
  maxPerMessage: number,
  day: string,
  language?: Language,
  presentation?: Presentation,
): OutgoingMessage[] {
  const size = Math.max(1, maxPerMessage);
  const t = translator(language);
  const heading = t.t('digest.heading', { date: t.date(new Date(`${day}T00:00:00Z`), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }) });
  const messages: OutgoingMessage[] = [];
  for (let i = 0; i < stories.length; i += size) {
    const part = messages.length + 1;
    const total = Math.ceil(stories.length / size);
    messages.push({
      kind: 'digest',
      stories: stories.slice(i, i + size),
      heading: total > 1 ? `${heading} (${part}/${total})` : heading,
      ...(language ? { language } : {}),
      ...(presentation ? { presentation } : {}),
    });
  }
  return messages;
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
  const resolved = await resolveTarget(ctx, keyOf(sub.destination));
  if (!resolved.sender) return 'not_subscribed';
  const target: DeliveryTarget = resolved;
  const { key: destKey, destination, sender } = target;
  const recordId = `digest-${sub.id}-${data.day}`;
  if ((await ctx.state.delivered(destKey, [recordId])).size > 0) {
    deliveries.inc({ platform: destination.platform, result: 'duplicate_skipped' });
    return 'duplicate_skipped';
  }

  let snapshot: DigestSnapshot | undefined = await ctx.digests.snapshot(sub.id);
  if (!snapshot) {
    const consumed = await ctx.digests.queued(sub.id);
    const ranked = rankForDigest(await ctx.stories.getStories(consumed), ctx.policy.maxDigestStories);
    snapshot = { storyIds: ranked.map((s) => s.id), consumed, sentMessages: 0 };
    await ctx.digests.saveSnapshot(sub.id, snapshot);
  }
  if (snapshot.storyIds.length === 0) {
    await ctx.digests.finish(destKey, recordId, sub.id, snapshot);
    return 'empty';
  }

  const stories = rankForDigest(await ctx.stories.getStories(snapshot.storyIds), snapshot.storyIds.length);
  const messages = digestMessages(stories, sender.maxStoriesPerMessage, data.day, target.language, presentationOf([sub]));
  for (let i = snapshot.sentMessages; i < messages.length; i++) {
    await waitTurn(ctx, running, target);
    try {
      const key = createHash('sha256').update(`${destKey}|${recordId}|${i}`).digest('base64url').slice(0, 24);
      await sender.send(destination, messages[i]!, key);
      deliveries.inc({ platform: destination.platform, result: 'sent' });
      snapshot.sentMessages = i + 1;
      // Sent: recording it must outlast a Redis blip, or the retry would post this part again.
      await writeWhileAway(() => ctx.digests.saveSnapshot(sub.id, snapshot));
    } catch (err) {
      await handleSendFailure(ctx, running, { target, ownStoryIds: [], what: 'digest' }, err);
    }
  }
  await ctx.digests.finish(destKey, recordId, sub.id, snapshot);
  return 'sent';
}
