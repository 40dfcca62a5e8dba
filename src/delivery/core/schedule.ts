import type { Subscription } from './types.js';

/**
 * When a subscription's messages go out: the digest hour and quiet hours, both in the subscription's time zone.
 * Pure functions over IANA zones (Intl), so daylight-saving changes are followed without a table of our own.
 */

/** The zone of a subscription that names none: most of Kazakhstan, including Almaty and Astana. */
export const DEFAULT_TIME_ZONE = 'Asia/Almaty';
/** The local hour a digest goes out when the subscriber does not choose one. */
export const DEFAULT_DIGEST_HOUR = 8;

/** Quiet hours: from `start` to `end`, minutes after local midnight; `start > end` spans midnight (23:00-07:00). */
export interface QuietHours {
  start: number;
  end: number;
}

/** Whether `zone` is an IANA time zone this runtime knows (`Asia/Almaty`, `Europe/Berlin`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  if (!zone.includes('/') && zone.toUpperCase() !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone as the runtime spells it (`asia/almaty` -> `Asia/Almaty`). */
export function canonicalTimeZone(zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone }).resolvedOptions().timeZone;
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date and time of `ms` in `zone`. */
export function wallClock(ms: number, zone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  let f = partFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    partFormats.set(zone, f);
  }
  const parts = f.formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute') };
}

/** The zone's offset from UTC at `ms`, in ms (Almaty: +5 h). */
function offsetAt(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - Math.floor(ms / 60_000) * 60_000;
}

/** The instant a local date and time happens in `zone` (a time skipped by a DST change moves forward). */
export function zonedToUtc(year: number, month: number, day: number, minutes: number, zone: string): number {
  const guess = Date.UTC(year, month - 1, day, 0, minutes);
  const first = guess - offsetAt(guess, zone);
  return guess - offsetAt(first, zone);
}

/** The next local `minutes` after midnight in `zone`, strictly after `nowMs`, and that local day (YYYY-MM-DD). */
export function nextLocalTime(minutes: number, zone: string, nowMs: number): { day: string; at: number } {
  const today = wallClock(nowMs, zone);
  for (let add = 0; add < 3; add++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + add));
    const at = zonedToUtc(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), minutes, zone);
    if (at > nowMs) return { day: date.toISOString().slice(0, 10), at };
  }
  throw new Error(`no local time ${minutes} in ${zone} after ${new Date(nowMs).toISOString()}`);
}

/** The digest hour and zone of a subscription (an old one with only `digestHourUtc` keeps its UTC hour). */
export function digestSchedule(sub: Pick<Subscription, 'digestHour' | 'digestHourUtc' | 'timeZone'>): { hour: number; timeZone: string } | undefined {
  if (sub.digestHour !== undefined) return { hour: sub.digestHour, timeZone: sub.timeZone ?? DEFAULT_TIME_ZONE };
  if (sub.digestHourUtc !== undefined) return { hour: sub.digestHourUtc, timeZone: 'UTC' };
  return undefined;
}

/** The next digest run of a subscription strictly after `nowMs`, and the local day it is for. */
export function nextDigestAt(sub: Pick<Subscription, 'digestHour' | 'digestHourUtc' | 'timeZone'>, nowMs: number): { day: string; at: number } | undefined {
  const schedule = digestSchedule(sub);
  return schedule ? nextLocalTime(schedule.hour * 60, schedule.timeZone, nowMs) : undefined;
}

/**
 * Reads quiet hours as typed: `23-07`, `23:30-7`, `22:00-06:30`. Undefined when the text is not of that form or
 * both ends are the same time.
 */
export function parseQuietHours(text: string): QuietHours | undefined {
  const m = /^\s*(\d{1,2})(?::(\d{2}))?\s*[-–—]\s*(\d{1,2})(?::(\d{2}))?\s*$/.exec(text);
  if (!m) return undefined;
  const at = (h: string | undefined, min: string | undefined) => {
    const hours = Number(h);
    const minutes = Number(min ?? 0);
    return hours <= 24 && minutes < 60 && hours * 60 + minutes <= 24 * 60 ? (hours * 60 + minutes) % (24 * 60) : undefined;
  };
  const start = at(m[1], m[2]);
  const end = at(m[3], m[4]);
  if (start === undefined || end === undefined || start === end) return undefined;
  return { start, end };
}

/** `23:00-07:00`. */
export function formatQuietHours(quiet: QuietHours): string {
  return `${clock(quiet.start)}-${clock(quiet.end)}`;
}

/** `07:30` for minutes after midnight. */
export function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * When quiet hours hold a message sent at `nowMs`: the instant they end, or undefined when `nowMs` is not within
 * them (the start is inside, the end is not).
 */
export function quietUntil(quiet: QuietHours, zone: string, nowMs: number): number | undefined {
  const w = wallClock(nowMs, zone);
  const minute = w.hour * 60 + w.minute;
  const inside = quiet.start < quiet.end ? minute >= quiet.start && minute < quiet.end : minute >= quiet.start || minute < quiet.end;
  return inside ? nextLocalTime(quiet.end, zone, nowMs).at : undefined;
}
