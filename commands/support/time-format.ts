/** The local time zone shown next to UTC: most of Kazakhstan, including Almaty and Astana. */
export const LOCAL_TIME_ZONE = 'Asia/Almaty';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = timeZone + JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** `09:05` in the given time zone (24-hour clock). */
export function clockTime(date: Date, timeZone: string): string {
  return formatter(timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** `09:05 UTC · 14:05 Almaty`. */
export function dualTime(date: Date, localZone = LOCAL_TIME_ZONE): string {
  return `${clockTime(date, 'UTC')} UTC · ${clockTime(date, localZone)} ${zoneCity(localZone)}`;
}

/** The calendar day in a time zone as `2022-01-06`, for grouping. */
export function dayKey(date: Date, timeZone: string): string {
  const parts = formatter(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `Thursday 6 January 2022` for a day key (assembled from parts, so ICU versions cannot move the commas). */
export function dayHeading(key: string): string {
  const parts = formatter('UTC', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(
    new Date(`${key}T12:00:00Z`),
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}`;
}

/** `Asia/Almaty` -> `Almaty`. */
export function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}
