import { z } from 'zod';
import { canonicalTimeZone, isTimeZone, parseQuietHours, type QuietHours } from '../delivery/core/schedule.js';
import { TellUserError, errorMessage } from '../errors.js';
import type { MessageKey } from '../i18n/catalogue.js';
import { problem } from './problems.js';

/**
 * Words a command shows to users (its description and its options'): a key of the message catalogues
 * (locales/<language>.json), so every platform can show them in each reader's language.
 */
export type UserText = MessageKey;

/** `attachment`: a file sent with the command (a Discord attachment option, a Telegram document's caption). */
export type OptionType = 'string' | 'integer' | 'boolean' | 'attachment';

/**
 * A file attached to a command, as the adapter hands it over: nothing is downloaded until the command reads it
 * (after the permission check). `read` throws TellUserError when the file is too large or cannot be fetched.
 */
export interface AttachedFile {
  /** The file name the user gave it. */
  name: string;
  /** Size in bytes, as the platform announced it. */
  size?: number;
  /** Downloads the file (bounded in size) and decodes it as UTF-8 text. */
  read(): Promise<string>;
}

function isAttachedFile(value: unknown): value is AttachedFile {
  return typeof value === 'object' && value !== null && typeof (value as AttachedFile).read === 'function' && typeof (value as AttachedFile).name === 'string';
}

/** What an adapter should suggest while the user types (Discord autocomplete; Telegram ignores it). */
export type AutocompleteSource = 'actor' | 'topic' | 'actor-or-topic';

/**
 * One option of a command, in the order users type them. It maps one-to-one onto a Discord application
 * command option (`min`/`max` become min_value/max_value for integers, min_length/max_length for strings)
 * and onto a positional word of a Telegram text command; an `attachment` is never typed: it is the file sent
 * with the command (Discord attachment option, Telegram document with the command as caption).
 */
export interface OptionSpec {
  /** Lower-case, `[a-z0-9_]`, at most 32 characters; the key of the raw option map. */
  name: string;
  /** At most 100 characters. */
  description: UserText;
  type: OptionType;
  required: boolean;
  /** The only accepted values, when the option is a fixed choice. */
  choices?: readonly string[];
  autocomplete?: AutocompleteSource;
  /** Integer: smallest value. String: shortest length. */
  min?: number;
  /** Integer: largest value. String: longest length. */
  max?: number;
  /** Shown in usage and help, e.g. `7` for days; the option's parser reads a missing value as this. */
  default?: string | number | boolean;
  /**
   * Not offered in command menus and never filled by position, only by name (`page=2`) or by a paging
   * token. Default false.
   */
  hidden?: boolean;
}

/**
 * One command option, declared once: what the platforms show (`spec`: type, limits, default, choices,
 * autocomplete, hidden) and how its raw value is read (`schema`, with messages meant for users). Both come from
 * the same numbers, so a platform can never offer what the parser refuses. The option's name is its key in the
 * command's `options`.
 */
export interface OptionDeclaration<T> {
  readonly spec: Omit<OptionSpec, 'name'>;
  readonly schema: z.ZodType<T>;
}

/** Blank input means "not given", whichever platform sent it. */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const atMost = (max: number) => ({ error: problem('arg.tooLong', { max }) });

function optionalTextSchema(max: number) {
  return z.preprocess(blankToUndefined, z.string({ error: problem('arg.notText') }).trim().max(max, atMost(max)).optional());
}

const OPENING_QUOTES: Record<string, string> = { '"': '"', '“': '”', '«': '»', '„': '“' };

/**
 * Splits a keyword list into trimmed, distinct (case-insensitive), non-empty words and phrases. Commas (or
 * semicolons) separate them; a quoted phrase (`"fuel prices"`, `“…”`, `«…»`) is one, commas and all, and
 * ends where its quote closes: `"fuel prices" gas, oil` is `fuel prices`, `gas`, `oil`.
 */
export function splitCommaList(value: string | undefined): string[] {
  if (!value) return [];
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    parts.push(current);
    current = '';
  };
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const closing = OPENING_QUOTES[ch];
    const end = closing === undefined ? -1 : value.indexOf(closing, i + 1);
    if (closing !== undefined && end > i) {
      flush();
      current = value.slice(i + 1, end);
      flush();
      i = end;
    } else if (ch === ',' || ch === ';') {
      flush();
    } else {
      current += ch;
    }
  }
  flush();
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of parts) {
    const word = part.trim().replace(/\s+/g, ' ');
    if (word && !seen.has(word.toLowerCase())) {
      seen.add(word.toLowerCase());
      out.push(word);
    }
  }
  return out;
}

