import { z } from 'zod';
import { splitCommaList } from './text-lists.js';

/** Blank input means "not given", whichever platform sent it. */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** An optional piece of text, trimmed, at most `max` characters. */
export function optionalText(max: number) {
  return z.preprocess(
    blankToUndefined,
    z.string({ error: 'must be text' }).trim().max(max, { error: `must be at most ${max} characters` }).optional(),
  );
}

/** A required piece of text, trimmed, at most `max` characters. */
export function requiredText(max: number) {
  return z.preprocess(
    blankToUndefined,
    z
      .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
      .trim()
      .max(max, { error: `must be at most ${max} characters` }),
  );
}

/** Comma-separated words, e.g. `fuel, gas prices`: at most `maxItems`, each at most 60 characters. */
export function commaList(maxItems = 20) {
  return optionalText(1000)
    .transform((v) => splitCommaList(v))
    .refine((list) => list.length <= maxItems, { error: `at most ${maxItems} words, separated by commas` })
    .refine((list) => list.every((w) => w.length <= 60), { error: 'each word must be at most 60 characters' });
}

/** One of fixed values, case-insensitive, with a default. */
export function choice<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v),
    z.enum(values, { error: `must be one of: ${values.join(', ')}` }).default(fallback as never),
  );
}

/** A whole number from `min` to `max`, with a default. Accepts digits as text (Telegram words). */
export function integerInRange(min: number, max: number, fallback: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.preprocess(
    (v) => (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v) ? Number(v) : blankToUndefined(v)),
    z
      .number({ error: message })
      .int({ error: message })
      .min(min, { error: message })
      .max(max, { error: message })
      .default(fallback),
  );
}
