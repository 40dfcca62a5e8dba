import type { Translator } from '../../src/i18n/translator.js';

/** The local time zone shown next to UTC: most of Kazakhstan, including Almaty and Astana. */
export const LOCAL_TIME_ZONE = 'Asia/Almaty';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + timeZone + JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** `09:05` in the given time zone (24-hour clock, in every language). */
export function clockTime(date: Date, timeZone: string): string {
  return formatter('en-GB', timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** `Asia/Almaty` -> `Almaty` (`Алматы` for Russian and Kazakh readers). */
export function zoneCity(timeZone: string, t?: Translator): string {
  if (t && timeZone === LOCAL_TIME_ZONE) return t.t('time.almaty');
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

/** `09:05 UTC · 14:05 Almaty`. */
export function dualTime(date: Date, t: Translator, localZone = LOCAL_TIME_ZONE): string {
  return t.t('time.dual', { utc: clockTime(date, 'UTC'), local: clockTime(date, localZone), city: zoneCity(localZone, t) });
}

/** The calendar day in a time zone as `2022-01-06`, for grouping. */
export function dayKey(date: Date, timeZone: string): string {
  const parts = formatter('en-GB', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * A day key as a heading in the reader's language: `Thursday 6 January 2022` (assembled from parts, so ICU versions
 * cannot move the commas), `четверг, 6 января 2022 г.`, `2022 ж. 6 қаңтар, бейсенбі`.
 */
export function dayHeading(key: string, t: Translator): string {
  const date = new Date(`${key}T12:00:00Z`);
  const options = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } as const;
  if (t.language !== 'en') return formatter(t.locale, 'UTC', options).format(date);
  const parts = formatter('en-GB', 'UTC', options).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}`;
}

/**
 * A day in a line of a reply: `2022-01-06` in English (the form English replies have always used), as the reader
 * writes it in other languages: `6 янв. 2022 г.`, `2022 ж. 6 қаң.`.
 */
export function shortDate(date: Date, t: Translator, timeZone = 'UTC'): string {
  if (t.language === 'en') return dayKey(date, timeZone);
  return formatter(t.locale, timeZone, { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}
