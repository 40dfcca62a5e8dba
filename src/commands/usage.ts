import type { z } from 'zod';
import { translator, type Translator } from '../i18n/translator.js';
import { describeProblem } from './problems.js';
import type { Command } from './command.js';
import type { OptionSpec } from './options.js';

/**
 * One line showing how to call a command: `/timeline [query] [days=7]`; required options in angle brackets,
 * fixed choices as `[mode=instant|digest]` with the default first; a file as `[attached file]` in the reader's words.
 */
export function usageLine(command: Command, t: Translator = translator()): string {
  const parts = command.options.filter((o) => !o.hidden).map((o) => optionUsage(o, t));
  return ['/' + command.name, ...parts].join(' ');
}

function optionUsage(o: OptionSpec, t: Translator): string {
  if (o.type === 'attachment') return `[${t.t('usage.attached', { name: o.name })}]`;
  // Choices read as `mode=instant|digest`, the first being the default; other options show their default.
  const label = o.choices?.length
    ? `${o.name}=${o.choices.join('|')}`
    : o.default === undefined || o.required
      ? o.name
      : `${o.name}=${String(o.default)}`;
  return o.required ? `<${label}>` : `[${label}]`;
}

/**
 * Plain sentences for a failed argument parse, in the reader's language, one per problem, each naming the option:
 * `days: must be a whole number from 1 to 90`.
 */
export function describeIssues(error: z.ZodError, t: Translator): string[] {
  return error.issues.map((issue) => {
    const name = issue.path.map(String).join('.');
    const message = describeProblem(issue.message, t);
    return name ? `${name}: ${message}` : message;
  });
}
