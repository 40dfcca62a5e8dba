import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { normalizeDate } from '../../../src/feeds/parse/dates.js';

/** [as a feed writes it, the instant in UTC (undefined: unreadable)]. */
type Case = [input: string, expected: string | undefined];

const rfc822: Case[] = [
  ['Mon, 02 Jan 2006 15:04:05 -0700', '2006-01-02T22:04:05.000Z'],
  ['Mon, 2 Jan 2006 15:04:05 +0300', '2006-01-02T12:04:05.000Z'],
  ['Thu,  5 Apr 2012 10:00:00 GMT', '2012-04-05T10:00:00.000Z'],
  ['Fri,24 Nov 2023 18:28:36 -0000', '2023-11-24T18:28:36.000Z'],
  ['Mon , 02 Jan 2006 15:04:05 GMT', '2006-01-02T15:04:05.000Z'],
  ['Mon, 13 Feb, 2012 06:28:00 UTC', '2012-02-13T06:28:00.000Z'],
  ['Thu, 01 Jan 2004 00:00 GMT', '2004-01-01T00:00:00.000Z'],
  ['Thu, 01 Jan 2004', '2004-01-01T00:00:00.000Z'],
  ['02 Jan 2006 15:04:05 -0700', '2006-01-02T22:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 -07:00', '2006-01-02T22:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 -07', '2006-01-02T22:04:05.000Z'],
  ['Mon, Jan 2 2006 15:04:05 -700', '2006-01-02T22:04:05.000Z'],
  ['Mon, 2 Jan 2006 15:04:05-0700', '2006-01-02T22:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:4:5 Z', '2006-01-02T15:04:05.000Z'],
  ['Mon, 26 January 2004 16:31:00 GMT', '2004-01-26T16:31:00.000Z'],
  ['Wed, 19 Feb 2012 22:40:00 -01:01', '2012-02-19T23:41:00.000Z'],
  ['Wed, 19 Feb 2012 22:40:00 GMT-01:01', '2012-02-19T23:41:00.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 GMT-0700 (MST)', '2006-01-02T22:04:05.000Z'],
  ['Mon Jan 02 2006 15:04:05 GMT-0700 (Mountain Standard Time)', '2006-01-02T22:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 MST -0700', '2006-01-02T22:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 -0300 EST', '2006-01-02T18:04:05.000Z'], // the numeric offset wins
  ['03 Apr 02 1500 GMT', '2002-04-03T15:00:00.000Z'], // an HHMM time
];

const namedZones: Case[] = [
  ['Mon, 02 Jan 2006 15:04:05 UT', '2006-01-02T15:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 GMT', '2006-01-02T15:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 UTC', '2006-01-02T15:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 Z', '2006-01-02T15:04:05.000Z'],
  ['Wed, 19 Aug 2009 18:28:00 Etc/GMT', '2009-08-19T18:28:00.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 MSK', '2006-01-02T12:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 CET', '2006-01-02T14:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 CEST', '2006-01-02T13:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 EET', '2006-01-02T13:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 EEST', '2006-01-02T12:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 BST', '2006-01-02T14:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 JST', '2006-01-02T06:04:05.000Z'],
  ['Thu, 30 Apr 2015 08:57:00 MET', '2015-04-30T07:57:00.000Z'],
  ['Thu, 30 Apr 2015 08:57:00 MEST', '2015-04-30T06:57:00.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 EST', '2006-01-02T20:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 EDT', '2006-01-02T19:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 CST', '2006-01-02T21:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 CDT', '2006-01-02T20:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 MST', '2006-01-02T22:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 MDT', '2006-01-02T21:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 PST', '2006-01-02T23:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 PDT', '2006-01-02T22:04:05.000Z'],
  ['Mon, 26 January 2004 16:31:00 AT', '2004-01-26T20:31:00.000Z'],
  ['Mon, 26 January 2004 16:31:00 ET', '2004-01-26T21:31:00.000Z'],
  ['Mon, 26 January 2004 16:31:00 CT', '2004-01-26T22:31:00.000Z'],
  ['Mon, 26 January 2004 16:31:00 MT', '2004-01-26T23:31:00.000Z'],
  ['Mon, 26 January 2004 16:31:00 PT', '2004-01-27T00:31:00.000Z'],
  ['Mon,02 January 2006 15:04:05 EST', '2006-01-02T20:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05MST', '2006-01-02T22:04:05.000Z'],
  // RFC 822's military letters, with RFC 822's signs (A = -1 h, N = +1 h).
  ['Mon, 02 Jan 2006 15:04:05 A', '2006-01-02T16:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 N', '2006-01-02T14:04:05.000Z'],
  ['Mon, 02 Jan 2006 15:04:05 Y', '2006-01-02T03:04:05.000Z'],
  // Almaty time was UTC+6 until 1 March 2024, UTC+5 since.
  ['Mon, 02 Jan 2006 15:04:05 ALMT', '2006-01-02T09:04:05.000Z'],
  ['Fri, 01 Mar 2024 15:04:05 ALMT', '2024-03-01T10:04:05.000Z'],
];

