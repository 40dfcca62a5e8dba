/**
 * The words feed dates are written with: month and weekday names (English, Russian, Kazakh in Cyrillic and
 * Latin, Ukrainian, German, French, Spanish, Italian, Portuguese, Turkish, Hungarian, Greek), time-zone
 * abbreviations, AM/PM markers and filler words. Words are compared folded: lower case, without diacritics
 * (see {@link foldWord}), so `Ιούλ`, `ιουλ` and `Июля`/`июля` need one entry each.
 */

/** Remembers up to `limit` answers of a function of one word (feeds repeat the same few words endlessly). */
function memo<T>(fn: (word: string) => T, limit = 2048): (word: string) => T {
  const known = new Map<string, T>();
  return (word) => {
    if (known.has(word)) return known.get(word) as T;
    const answer = fn(word);
    if (known.size < limit) known.set(word, answer);
    return answer;
  };
}

/** Lower case without combining marks (`März` -> `marz`, `Ιούλ` -> `ιουλ`, `й` -> `и`), trailing dots dropped. */
export const foldWord = memo((word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC').toLowerCase().replace(/\.+$/, ''));

/** Month names, month by month (index 0 = January): full names and usual abbreviations, any case or accent. */
const MONTHS: string[][] = [
  'january jan январь января янв қаңтар қаңтардың qantar qañtar qańtar січень січня січ januar jänner janvier janv enero ene gennaio gen janeiro ocak január ιανουαριος ιανουαριου ιαν',
  'february feb febr февраль февраля фев февр ақпан ақпанның aqpan лютий лютого лют februar février févr fevr febrero febbraio fevereiro fev şubat február φεβρουαριος φεβρουαριου φεβ',
  'march mar марта март мар наурыз наурыздың nauryz naýryz березень березня бер märz mrz mars marzo março mart március μαρτιος μαρτιου μαρ',
  'april apr апрель апреля апр сәуір сәуірдің sauir säuır sáýir квітень квітня квіт kvit avril avr abril abr aprile nisan április απριλιος απριλιου απρ',
  'may май мая мамыр мамырдың mamyr травень травня трав mai mayo maggio mag maio mayıs május μαιος μαιου μαι μαϊ',
  'june jun июнь июня июн маусым маусымның mausym maýsym червень червня черв juni juin junio giugno giu junho haziran június ιουνιος ιουνιου ιουν ιον',
  'july jul июль июля июл шілде шілденің shilde şılde липень липня лип juli juillet juil julio luglio lug julho temmuz július ιουλιος ιουλιου ιουλ ιολ',
  'august aug август августа авг тамыз тамыздың tamyz серпень серпня серп août aout agosto ago ağustos augusztus αυγουστος αυγουστου αυγ',
  'september sep sept сентябрь сентября сен сент қыркүйек қыркүйектің qyrkuiek qyrküiek qyrkúiek вересень вересня вер septembre septiembre setiembre settembre set setembro eylül szeptember σεπτεμβριος σεπτεμβριου σεπ',
  'october oct октябрь октября окт қазан қазанның qazan жовтень жовтня жовт oktober okt octobre octubre ottobre ott outubro out ekim október οκτωβριος οκτωβριου οκτ',
  'november nov ноябрь ноября ноя нояб қараша қарашаның qarasha qaraşa листопад листопада лист novembre noviembre novembro kasım νοεμβριος νοεμβριου νοε',
  'december dec декабрь декабря дек желтоқсан желтоқсанның jeltoqsan грудень грудня груд dezember dez décembre déc diciembre dic dicembre dezembro aralık december δεκεμβριος δεκεμβριου δεκ',
].map((names) => names.split(' ').map(foldWord));

/** Weekday names are read and ignored: feeds often give the wrong weekday, and the date says the day. */
const WEEKDAYS = new Set(
  (
    'monday mon tuesday tue tues wednesday wed thursday thu thur thurs friday fri saturday sat sunday sun ' +
    'понедельник вторник среда четверг пятница суббота воскресенье пн вт ср чт пт сб вс ' +
    'дүйсенбі сейсенбі сәрсенбі бейсенбі жұма сенбі жексенбі duisenbi seisenbi sarsenbi beisenbi juma senbi jeksenbi ' +
    'понеділок вівторок середа четвер пʼятниця пятниця субота неділя ' +
    'montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag mo di mi do fr sa so ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche lun mer jeu ven sam dim ' +
    'lunes martes miércoles jueves viernes sábado domingo mié jue vie sáb dom ' +
    'lunedì martedì mercoledì giovedì venerdì sabato domenica ' +
    'segunda terça quarta quinta sexta seg ter qua qui sex ' +
    'pazartesi salı çarşamba perşembe cuma cumartesi pazar ' +
    'hétfő kedd szerda csütörtök péntek szombat vasárnap ' +
    'κυριακη δευτερα τριτη τεταρτη πεμπτη παρασκευη σαββατο κυρ δευ τρι τετ πεμ παρ σαβ'
  )
    .split(' ')
    .map(foldWord),
);

/**
 * The month (1-12) a word names: an exact name or abbreviation, else the unique month whose full name starts
 * with the word (at least three letters: `sept`, `dezemb`, `июл`). Undefined for anything else.
 */
export const monthOf = memo((word: string): number | undefined => {
  const folded = foldWord(word);
  const exact = MONTHS.findIndex((names) => names.includes(folded));
  if (exact !== -1) return exact + 1;
  if (folded.length < 3) return undefined;
  const prefixed = MONTHS.flatMap((names, i) => (names.some((name) => name.length > folded.length && name.startsWith(folded)) ? [i + 1] : []));
  return prefixed.length === 1 ? prefixed[0] : undefined;
});

export const isWeekday = (word: string): boolean => WEEKDAYS.has(foldWord(word));

/**
 * Zone abbreviations and their offset from UTC in minutes. Where an abbreviation has several meanings the
 * one that dominates feeds wins, as in gofeed and feedparser: CST is US Central, BST British Summer, IST is
 * left out (India, Ireland or Israel). RFC 822's military letters are read with RFC 822's own signs (A = -1
 * hour ... M = -12, N = +1 ... Y = +12, Z = 0), which is how feed parsers have always read them.
 */
const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, 'etc/gmt': 0, 'etc/utc': 0, wet: 0, wez: 0,
  west: 60, wesz: 60, bst: 60, cet: 60, met: 60, mez: 60, wat: 60,
  cest: 120, mest: 120, mesz: 120, eet: 120, cat: 120, sast: 120,
  eest: 180, msk: 180, eat: 180, trt: 180,
  msd: 240, gst: 240, samt: 240, azt: 240,
  pkt: 300, uzt: 300, yekt: 300, aqtt: 300, orat: 300,
  npt: 345,
  omst: 360, kgt: 360,
  ict: 420, wib: 420, krat: 420, novt: 420,
  hkt: 480, sgt: 480, awst: 480, pht: 480, wita: 480, irkt: 480,
  jst: 540, kst: 540, wit: 540, yakt: 540,
  acst: 570,
  aest: 600, vlat: 600, chst: 600,
  acdt: 630,
  aedt: 660, magt: 660,
  nzst: 720, pett: 720,
  nzdt: 780,
  at: -240, ast: -240, adt: -180, nst: -210, ndt: -150,
  et: -300, est: -300, edt: -240,
  ct: -360, cst: -360, cdt: -300,
  mt: -420, mst: -420, mdt: -360,
  pt: -480, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, hast: -600, hadt: -540,
};
for (const [i, letter] of [...'abcdefghiklm'].entries()) ZONES[letter] = -60 * (i + 1);
for (const [i, letter] of [...'nopqrstuvwxy'].entries()) ZONES[letter] = 60 * (i + 1);

/** Kazakhstan moved Almaty time from UTC+6 to UTC+5 on 1 March 2024 (at midnight): the offset depends on the date. */
const ALMT_CHANGE_LOCAL_MS = Date.UTC(2024, 2, 1);

/**
 * The offset in minutes of a zone abbreviation (`msk`, `CEST`, `Etc/GMT`) for a wall-clock time, or
 * undefined when the word is not a zone we know. `localMs` is the wall-clock time read as if it were UTC.
 */
export function zoneOffsetOf(word: string, localMs: number): number | undefined {
  const folded = foldWord(word);
  if (folded === 'almt') return localMs < ALMT_CHANGE_LOCAL_MS ? 360 : 300;
  return Object.hasOwn(ZONES, folded) ? ZONES[folded] : undefined;
}

/** True when the word is a zone abbreviation (whatever its offset on a given date). */
export function isZone(word: string): boolean {
  return zoneOffsetOf(word, 0) !== undefined;
}

/** AM/PM markers, English and Korean (`오전`/`오후`) and Japanese (`午前`/`午後`). */
export function meridiemOf(word: string): 'am' | 'pm' | undefined {
  const folded = foldWord(word).replace(/\./g, '');
  if (folded === 'am' || folded === '오전' || folded === '午前') return 'am';
  if (folded === 'pm' || folded === '오후' || folded === '午後') return 'pm';
  return undefined;
}

/** Words that carry no date information ("at" is one too before a time, see dates.ts): "в 15:04", "2 de enero de 2006", "2006 г.", "15:04 Uhr". */
const FILLERS = new Set(['on', 'в', 'um', 'uhr', 'à', 'de', 'del', 'г', 'гг', 'года', 'год', 'ж', 'жыл', 'жылы', 'жылғы', 'jyl', 'jyly', 'saat', 'ore', 'às'].map(foldWord));

export function isFiller(word: string): boolean {
  return FILLERS.has(foldWord(word));
}

/** CJK unit markers that follow a number: 2004년 05월 28일, 2006年1月2日. */
export function unitOf(word: string): 'year' | 'month' | 'day' | undefined {
  if (word === '년' || word === '年') return 'year';
  if (word === '월' || word === '月') return 'month';
  if (word === '일' || word === '日') return 'day';
  return undefined;
}
