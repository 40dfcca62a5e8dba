import type { FeedLanguage } from './news-feeds.js';

/**
 * The outlets of the January 2022 scenario: each one feed, written the way that outlet writes. `orda` is an
 * aggregator whose CMS gives every item a new guid on every request (its links stay put).
 */
export const outlets = {
  wire: { title: 'Steppe Wire', language: 'en', host: 'steppewire.example' },
  caspian: { title: 'The Caspian Times', language: 'en', host: 'caspiantimes.example' },
  nomad: { title: 'Nomad Brief', language: 'en', host: 'nomadbrief.example' },
  vestnik: { title: 'Степной вестник', language: 'ru', host: 'vestnik.example' },
  dala: { title: 'Дала хабаршысы', language: 'kk', host: 'dala.example' },
  orda: { title: 'Орда Лайв', language: 'ru', host: 'orda.example', rewritesGuids: true },
} as const satisfies Record<string, { title: string; language: FeedLanguage; host: string; rewritesGuids?: boolean }>;

export type OutletId = keyof typeof outlets;

/** One report as its outlet published it. */
export interface Report {
  outlet: OutletId;
  title: string;
  /** The item's description: the outlet's lead. */
  lead: string;
  /** When the outlet published it, in the scenario's clock: a day of January 2022 and Almaty time (UTC+6). */
  at: [day: number, time: string];
}

const DAY_MS = 86_400_000;
const ALMATY_OFFSET_HOURS = 6;

/**
 * The scenario replays January 2022 as if 13 January were today (UTC): an item of 3 January is dated ten days
 * before the bot reads it, one of 10 January three days before. Whole days only, so the clock of each report
 * (and the day it falls on in Almaty) stays as the outlet wrote it.
 */
export function scenarioClock(nowMs: number): (at: Report['at']) => Date {
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const shift = today - Date.UTC(2022, 0, 13);
  return ([day, time]) => {
    const [hours, minutes] = time.split(':').map(Number) as [number, number];
    return new Date(Date.UTC(2022, 0, day, hours - ALMATY_OFFSET_HOURS, minutes) + shift);
  };
}
