import { isFiller, isWeekday, isZone, meridiemOf, monthOf, unitOf, zoneOffsetOf } from './date-words.js';

/**
 * Reading the dates feeds write: RFC 822/1123/2822 (any year width, named or numeric zone), ISO 8601 / W3DTF /
 * RFC 3339 (reduced precision, no seconds, comma or dot fractions, `YYYY-MM-DD hh:mm:ss`), asctime, day-first
 * numeric dates (`02.01.2006 15:04`, as Russian and Kazakh outlets write), month and weekday names in the
 * languages of date-words.ts, Korean forms, and Unix timestamps.
 *
 * The rules, so that a date is right or absent, never wrong:
 * - a date without a zone is UTC, whatever the process time zone (Korean-written dates excepted: KST);
 * - dots are day-first; slashes and dashes are day-first too unless the date has AM/PM (then US month-first),
 *   and the other order is taken only when the first is impossible; year-first when the year leads;
 * - two-digit years are 1950-2049 (RFC 2822 §4.3);
 * - an unknown word, a second time or month, a value out of range (13th month, 31 April, 25 o'clock, zone
 *   +99:99) or a date without a year makes the whole date unreadable.
 */

interface Time {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

type Token =
  | { kind: 'num'; text: string; value: number; before: string; unit?: 'year' | 'month' | 'day' }
  | { kind: 'time'; time: Time }
  | { kind: 'offset'; minutes: number }
  | { kind: 'word'; text: string; leading: boolean };

const TIME = /(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,9}))?)?(?![\d:])|(\d{1,2})h(\d{2})(?!\d)/y;
const OFFSET = /([+-])(?:(\d{2}):?(\d{2})(?::?(\d{2}))?|(\d)(\d{2})|(\d{1,2}))(?![\d:])/y;
const NUMBER = /(\d+)(?:st|nd|rd|th)?(?![\p{L}\d])|(\d+)/uy;
const WORD = /etc\/(?:gmt|utc)|[\p{L}\p{M}ʼ'][\p{L}\p{M}ʼ'.]*/iuy;

