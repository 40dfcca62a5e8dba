import type { OptionSpec } from './options.js';

const QUOTED = /^(?:"([^"]*)"|“([^”]*)”|«([^»]*)»)$/;

/** The text inside quotes when `word` is one quoted phrase, else the word as it is. */
function unquote(word: string): string {
  const m = QUOTED.exec(word);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : word;
}

/**
 * Splits a command line into words. Double quotes (straight or typographic) keep spaces inside one word, so
 * `/subscribe tokayev "fuel, gas"` gives two words after the command, and so does
 * `/subscribe tokayev keywords="fuel prices"`. A word that is all one quoted phrase loses its quotes; quotes
 * inside a word (`keywords="fuel prices","gas"`) stay, for the option to read.
 */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  const pattern = /(?:"[^"]*"|“[^”]*”|«[^»]*»|[^\s"“«]+|["“«])+/g;
  for (const m of text.matchAll(pattern)) {
    const word = unquote(m[0]);
    if (word !== '') words.push(word);
  }
  return words;
}

/**
 * Reads `/name@bot rest of line` (Telegram) or `/name rest` (terminal): the command name in lower case and
 * the words after it. Returns undefined when the text is not a command.
 */
export function parseCommandLine(text: string): { name: string; words: string[] } | undefined {
  const m = /^\s*\/?([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/.exec(text);
  if (!m?.[1]) return undefined;
  return { name: m[1].toLowerCase(), words: splitWords(m[2] ?? '') };
}

const NAMED = /^([a-z0-9_]{1,32})=([\s\S]*)$/;

/**
 * Turns words typed after a command into the raw option map the command's schema parses.
 * - `name=value` sets that option (only when `name` is one of the command's options).
 * - Other words fill the remaining visible options in order. The last string option among them takes the
 *   rest of the words, except trailing words that fit the non-string options after it, so
 *   `/timeline Kassym-Jomart Tokayev 30` gives query "Kassym-Jomart Tokayev" and days 30.
 * - Integer and boolean words are converted when they look right; otherwise they stay strings and the
 *   schema explains what it expected.
 */
export function wordsToOptions(words: readonly string[], options: readonly OptionSpec[]): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const byName = new Map(options.map((o) => [o.name, o]));
  const positional: string[] = [];
  for (const word of words) {
    const m = NAMED.exec(word);
    const spec = m?.[1] ? byName.get(m[1].toLowerCase()) : undefined;
    if (m && spec) raw[spec.name] = convert(unquote(m[2] ?? ''), spec);
    else positional.push(word);
  }

  // A file is sent with the command, never typed: the adapter puts it in the map itself.
  const open = options.filter((o) => !o.hidden && o.type !== 'attachment' && !(o.name in raw));
  const lastString = findLastIndex(open, (o) => o.type === 'string');
  let w = 0;
  for (let i = 0; i < open.length && w < positional.length; i++) {
    const spec = open[i]!;
    if (i === lastString) {
      const after = open.slice(i + 1);
      // Trailing words that fit the options after the greedy one belong to them.
      let keep = 0;
      while (
        keep < after.length &&
        positional.length - w - keep > 1 &&
        fits(positional[positional.length - 1 - keep]!, after[after.length - 1 - keep]!)
      ) {
        keep++;
      }
      const end = positional.length - keep;
      raw[spec.name] = positional.slice(w, end).join(' ');
      w = end;
      const tail = after.slice(after.length - keep);
      for (const t of tail) raw[t.name] = convert(positional[w++]!, t);
      break;
    }
    raw[spec.name] = convert(positional[w++]!, spec);
  }
  return raw;
}

/** Whether a word reads as a value of a non-string option (a number for an integer, yes/no for a boolean). */
function fits(word: string, spec: OptionSpec): boolean {
  return typeof convert(word, spec) !== 'string';
}

function convert(word: string, spec: OptionSpec): unknown {
  if (spec.type === 'integer' && /^[+-]?\d+$/.test(word)) return Number(word);
  if (spec.type === 'boolean') {
    const lower = word.toLowerCase();
    if (['true', 'yes', 'on', '1'].includes(lower)) return true;
    if (['false', 'no', 'off', '0'].includes(lower)) return false;
  }
  return word;
}

function findLastIndex<T>(list: readonly T[], test: (item: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i]!)) return i;
  return -1;
}