const twoDigitYears: Case[] = [
  ['02 Jan 06 15:04 MST', '2006-01-02T22:04:00.000Z'],
  ['Thu, 01 Jan 04 19:48:21 GMT', '2004-01-01T19:48:21.000Z'],
  ['Mon, 2 Jan 06 15:04:05 -0700', '2006-01-02T22:04:05.000Z'],
  ['Monday, 02-Jan-06 15:04:05 MST', '2006-01-02T22:04:05.000Z'],
  ['Sat, 01 Jan 94 10:00:00 GMT', '1994-01-01T10:00:00.000Z'],
  ['Fri, 31 Dec 49 10:00:00 GMT', '2049-12-31T10:00:00.000Z'],
  ['Sat, 01 Jan 50 10:00:00 GMT', '1950-01-01T10:00:00.000Z'],
  ['02.01.06 15:04', '2006-01-02T15:04:00.000Z'],
];

const iso8601: Case[] = [
  ['2006-01-02T15:04:05Z', '2006-01-02T15:04:05.000Z'],
  ['2006-01-02T15:04:05-07:00', '2006-01-02T22:04:05.000Z'],
  ['2006-01-02T15:04:05+0600', '2006-01-02T09:04:05.000Z'],
  ['2006-01-02T15:04Z', '2006-01-02T15:04:00.000Z'],
  ['2006-01-02T15:04+05:00', '2006-01-02T10:04:00.000Z'],
  ['2006-01-02T15:04', '2006-01-02T15:04:00.000Z'],
  ['2006-01-02T15:04:05.500Z', '2006-01-02T15:04:05.500Z'],
  ['2006-01-02T15:04:05,5+03:00', '2006-01-02T12:04:05.500Z'],
  ['2003-12-31T10:14:55.1234Z', '2003-12-31T10:14:55.123Z'],
  ['2007-04-23T23:25:47.538+10:00', '2007-04-23T13:25:47.538Z'],
  ['2019-10-12T07:20:50.52Z', '2019-10-12T07:20:50.520Z'],
  ['2006-01-02T15:04:05-07:00:00', '2006-01-02T22:04:05.000Z'],
  ['2006-01-02 15:04:05', '2006-01-02T15:04:05.000Z'],
  ['2006-01-02 15:04:05 -0700', '2006-01-02T22:04:05.000Z'],
  ['2006-01-02 15:04', '2006-01-02T15:04:00.000Z'],
  ['2006-01-02 at 15:04:05', '2006-01-02T15:04:05.000Z'],
  ['2004-07-08 23:56:58 -00:20', '2004-07-09T00:16:58.000Z'],
  ['2004-07-08 23:56:58.0', '2004-07-08T23:56:58.000Z'],
  ['2006-1-2T15:04:05Z', '2006-01-02T15:04:05.000Z'],
  ['2006/01/02', '2006-01-02T00:00:00.000Z'],
  ['Fri, 2006/09/15 08:19:53 EDT', '2006-09-15T12:19:53.000Z'],
  ['2003-012-31T10:14:55+00:00', '2003-12-31T10:14:55.000Z'], // a three-digit month
  ['2003-12-31', '2003-12-31T00:00:00.000Z'],
  ['2003-12', '2003-12-01T00:00:00.000Z'],
  ['2003', '2003-01-01T00:00:00.000Z'],
  ['2003-335', '2003-12-01T00:00:00.000Z'], // an ordinal date
  ['20060102T150405Z', '2006-01-02T15:04:05.000Z'],
  ['20060102', '2006-01-02T00:00:00.000Z'],
  ['031231', '2003-12-31T00:00:00.000Z'],
  ['03-12-31', '2003-12-31T00:00:00.000Z'],
  ['-0312', '2003-12-01T00:00:00.000Z'],
  ['-03-12', '2003-12-01T00:00:00.000Z'],
  ['2006-01-02T24:00:00Z', '2006-01-03T00:00:00.000Z'],
  // Leap years roll over: 28 February 18:14 at -08:00.
  ['2004-02-28T18:14:55-08:00', '2004-02-29T02:14:55.000Z'],
  ['2003-02-28T18:14:55-08:00', '2003-03-01T02:14:55.000Z'],
  ['2000-02-28T18:14:55-08:00', '2000-02-29T02:14:55.000Z'],
];

