import { DEFAULT_DIGEST_HOUR, DEFAULT_TIME_ZONE, type QuietHours } from '../../src/delivery/core/schedule.js';
import type { SubscribeInput, Subscription, SubscriptionMode } from '../../src/delivery/core/types.js';

/** What `/subscribe` was given; undefined is "not given, keep what is set". */
export interface SubscribeRequest {
  keywords?: string[];
  exclude?: string[];
  mode?: SubscriptionMode;
  hour?: number;
  tz?: string;
  /** null turns quiet hours off. */
  quiet?: QuietHours | null;
  preview?: boolean;
}

/** The settings a subscription has, without its identity. */
export type Terms = Pick<SubscribeInput, 'keywords' | 'exclude' | 'mode' | 'digestHour' | 'digestHourUtc' | 'timeZone' | 'quiet' | 'preview'>;

/**
 * The terms of a subscription after `/subscribe`: each option given replaces the one set before, every other is
 * kept (keywords, digest mode, hour, zone, quiet hours, previews). A new subscription starts with instant alerts;
 * a digest without an hour goes out at 08:00 in its zone.
 */
export function mergeTerms(previous: Subscription | undefined, request: SubscribeRequest): Terms {
  const mode = request.mode ?? previous?.mode ?? 'instant';
  // A subscription from before digests had zones keeps its UTC hour until an hour or a zone is given.
  const legacyUtcHour =
    request.hour === undefined && request.tz === undefined && previous?.digestHour === undefined ? previous?.digestHourUtc : undefined;
  const quiet = request.quiet === null ? undefined : (request.quiet ?? previous?.quiet);
  const preview = request.preview ?? previous?.preview;
  const terms: Terms = { keywords: request.keywords ?? previous?.keywords ?? [], exclude: request.exclude ?? previous?.exclude ?? [], mode };
  if (legacyUtcHour !== undefined) {
    terms.digestHourUtc = legacyUtcHour;
    if (previous?.timeZone) terms.timeZone = previous.timeZone;
  } else {
    const hour = request.hour ?? previous?.digestHour ?? previous?.digestHourUtc;
    if (hour !== undefined || mode === 'digest') terms.digestHour = hour ?? DEFAULT_DIGEST_HOUR;
    terms.timeZone = request.tz ?? previous?.timeZone ?? DEFAULT_TIME_ZONE;
  }
  if (quiet) terms.quiet = quiet;
  if (preview !== undefined) terms.preview = preview;
  return terms;
}

/** One setting that `/subscribe` changed, by the option name that sets it. */
export interface TermChange {
  option: 'keywords' | 'exclude' | 'mode' | 'hour' | 'tz' | 'quiet' | 'preview';
  before: unknown;
  after: unknown;
}

/** The settings that differ between two versions of a subscription, in option order. */
export function changedTerms(before: Terms, after: Terms): TermChange[] {
  const hourOf = (t: Terms) => (t.digestHour ?? t.digestHourUtc);
  const zoneOf = (t: Terms) => (t.digestHour === undefined && t.digestHourUtc !== undefined ? 'UTC' : (t.timeZone ?? DEFAULT_TIME_ZONE));
  const pairs: Array<[TermChange['option'], unknown, unknown]> = [
    ['keywords', before.keywords, after.keywords],
    ['exclude', before.exclude, after.exclude],
    ['mode', before.mode, after.mode],
    ['hour', hourOf(before), hourOf(after)],
    ['tz', zoneOf(before), zoneOf(after)],
    ['quiet', before.quiet, after.quiet],
    ['preview', before.preview, after.preview],
  ];
  return pairs
    .filter(([, a, b]) => JSON.stringify(a) !== JSON.stringify(b))
    .map(([option, a, b]) => ({ option, before: a, after: b }));
}
