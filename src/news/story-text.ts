/**
 * Reading an item's text for story clustering: outlet boilerplate cut from the lead, words with their
 * case and position, numbers read as values (2,500 / 2 500 / 2,5 тыс. → 2500), and names reduced to a
 * spelling-neutral key so Tokayev, Tokaev, Токаев and Тоқаевтың agree. Pure.
 */
import { foldWord } from './story-stemming.js';

/** One word or number of a text, in order. */
export interface TextToken {
  /** As written. */
  raw: string;
  /** Lower case, `ё` as `е`. */
  folded: string;
  /** The number it stands for (with a following "thousand"/"тыс."/"мың" applied); undefined for a word. */
  value?: number;
  /** First word of a sentence: its capital letter says nothing about being a name. */
  sentenceStart: boolean;
  /** A number followed by `%` or a word for per cent: a share, not a count of anything. */
  share?: boolean;
}

const GROUPED = String.raw`\d{1,3}(?:[,\u00A0\u202F ]\d{3}(?!\d))+(?:[.,]\d+)?`;
const PLAIN = String.raw`\d+(?:[.,]\d+)?`;
/** A clock time (23:00) is not a count; words split at hyphens and apostrophes. */
const TOKEN = new RegExp(String.raw`(?<![\d.,])(?:\d{1,2}:\d{2}|${GROUPED}|${PLAIN})(?![\d])|[\p{L}\p{N}]+|[.!?:;%]`, 'gu');
const PERCENT_WORD = /^(percent|процент|пайыз)/;
const MULTIPLIERS: Array<[RegExp, number]> = [
  [/^(thousand|тыс|тысяч|мың)/, 1e3],
  [/^(million|млн|миллион)/, 1e6],
  [/^(billion|млрд|миллиард)/, 1e9],
];

function numberValue(token: string): number | undefined {
  if (token.includes(':')) return undefined;
  // A comma or point before exactly three digits groups thousands; before one or two it is a decimal mark.
  const normalised = token.replace(/[\u00A0\u202F ]/g, '').replace(/[.,](?=\d{3}(?:\D|$))/g, '').replace(',', '.');
  const value = Number(normalised);
  return Number.isFinite(value) ? value : undefined;
}

/** Words and numbers of a text; punctuation only marks where sentences start. */
export function tokenize(text: string): TextToken[] {
  const out: TextToken[] = [];
  let sentenceStart = true;
  for (const [raw] of text.normalize('NFC').matchAll(TOKEN)) {
    const previous = out[out.length - 1];
    if (raw === '%') {
      if (previous?.value !== undefined) previous.share = true;
      continue;
    }
    if (/^[.!?:;]$/.test(raw)) {
      if (raw !== ':' && raw !== ';') sentenceStart = true;
      continue;
    }
    if (/^\d/.test(raw)) {
      const value = numberValue(raw);
      if (value === undefined) continue;
      out.push({ raw, folded: raw, value, sentenceStart: false });
      sentenceStart = false;
      continue;
    }
    const folded = foldWord(raw);
    if (previous?.value !== undefined && PERCENT_WORD.test(folded)) previous.share = true;
    // "per cent" in two words: the number stands before "per".
    const beforePer = out[out.length - 2];
    if (folded === 'cent' && previous?.folded === 'per' && beforePer?.value !== undefined) beforePer.share = true;
    const multiplier = MULTIPLIERS.find(([re]) => re.test(folded));
    if (previous?.value !== undefined && multiplier) {
      previous.value *= multiplier[1];
      continue;
    }
    out.push({ raw, folded, sentenceStart });
    sentenceStart = false;
  }
  return out;
}

/**
 * The dateline an outlet puts before every lead ("ALMATY, Jan 5 (Reuters) -", "NUR-SULTAN, January 4. /TASS/.",
 * "Нур-Султан. 4 января. ИНТЕРФАКС-КАЗАХСТАН -", "Tengrinews.kz –"): a short run before a dash that starts
 * with a word in capitals, names an agency in brackets or a web address, or holds a date and a word in capitals.
 */
const DATELINE = /^(.{2,90}?)(?:\s[-–—]\s|\/TASS\/\.\s)/u;
const CAPS_WORD = /(?<![\p{L}])\p{Lu}{3,}(?![\p{Ll}])/u;
const STARTS_CAPS = /^\p{Lu}{2,}[\p{Lu}\p{Pd}]*(?![\p{Ll}])/u;
const AGENCY_NOTE = /\(\p{L}+\)|\b\w+\.(?:kz|ru|com|uz|kg)\b/u;
/** After a dash, an agency's own name as a sentence ("— РИА Новости."). */
const AGENCY_SENTENCE = /^(?:\p{Lu}[\p{L}-]*\s?){1,3}\.\s/u;
/** Calls to follow the outlet that close a lead. */
const SIGN_OFF = /(?:Подпишитесь|Subscribe to|Follow us|Жазылыңыз)[^.!]*[.!]?/giu;

/** The lead without its dateline and sign-off: they say which outlet wrote it, not what happened. */
export function stripBoilerplate(lead: string): string {
  let text = lead.replace(SIGN_OFF, ' ').trim();
  const m = DATELINE.exec(text);
  if (m) {
    const prefix = m[1]!;
    const dated = /\d/.test(prefix) && CAPS_WORD.test(prefix);
    if (STARTS_CAPS.test(prefix) || AGENCY_NOTE.test(prefix) || dated) {
      text = text.slice(m[0].length);
      const agency = AGENCY_SENTENCE.exec(text);
      if (agency && agency[0].length < 30) text = text.slice(agency[0].length);
    }
  }
  return text;
}

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o',
  ұ: 'u', ү: 'u', һ: 'h', і: 'i',
};
/** Letters of a name key: its first letters, with every vowel one class, so inflection and spelling blur. */
const NAME_KEY_LENGTH = 5;

/**
 * A spelling-neutral key for a name, in Latin or Cyrillic: transliterated, sounds written several ways
 * merged (zh/j, kh/h/қ/k, sh, ch/ts), double letters single, vowels one class, cut to 5 letters.
 * Tokayev, Tokaev, Токаев, Тоқаевтың → `takav`; Kazakhstan, Казахстана, Қазақстан → `kazak`. Undefined when too short.
 */
export function nameKey(word: string): string | undefined {
  const latin = [...foldWord(word)].map((c) => TRANSLIT[c] ?? c).join('');
  const key = latin
    .replace(/x/g, 'ks')
    .replace(/shch|sh/g, 'W')
    .replace(/ch|ts|tz/g, 'C')
    .replace(/zh|j/g, 'j')
    .replace(/kh|h|q/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/w/g, 'v')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/[^a-zWC]/g, '')
    .replace(/(.)\1+/g, '$1')
    .replace(/[aeiouy]+/g, 'a')
    .toLowerCase();
  return key.length >= 4 ? key.slice(0, NAME_KEY_LENGTH) : undefined;
}