/** The offset in minutes written as `+03:00`, `-0700`, `+03`, `-700`; NaN when out of range. */
function offsetMinutes(match: RegExpExecArray): number {
  const [, sign, h2, m2, s2, h1, m1, hOnly] = match;
  const hours = Number(h2 ?? h1 ?? hOnly);
  const minutes = Number(m2 ?? m1 ?? 0);
  if (hours > 14 || minutes > 59 || (s2 !== undefined && s2 !== '00')) return Number.NaN;
  return (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Splits a date into numbers (each with the separator before it: `-`, `/`, `.`, `,`, or ` `), times, numeric
 * offsets and words. A sign starts an offset only after a time, a zone word or a space (`2006-01-02` is a date).
 */
function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let gap = '';
  let i = 0;
  const at = (re: RegExp) => {
    re.lastIndex = i;
    return re.exec(text);
  };
  while (i < text.length) {
    const c = text.charAt(i);
    const previous = tokens.at(-1);
    const before = gap.replace(/\s+/g, '') || (gap ? ' ' : '');
    if (/\s/.test(c) || ',./-+_'.includes(c)) {
      const signed = (c === '+' || c === '-') && /\d/.test(text.charAt(i + 1));
      const offsetHere = signed && (previous?.kind === 'time' || (previous?.kind === 'word' && isZone(previous.text)) || (before === ' ' && previous !== undefined));
      if (!offsetHere) {
        gap += /\s/.test(c) ? ' ' : c;
        i++;
        continue;
      }
      const offset = at(OFFSET);
      const minutes = offset ? offsetMinutes(offset) : Number.NaN;
      if (!offset || Number.isNaN(minutes)) return undefined;
      tokens.push({ kind: 'offset', minutes });
      i += offset[0].length;
    } else if (c >= '0' && c <= '9') {
      const time = at(TIME);
      if (time) {
        const [, h, m, s, fraction, frenchH, frenchM] = time;
        tokens.push({ kind: 'time', time: { hour: Number(h ?? frenchH), minute: Number(m ?? frenchM), second: Number(s ?? 0), millisecond: fractionMs(fraction) } });
        i += time[0].length;
      } else {
        const number = at(NUMBER)!;
        const digits = (number[1] ?? number[2])!;
        tokens.push({ kind: 'num', text: digits, value: Number(digits), before });
        i += number[0].length;
      }
    } else if (/\p{L}/u.test(c)) {
      const word = at(WORD)!;
      const end = i + word[0].length;
      tokens.push({ kind: 'word', text: word[0], leading: tokens.length === 0 && /^\s*,/.test(text.slice(end, end + 8)) });
      i = end;
    } else {
      return undefined;
    }
    gap = '';
  }
  return tokens;
}

const fractionMs = (digits: string | undefined): number => Math.floor(Number(`0.${digits ?? 0}`) * 1000);

/** What the words and numbers of a date say, before calendar checks. */
interface Parts {
  year: number;
  month: number;
  day: number;
  time?: Time;
  meridiem?: 'am' | 'pm';
  offset?: number;
  zone?: string;
  korean: boolean;
}

const pivotYear = (digits: string): number | undefined => {
  if (digits.length === 4) return Number(digits);
  if (digits.length === 2) return Number(digits) < 50 ? 2000 + Number(digits) : 1900 + Number(digits);
  return undefined;
};

/** Day and month from `a<sep>b` in the year-last order the separator implies (see the module rules). */
function dayMonth(a: number, b: number, sep: string, meridiem: boolean): [day: number, month: number] | undefined {
  const dayFirst: [number, number] = [a, b];
  const monthFirst: [number, number] = [b, a];
  if (sep === '.') return dayFirst;
  const preferred = meridiem ? monthFirst : dayFirst;
  const other = meridiem ? dayFirst : monthFirst;
  return preferred[1] <= 12 ? preferred : other[1] <= 12 ? other : undefined;
}

/** Year, month and day from the numbers of a date that names no month. */
function numericDate(nums: Array<Extract<Token, { kind: 'num' }>>, meridiem: boolean, hasTime: boolean): [number, number, number] | undefined {
  const [a, b, c] = nums;
  if (nums.length === 1 && a!.text.length === 4 && !hasTime) return [a!.value, 1, 1];
  if (nums.length === 2 && a!.text.length === 4 && b!.before === '-') {
    if (b!.text.length === 3 && b!.value > 12) return ordinalDate(a!.value, b!.value);
    return b!.text.length <= 2 ? [a!.value, b!.value, 1] : undefined;
  }
  if (nums.length !== 3 || !a || !b || !c || b.before !== c.before || !['-', '/', '.'].includes(b.before)) return undefined;
  const sep = b.before;
  if (a.text.length === 4 && b.text.length <= 3 && c.text.length <= 2) return [a.value, b.value, c.value];
  if (a.text.length <= 2 && b.text.length <= 2 && c.text.length === 4) {
    const dm = dayMonth(a.value, b.value, sep, meridiem);
    return dm && [c.value, dm[1], dm[0]];
  }
  if (a.text.length <= 2 && b.text.length <= 2 && c.text.length <= 2) {
    if (sep === '-') return [pivotYear(a.text.padStart(2, '0'))!, b.value, c.value];
    if (sep === '.') return [pivotYear(c.text.padStart(2, '0'))!, b.value, a.value];
  }
  return undefined;
}

function ordinalDate(year: number, dayOfYear: number): [number, number, number] | undefined {
  const date = new Date(0);
  date.setUTCFullYear(year, 0, dayOfYear);
  return date.getUTCFullYear() === year ? [year, date.getUTCMonth() + 1, date.getUTCDate()] : undefined;
}

/** Reads tokens into parts; undefined as soon as anything is unknown or contradictory. */
function interpret(tokens: Token[]): Parts | undefined {
  let month: number | undefined;
  let monthAt = -1;
  let time: Time | undefined;
  let meridiem: 'am' | 'pm' | undefined;
  let offset: number | undefined;
  let zone: string | undefined;
  let korean = false;
  const nums: Array<Extract<Token, { kind: 'num' }>> = [];
  for (const [i, token] of tokens.entries()) {
    if (token.kind === 'num') nums.push(token);
    else if (token.kind === 'time') {
      if (time) return undefined;
      time = token.time;
    } else if (token.kind === 'offset') {
      if (offset !== undefined) return undefined;
      offset = token.minutes;
    } else {
      const word = token.text;
      const next = tokens[i + 1];
      const unit = unitOf(word);
      if (/[\uAC00-\uD7AF]/.test(word)) korean = true;
      if (unit) {
        const owner = nums.at(-1);
        if (!owner || owner.unit || tokens[i - 1] !== owner) return undefined;
        owner.unit = unit;
      } else if (meridiemOf(word)) {
        if (meridiem) return undefined;
        meridiem = meridiemOf(word);
      } else if (word.toLowerCase() === 'at' && next?.kind === 'time') {
        // "2006-01-02 at 15:04:05"
      } else if (isZone(word) && (word.length > 1 || (tokens[i - 1]?.kind === 'time' && i === tokens.length - 1))) {
        // A military letter is a zone only right after the time and last: a lone letter elsewhere is none.
        if (zone) return undefined;
        zone = word;
      } else if (monthOf(word) !== undefined) {
        if (month !== undefined) return undefined;
        month = monthOf(word);
        monthAt = nums.length;
      } else if (!token.leading && !isWeekday(word) && !isFiller(word)) {
        return undefined;
      }
    }
  }
  let date: [number, number, number] | undefined;
  const units = nums.filter((n) => n.unit);
  if (units.length > 0) {
    if (units.length !== nums.length) return undefined;
    const byUnit = (u: string) => nums.find((n) => n.unit === u);
    const year = byUnit('year');
    const m = byUnit('month');
    const day = byUnit('day');
    date = year && m && day ? [pivotYear(year.text) ?? Number.NaN, m.value, day.value] : undefined;
  } else if (month !== undefined) {
    if (!time && nums.length === 3 && nums[2]!.text.length === 4 && monthAt < 3) {
      // RFC 822 as some write it: "03 Apr 02 1500 GMT" (an HHMM time).
      const hhmm = nums.pop()!.value;
      time = { hour: Math.floor(hhmm / 100), minute: hhmm % 100, second: 0, millisecond: 0 };
    }
    if (nums.length !== 2) return undefined;
    const [a, b] = nums as [Extract<Token, { kind: 'num' }>, Extract<Token, { kind: 'num' }>];
    if (a.text.length === 4 && b.text.length <= 2) date = [a.value, month, b.value];
    else if (b.text.length === 4 && a.text.length <= 2) date = [b.value, month, a.value];
    else if (a.text.length <= 2 && b.text.length === 2 && monthAt <= 1) date = [pivotYear(b.text)!, month, a.value];
  } else {
    date = nums.length > 0 ? numericDate(nums, meridiem !== undefined, time !== undefined) : undefined;
  }
  if (!date) return undefined;
  const [year, m, day] = date;
  return { year, month: m, day, time, meridiem, offset, zone, korean };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 1 : 0);
}