interface TextOptions {
  /** Longest value, in characters. */
  max: number;
  /** What to suggest while the user types (Discord autocomplete). */
  autocomplete?: AutocompleteSource;
}

function text(description: UserText, options: TextOptions & { default: string }): OptionDeclaration<string>;
function text(description: UserText, options: TextOptions): OptionDeclaration<string | undefined>;
/** Optional free text, trimmed; blank is "not given", which reads as `default` when there is one. */
function text(description: UserText, options: TextOptions & { default?: string }): OptionDeclaration<string | undefined> {
  const { max, autocomplete, default: fallback } = options;
  const base = optionalTextSchema(max);
  return {
    spec: {
      description,
      type: 'string',
      required: false,
      ...(autocomplete ? { autocomplete } : {}),
      max,
      ...(fallback !== undefined ? { default: fallback } : {}),
    },
    schema: fallback === undefined ? base : base.transform((v) => v ?? fallback),
  };
}

export const option = {
  text,

  /** An optional file sent with the command; read only when the command asks (see AttachedFile). */
  file(description: UserText): OptionDeclaration<AttachedFile | undefined> {
    return {
      spec: { description, type: 'attachment', required: false },
      schema: z.custom<AttachedFile>(isAttachedFile, { error: problem('arg.notFile') }).optional(),
    };
  },

  /** Required free text, trimmed, 1 to `max` characters. */
  requiredText(description: UserText, options: TextOptions): OptionDeclaration<string> {
    const { max, autocomplete } = options;
    return {
      spec: { description, type: 'string', required: true, ...(autocomplete ? { autocomplete } : {}), min: 1, max },
      schema: z.preprocess(
        blankToUndefined,
        z.string({ error: (issue) => problem(issue.input === undefined ? 'arg.required' : 'arg.notText') }).trim().max(max, atMost(max)),
      ),
    };
  },

  /**
   * Comma-separated words, e.g. `fuel, gas prices`: at most `maxItems` (default 20), each at most 60 characters,
   * the whole value at most `max` characters (default 1000).
   */
  words(description: UserText, options: { maxItems?: number; max?: number } = {}): OptionDeclaration<string[]> {
    const maxItems = options.maxItems ?? 20;
    const max = options.max ?? 1000;
    return {
      spec: { description, type: 'string', required: false, max },
      schema: optionalTextSchema(max)
        .transform((v) => splitCommaList(v))
        .refine((list) => list.length <= maxItems, { error: problem('arg.tooManyWords', { max: maxItems }) })
        .refine((list) => list.every((w) => w.length <= 60), { error: problem('arg.wordTooLong', { max: 60 }) }),
    };
  },

  /**
   * Like {@link option.words}, for a command that keeps what was set before: undefined when not given, and `-`
   * alone is an empty list (clear them).
   */
  editableWords(description: UserText, options: { maxItems?: number; max?: number } = {}): OptionDeclaration<string[] | undefined> {
    const maxItems = options.maxItems ?? 20;
    const max = options.max ?? 1000;
    return {
      spec: { description, type: 'string', required: false, max },
      schema: optionalTextSchema(max).transform((v, ctx) => {
        if (v === undefined) return undefined;
        if (v === '-') return [];
        const list = splitCommaList(v);
        if (list.length > maxItems) ctx.addIssue({ code: 'custom', message: problem('arg.tooManyWords', { max: maxItems }) });
        if (list.some((w) => w.length > 60)) ctx.addIssue({ code: 'custom', message: problem('arg.wordTooLong', { max: 60 }) });
        return list;
      }),
    };
  },

  /** A whole number from `min` to `max`, undefined when not given. Digits typed as text count. */
  optionalInteger(description: UserText, options: { min: number; max: number }): OptionDeclaration<number | undefined> {
    const { min, max } = options;
    const message = problem('arg.wholeNumber', { min, max });
    return {
      spec: { description, type: 'integer', required: false, min, max },
      schema: z.preprocess(
        (v) => (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v) ? Number(v) : blankToUndefined(v)),
        z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message }).optional(),
      ),
    };
  },

  /** Yes or no (`on`/`off`, `true`/`false`, `yes`/`no` when typed), undefined when not given. */
  flag(description: UserText): OptionDeclaration<boolean | undefined> {
    const words: Record<string, boolean> = { true: true, yes: true, on: true, '1': true, false: false, no: false, off: false, '0': false };
    return {
      spec: { description, type: 'boolean', required: false },
      schema: z.preprocess(
        (v) => (typeof v === 'string' ? (words[v.trim().toLowerCase()] ?? blankToUndefined(v)) : v),
        z.boolean({ error: problem('arg.onOff') }).optional(),
      ),
    };
  },

  /** An IANA time zone (`Asia/Almaty`), checked with Intl and spelt as Intl spells it; undefined when not given. */
  timeZone(description: UserText): OptionDeclaration<string | undefined> {
    return {
      spec: { description, type: 'string', required: false, max: 64 },
      schema: optionalTextSchema(64)
        .refine((v) => v === undefined || isTimeZone(v), { error: problem('arg.timeZone') })
        .transform((v) => (v === undefined ? undefined : canonicalTimeZone(v))),
    };
  },

  /** Hours like `23-07` or `22:30-06:00`; `off` is null (none any more); undefined when not given. */
  hours(description: UserText): OptionDeclaration<QuietHours | null | undefined> {
    const message = problem('arg.hours');
    return {
      spec: { description, type: 'string', required: false, max: 20 },
      schema: optionalTextSchema(20).transform((v, ctx) => {
        if (v === undefined) return undefined;
        if (/^(?:off|none|no)$/i.test(v)) return null;
        const hours = parseQuietHours(v);
        if (!hours) ctx.addIssue({ code: 'custom', message });
        return hours ?? null;
      }),
    };
  },

  /** One of fixed values, case-insensitive, `fallback` when not given. */
  choice<const T extends readonly [string, ...string[]]>(description: UserText, values: T, fallback: T[number]): OptionDeclaration<T[number]> {
    return {
      spec: { description, type: 'string', required: false, choices: values, default: fallback },
      schema: z.preprocess(
        (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v),
        z.enum(values, { error: problem('arg.oneOf', { values: values.join(', ') }) }).default(fallback as never),
      ) as z.ZodType<T[number]>,
    };
  },

  /** One of fixed values, case-insensitive; `undefined` when not given (the command then says what is set now). */
  optionalChoice<const T extends readonly [string, ...string[]]>(description: UserText, values: T): OptionDeclaration<T[number] | undefined> {
    return {
      spec: { description, type: 'string', required: false, choices: values },
      schema: z.preprocess(
        (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v),
        z.enum(values, { error: problem('arg.oneOf', { values: values.join(', ') }) }).optional(),
      ) as z.ZodType<T[number] | undefined>,
    };
  },

  /**
   * A whole number from `min` to `max`, `default` when not given. Digits typed as text (Telegram words) count.
   * `hidden`: never offered in menus nor filled by position, only by name or a paging token.
   */
  integer(description: UserText, options: { min: number; max: number; default: number; hidden?: boolean }): OptionDeclaration<number> {
    const { min, max, default: fallback } = options;
    const message = problem('arg.wholeNumber', { min, max });
    return {
      spec: { description, type: 'integer', required: false, min, max, default: fallback, ...(options.hidden ? { hidden: true } : {}) },
      schema: z.preprocess(
        (v) => (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v) ? Number(v) : blankToUndefined(v)),
        z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message }).default(fallback),
      ),
    };
  },
};