const dayFirstAndOtherForms: Case[] = [
  ['02.01.2006 15:04', '2006-01-02T15:04:00.000Z'],
  ['02.01.2006 15:04:05', '2006-01-02T15:04:05.000Z'],
  ['2.1.2006 15:04:05', '2006-01-02T15:04:05.000Z'],
  ['02.01.2006', '2006-01-02T00:00:00.000Z'],
  ['02.01.2006 -0700', '2006-01-02T07:00:00.000Z'],
  ['15:04 02.01.2006 -0700', '2006-01-02T22:04:00.000Z'],
  ['02/01/2006 15:04:05', '2006-01-02T15:04:05.000Z'],
  ['02/01/2006 - 15:04', '2006-01-02T15:04:00.000Z'],
  ['02-01-2006', '2006-01-02T00:00:00.000Z'],
  ['01/13/2006', '2006-01-13T00:00:00.000Z'], // no 13th month: month-first
  ['1/2/2006 3:04:05 PM', '2006-01-02T15:04:05.000Z'], // a 12-hour clock: US month-first
  ['01/02/2006 3:04 PM', '2006-01-02T15:04:00.000Z'],
  ['06-1-2 15:04', '2006-01-02T15:04:00.000Z'],
  ['Sun Jan  4 16:29:06 2004', '2004-01-04T16:29:06.000Z'],
  ['Mon Jan 2 15:04:05 MST 2006', '2006-01-02T22:04:05.000Z'],
  ['Sun Jul 15 01:16:00 +0000 2012', '2012-07-15T01:16:00.000Z'],
  ['Thu Aug 30 2012 17:26:16 +0200', '2012-08-30T15:26:16.000Z'],
  ['Monday, January 2, 2006 03:04 PM', '2006-01-02T15:04:00.000Z'],
  ['January 2, 2006, 3:04 p.m.', '2006-01-02T15:04:00.000Z'],
  ['Jan 02 2006 03:04:05PM', '2006-01-02T15:04:05.000Z'],
  ['12:30 AM Jan 2, 2006', '2006-01-02T00:30:00.000Z'],
  ['January 2nd, 2006', '2006-01-02T00:00:00.000Z'],
  ['2006 January 02', '2006-01-02T00:00:00.000Z'],
  ['02 Monday, Jan 2006 15:04', '2006-01-02T15:04:00.000Z'],
  ['1136214245', '2006-01-02T15:04:05.000Z'],
  ['1136214245000', '2006-01-02T15:04:05.000Z'],
  ['Thu, 01 Jan 0100 00:00:01 +0100', '0099-12-31T23:00:01.000Z'],
];

const otherLanguages: Case[] = [
  ['Пн, 02 янв 2006 15:04:05 +0300', '2006-01-02T12:04:05.000Z'],
  ['2 января 2006 г., 15:04', '2006-01-02T15:04:00.000Z'],
  ['02 Января 2006 15:04 MSK', '2006-01-02T12:04:00.000Z'],
  ['Четверг, 30 сентября 2021 09:15', '2021-09-30T09:15:00.000Z'],
  ['5 мая 2022, 10:00', '2022-05-05T10:00:00.000Z'],
  ['2 қаңтар 2006 ж. 15:04', '2006-01-02T15:04:00.000Z'],
  ['Сенбі, 5 наурыз 2022 18:00 +0600', '2022-03-05T12:00:00.000Z'],
  ['2 de enero de 2006 15:04', '2006-01-02T15:04:00.000Z'],
  ['Montag, 2. Januar 2006 15:04 Uhr', '2006-01-02T15:04:00.000Z'],
  ['lundi 2 janvier 2006 à 15h04', '2006-01-02T15:04:00.000Z'],
  ['\u039a\u03c5\u03c1, 11 \u0399\u03bf\u03cd\u03bb 2004 12:00:00 EST', '2004-07-11T17:00:00.000Z'], // Greek
  ['2004-j\u00falius-13T9:15-05:00', '2004-07-13T14:15:00.000Z'], // Hungarian
  ['2004-05-25 \uc624\ud6c4 11:23:17', '2004-05-25T14:23:17.000Z'], // Korean (nate): PM, Korean time
  ['2004\ub144 05\uc6d4 28\uc77c  01:31:15', '2004-05-27T16:31:15.000Z'], // Korean (onblog)
];

