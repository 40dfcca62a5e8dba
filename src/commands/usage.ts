import type { z } from 'zod';
import type { Command } from './command.js';
import type { OptionSpec } from './options.js';

/**
 * One line showing how to call a command: `/timeline [query] [days=7]`; required options in angle brackets,
 * fixed choices as `[mode=instant|digest]` with the default first.
 */
export function usageLine(command: Command): string {
  const parts = command.options.filter((o) => !o.hidden).map(optionUsage);
  return ['/' + command.name, ...parts].join(' ');
}

function optionUsage(o: OptionSpec): string {
  if (o.type === 'attachment') return `[attached ${o.name}]`;
  // Choices read as `mode=instant|digest`, the first being the default; other options show their default.
  const label = o.choices?.length
    ? `${o.name}=${o.choices.join('|')}`
    : o.default === undefined || o.required
      ? o.name
      : `${o.name}=${String(o.default)}`;
  return o.required ? `<${label}>` : `[${label}]`;
}

/**
 * Plain sentences for a failed argument parse, one per problem, each naming the option:
 * `days: must be a whole number from 1 to 90`.
 */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const name = issue.path.map(String).join('.');
    return name ? `${name}: ${issue.message}` : issue.message;
  });
}