/** The instant the parts name, or undefined when a value is out of range. */
function toInstant(parts: Parts): Date | undefined {
  const { year, month, day, meridiem } = parts;
  const time = parts.time ?? { hour: 0, minute: 0, second: 0, millisecond: 0 };
  if (!Number.isInteger(year) || year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  let hour = time.hour;
  if (meridiem) {
    if (!parts.time || hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  const endOfDay = hour === 24 && time.minute === 0 && time.second === 0 && time.millisecond === 0;
  if ((hour > 23 && !endOfDay) || time.minute > 59 || time.second > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, time.minute, time.second, time.millisecond);
  const offset = parts.offset ?? (parts.zone ? zoneOffsetOf(parts.zone, date.getTime()) : undefined) ?? (parts.korean ? 540 : 0);
  const instant = new Date(date.getTime() - offset * 60_000);
  const y = instant.getUTCFullYear();
  return y >= 1 && y <= 9999 ? instant : undefined;
}

/**
 * ISO 8601 forms without separators or truncated: 20060102[T150405[Z|±hhmm]], 031231 (YYMMDD), -0312 and
 * -03-12 (YY-MM). Null when the text is none of them.
 */
function compactDate(text: string): Date | undefined | null {
  const basic = /^(\d{4})(\d{2})(\d{2})(?:[t ]?(\d{2})(\d{2})(\d{2})?(?:[.,](\d{1,9}))?)?\s*(z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (basic) {
    const [, y, mo, d, h, mi, s, fraction, zone] = basic;
    const time = h === undefined ? undefined : { hour: Number(h), minute: Number(mi), second: Number(s ?? 0), millisecond: fractionMs(fraction) };
    const offset = zone === undefined || /z/i.test(zone) ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    return toInstant({ year: Number(y), month: Number(mo), day: Number(d), time, offset, korean: false });
  }
  const yymmdd = /^(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (yymmdd) return toInstant({ year: pivotYear(yymmdd[1]!)!, month: Number(yymmdd[2]), day: Number(yymmdd[3]), korean: false });
  const yymm = /^-(\d{2})-?(\d{2})$/.exec(text);
  if (yymm) return toInstant({ year: pivotYear(yymm[1]!)!, month: Number(yymm[2]), day: 1, korean: false });
  return null;
}

const ENGLISH_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** The two forms nearly every feed writes, read without the general tokenizer: RFC 822 and RFC 3339. */
const RFC822 = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+(?:([+-])(\d{2})(\d{2})|GMT|UTC|UT|Z)$/;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

function commonForm(text: string): Date | undefined | null {
  const rfc822 = RFC822.exec(text);
  if (rfc822) {
    const [, d, mon, y, h, mi, s, sign, oh, om] = rfc822;
    const month = ENGLISH_MONTHS.indexOf(mon!.toLowerCase()) + 1;
    if (month === 0) return null;
    const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
    if (Number(oh ?? 0) > 14 || Number(om ?? 0) > 59) return undefined;
    return toInstant({ year: Number(y), month, day: Number(d), time: { hour: Number(h), minute: Number(mi), second: Number(s ?? 0), millisecond: 0 }, offset, korean: false });
  }
  const rfc3339 = RFC3339.exec(text);
  if (rfc3339) {
    const [, y, mo, d, h, mi, s, fraction, , sign, oh, om] = rfc3339;
    if (Number(oh ?? 0) > 14 || Number(om ?? 0) > 59) return undefined;
    const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
    return toInstant({ year: Number(y), month: Number(mo), day: Number(d), time: { hour: Number(h), minute: Number(mi), second: Number(s ?? 0), millisecond: fractionMs(fraction) }, offset, korean: false });
  }
  return null;
}

/** Longest date string read; anything longer is not a date. */
const MAX_DATE_CHARS = 120;

/** The instant a feed date names, or undefined when it cannot be read with certainty. */
export function parseFeedDate(value: string | undefined): Date | undefined {
  const raw = value?.trim();
  if (!raw || raw.length > MAX_DATE_CHARS) return undefined;
  const common = commonForm(raw);
  if (common !== null) return common;
  if (/^\d{9,10}$/.test(raw)) return new Date(Number(raw) * 1000);
  if (/^\d{12,13}$/.test(raw)) return new Date(Number(raw));
  const compact = compactDate(raw);
  if (compact !== null) return compact;
  const text = raw.replace(/\([^)]*\)/g, ' ').replace(/(\d)[Tt](?=\d)/g, '$1 ');
  const tokens = tokenize(text);
  const parts = tokens && tokens.length > 0 ? interpret(tokens) : undefined;
  return parts && toInstant(parts);
}

/** A feed date as an ISO 8601 UTC string (`2006-01-02T15:04:05.000Z`), or undefined (see {@link parseFeedDate}). */
export function normalizeDate(value: string | undefined): string | undefined {
  return parseFeedDate(value)?.toISOString();
}