const unreadable: Case[] = [
  ['', undefined],
  ['   ', undefined],
  ['not a date', undefined],
  ['yesterday-ish', undefined],
  ['Sun, 16 Dec 2012 1:2:3:4 GMT', undefined], // a time of four parts
  ['Sun, 16 zzz 2012 11:47:32 GMT', undefined], // no such month
  ['Sun, Dec x 2012 11:47:32 GMT', undefined], // no day
  ['Sun, 16 Dec zz 11:47:32 GMT', undefined], // no year
  ['Mon, 2 Jan 15:04:05 MST', undefined], // no year
  ['Sun, 16 Dec 2012 11:47:32 +zz:00', undefined],
  ['Sun, 16 Dec 2012 11:47:32 +00:zz', undefined],
  ['Sun, 99 Jun 2009 12:00:00 GMT', undefined],
  ['Thu, 31 Apr 2009 12:00:00 GMT', undefined],
  ['Sun, 29 Feb 2009 12:00:00 GMT', undefined],
  ['Sun, 31 Dec 9999 23:59:59 -9999', undefined],
  ['9999-12-31T23:59:59-99:99', undefined],
  ['2003-12-31T25:14:55Z', undefined],
  ['2003-12-31T10:61:55Z', undefined],
  ['2003-12-31T10:14:61Z', undefined],
  ['2003-13-01', undefined],
  ['0000-00-00 00:00:00', undefined],
  ['22013', undefined], // five digits: YYDDD or garbage, never guessed
  ['013', undefined],
  ['2013-01-27-01', undefined],
  ['2013-01-28T11:30:00-06:00Textra', undefined],
  ['2013-xx-27', undefined],
  ['2013-01-28T09:xx:00Z', undefined],
  ['2013-01-28T09:00:00+00:xx', undefined],
  ['13 PM Jan 2, 2006', undefined],
  ['13.25.2006', undefined], // dots are day-first: there is no 25th month
  ['1/2/06', undefined], // all-short slashes: day, month and year cannot be told apart
  ['Mon, 02 Jan 2006 15:04:05 XYZ', undefined],
  ['Jan 2006 Feb 02', undefined],
  ['10000-01-01', undefined],
  ['x'.repeat(500), undefined],
];

const tables: Record<string, Case[]> = { rfc822, namedZones, twoDigitYears, iso8601, dayFirstAndOtherForms, otherLanguages, unreadable };

describe('normalizeDate', () => {
  for (const [name, cases] of Object.entries(tables)) {
    it.each(cases)(`${name}: %j is %s`, (input, expected) => {
      expect(normalizeDate(input)).toBe(expected);
    });
  }
});

describe('a date without a zone is read as UTC, whatever the process time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });
  const zoneless = ['2006-01-02 15:04:05', '02.01.2006 15:04', 'Mon, 02 Jan 2006 15:04:05', '2006-01-02T15:04', 'January 2, 2006 3:04 PM'];

  it.each(['Asia/Almaty', 'America/Los_Angeles'])('in %s', (tz) => {
    process.env.TZ = tz;
    // The zone took effect for this process: local midnight is not UTC midnight.
    expect(new Date(2006, 0, 2).getTimezoneOffset()).not.toBe(0);
    for (const input of zoneless) expect(normalizeDate(input)?.slice(0, 16), input).toBe('2006-01-02T15:04');
  });

  it('in a child process started with TZ=Asia/Almaty and TZ=America/Los_Angeles', () => {
    const module = fileURLToPath(new URL('../../../src/feeds/parse/dates.ts', import.meta.url));
    const script = `import { normalizeDate } from ${JSON.stringify(module)}; console.log(JSON.stringify(${JSON.stringify(zoneless)}.map(normalizeDate)));`;
    for (const tz of ['Asia/Almaty', 'America/Los_Angeles']) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
      expect(child.stderr).toBe('');
      expect(JSON.parse(child.stdout)).toEqual(zoneless.map(() => expect.stringMatching(/^2006-01-02T15:04:(05|00)\.000Z$/)));
    }
  });
});