/** What an adapter knows of a file sent with a command, and how to download it. */
export interface FileSource {
  name: string;
  /** Size announced by the platform, in bytes. */
  size?: number;
  /** Largest file read, in bytes; a larger announced size is refused before anything is downloaded. */
  maxBytes: number;
  /** Fetches the bytes (bounded by the same cap); throws when it cannot. */
  download(): Promise<Buffer>;
}

/** An AttachedFile over a platform's download, with the refusals said in the user's words. */
export function attachedFile(source: FileSource): AttachedFile {
  const { name, size, maxBytes } = source;
  const kib = (n: number) => `${Math.ceil(n / 1024).toLocaleString('en-US')} KiB`;
  return {
    name,
    ...(size !== undefined ? { size } : {}),
    async read() {
      if (size !== undefined && size > maxBytes) {
        const values = { name, size: kib(size), max: kib(maxBytes) };
        throw new TellUserError(`${name} is ${values.size}; I read files of at most ${values.max}.`, { key: 'file.tooLarge' satisfies MessageKey, values });
      }
      try {
        return (await source.download()).toString('utf8');
      } catch (err) {
        const values = { name, error: errorMessage(err) };
        throw new TellUserError(`I could not download ${name} (${values.error}). Please send it again.`, { key: 'file.unreadable' satisfies MessageKey, values });
      }
    },
  };
}
