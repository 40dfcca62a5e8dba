import { languages } from '../i18n/languages.js';
import { translator } from '../i18n/translator.js';
import type { Command } from './command.js';
import type { UserText } from './options.js';

const NAME = /^[a-z0-9_]{1,32}$/;

export interface CommandRegistry {
  /** The command of that name (case-insensitive), or undefined. */
  get(name: string): Command | undefined;
  /** Every command, in declaration order. */
  list(): readonly Command[];
}

/**
 * Checks the declarations once at start-up (names, lengths, option order and choices, no duplicates) so
 * that a platform never rejects a command set at registration time. Throws with every problem listed.
 */
export function createCommandRegistry(commands: readonly Command[]): CommandRegistry {
  const problems = commands.flatMap(validateCommand);
  const seen = new Set<string>();
  for (const c of commands) {
    if (seen.has(c.name)) problems.push(`/${c.name}: declared twice`);
    seen.add(c.name);
  }
  if (problems.length > 0) throw new Error(`invalid command declarations:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const byName = new Map(commands.map((c) => [c.name, c]));
  return {
    get: (name) => byName.get(name.toLowerCase()),
    list: () => commands,
  };
}

/** Problems with one declaration, as sentences; empty when it is fine. */
export function validateCommand(c: Command): string[] {
  const problems: string[] = [];
  const where = `/${c.name}`;
  if (!NAME.test(c.name)) problems.push(`${where}: name must be 1-32 characters of a-z, 0-9, _`);
  problems.push(...descriptionProblems(c.description, where));
  const optionNames = c.options.map((o) => o.name);
  let requiredSeen = true;
  for (const o of c.options) {
    if (!NAME.test(o.name)) problems.push(`${where} ${o.name}: option name must be 1-32 characters of a-z, 0-9, _`);
    problems.push(...descriptionProblems(o.description, `${where} ${o.name}`));
    // Discord requires required options before optional ones.
    if (o.required && !requiredSeen) problems.push(`${where} ${o.name}: required options must come first`);
    if (!o.required) requiredSeen = false;
    if (o.choices && o.autocomplete) problems.push(`${where} ${o.name}: an option has choices or autocomplete, not both`);
    if (o.choices && (o.choices.length < 1 || o.choices.length > 25)) problems.push(`${where} ${o.name}: 1-25 choices`);
  }
  if (c.options.length > 25) problems.push(`${where}: at most 25 options`);
  if (new Set(optionNames).size !== optionNames.length) problems.push(`${where}: duplicate option names`);
  return problems;
}

/** A description must read 1-100 characters in every language (Discord's limit, the tightest). */
function descriptionProblems(key: UserText, where: string): string[] {
  return languages.flatMap((language) => {
    const length = [...translator(language).t(key)].length;
    return length < 1 || length > 100 ? [`${where}: description must be 1-100 characters in ${language} (${key} has ${length})`] : [];
  });
}
