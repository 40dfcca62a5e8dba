import { DEFAULT_TIME_ZONE, digestSchedule, formatQuietHours, nextLocalTime, type QuietHours } from '../../src/delivery/core/schedule.js';
import type { Subscription } from '../../src/delivery/core/types.js';
import { joinList, quotedList } from './text.js';
import { clockTime } from './time-format.js';

/** What describeSubscription reads of a subscription. */
export type SubscriptionTerms = Pick<Subscription, 'keywords' | 'exclude' | 'mode' | 'digestHour' | 'digestHourUtc' | 'timeZone' | 'quiet'>;

/**
 * What a subscription delivers, as the end of a sentence starting "This channel will get ...":
 * `every Kazakhstan story as it breaks`, or
 * `stories about Kassym-Jomart Tokayev containing "fuel", excluding "football", in a daily digest at 08:00
 * Asia/Almaty (03:00 UTC)`. `entityNames` are the display names of `subscription.entities`, in the same order.
 */
export function describeSubscription(subscription: SubscriptionTerms, entityNames: readonly string[], topicName: string, now = new Date()): string {
  const filtered = entityNames.length > 0 || subscription.keywords.length > 0 || subscription.exclude.length > 0;
  let text =
    entityNames.length > 0
      ? `stories about ${joinList(entityNames, 'or')}`
      : filtered
        ? `${topicName} stories`
        : `every ${topicName} story`;
  if (subscription.keywords.length > 0) text += ` containing ${quotedList(subscription.keywords)}`;
  if (subscription.exclude.length > 0) text += `, excluding ${quotedList(subscription.exclude)}`;
  const schedule = subscription.mode === 'digest' ? digestSchedule(subscription) : undefined;
  if (schedule) return `${text}, in a daily digest at ${zonedClock(schedule.hour * 60, schedule.timeZone, now)}`;
  text += ` ${filtered ? 'as they break' : 'as it breaks'}`;
  if (subscription.quiet) text += `, held during quiet hours ${quietHoursText(subscription.quiet, subscription.timeZone ?? DEFAULT_TIME_ZONE, now)}`;
  return text;
}

/** `08:00 Asia/Almaty (03:00 UTC)`, or `08:00 UTC` in UTC: the next such local time, so DST is followed. */
export function zonedClock(minutes: number, timeZone: string, now = new Date()): string {
  const at = new Date(nextLocalTime(minutes, timeZone, now.getTime()).at);
  const local = clockTime(at, timeZone);
  return timeZone === 'UTC' ? `${local} UTC` : `${local} ${timeZone} (${clockTime(at, 'UTC')} UTC)`;
}

/** `23:00-07:00 Asia/Almaty (18:00-02:00 UTC)`. */
export function quietHoursText(quiet: QuietHours, timeZone: string, now = new Date()): string {
  if (timeZone === 'UTC') return `${formatQuietHours(quiet)} UTC`;
  const utc = (minutes: number) => clockTime(new Date(nextLocalTime(minutes, timeZone, now.getTime()).at), 'UTC');
  return `${formatQuietHours(quiet)} ${timeZone} (${utc(quiet.start)}-${utc(quiet.end)} UTC)`;
}
