import { DEFAULT_TIME_ZONE, digestSchedule, formatQuietHours, nextLocalTime, type QuietHours } from '../../src/delivery/core/schedule.js';
import type { Subscription } from '../../src/delivery/core/types.js';
import type { Translator } from '../../src/i18n/translator.js';
import { quotedList } from './text.js';
import { clockTime } from './time-format.js';

/** What describeSubscription reads of a subscription. */
export type SubscriptionTerms = Pick<Subscription, 'keywords' | 'exclude' | 'mode' | 'digestHour' | 'digestHourUtc' | 'timeZone' | 'quiet'>;

/**
 * What a subscription delivers, in the reader's language, as the object of "This channel will get ...":
 * `every Kazakhstan story as it breaks`, or
 * `stories about Kassym-Jomart Tokayev containing "fuel", excluding "football", in a daily digest at 08:00
 * Asia/Almaty (03:00 UTC)`. `entityNames` are the display names of `subscription.entities` (in the reader's
 * language), in the same order; `topicName` is the pack's name in that language.
 */
export function describeSubscription(
  subscription: SubscriptionTerms,
  entityNames: readonly string[],
  topicName: string,
  t: Translator,
  now = new Date(),
): string {
  const filtered = entityNames.length > 0 || subscription.keywords.length > 0 || subscription.exclude.length > 0;
  const schedule = subscription.mode === 'digest' ? digestSchedule(subscription) : undefined;
  const zone = subscription.timeZone ?? DEFAULT_TIME_ZONE;
  return t.t('subscription.what', {
    scope: entityNames.length > 0 ? 'entities' : filtered ? 'topic' : 'all',
    topic: topicName,
    names: t.list(entityNames, 'or'),
    hasKeywords: subscription.keywords.length > 0 ? 'yes' : 'no',
    keywords: quotedList(subscription.keywords, t),
    hasExclude: subscription.exclude.length > 0 ? 'yes' : 'no',
    exclude: quotedList(subscription.exclude, t),
    mode: schedule ? 'digest' : 'instant',
    time: schedule ? zonedClock(schedule.hour * 60, schedule.timeZone, t, now) : '',
    hasQuiet: subscription.quiet ? 'yes' : 'no',
    quiet: subscription.quiet ? quietHoursText(subscription.quiet, zone, t, now) : '',
  });
}

/** `08:00 Asia/Almaty (03:00 UTC)`, or `08:00 UTC` in UTC: the next such local time, so DST is followed. */
export function zonedClock(minutes: number, timeZone: string, t: Translator, now = new Date()): string {
  const at = new Date(nextLocalTime(minutes, timeZone, now.getTime()).at);
  const local = clockTime(at, timeZone);
  return timeZone === 'UTC' ? `${local} UTC` : t.t('time.zoned', { local, zone: timeZone, utc: clockTime(at, 'UTC') });
}

/** `23:00-07:00 Asia/Almaty (18:00-02:00 UTC)`. */
export function quietHoursText(quiet: QuietHours, timeZone: string, t: Translator, now = new Date()): string {
  if (timeZone === 'UTC') return `${formatQuietHours(quiet)} UTC`;
  const utc = (minutes: number) => clockTime(new Date(nextLocalTime(minutes, timeZone, now.getTime()).at), 'UTC');
  return t.t('time.zoned', { local: formatQuietHours(quiet), zone: timeZone, utc: `${utc(quiet.start)}-${utc(quiet.end)}` });
}
