import type { ErrorCollector } from './validate.js';
import { validateChoiceNames, validateLocalizations } from './validate-localizations.js';

/**
 * Options of a chat-input command in a bulk overwrite, checked like Discord checks them
 * (https://discord.com/developers/docs/interactions/application-commands#application-command-object):
 * names, descriptions, types, required before optional, choices (at most 25, value of the option's type,
 * never with autocomplete), min/max only where they apply. Subcommands are not modelled.
 */
const OPTION_NAME = /^[-_\p{L}\p{N}]{1,32}$/u;
const STRING = 3;
const INTEGER = 4;
const NUMBER = 10;
const len = (s: string) => [...s].length;

interface OptionLike {
  name?: unknown;
  description?: unknown;
  name_localizations?: unknown;
  description_localizations?: unknown;
  type?: unknown;
  required?: unknown;
  choices?: unknown;
  autocomplete?: unknown;
  min_value?: unknown;
  max_value?: unknown;
  min_length?: unknown;
  max_length?: unknown;
}

export function validateCommandOptions(options: unknown[], errors: ErrorCollector, at: Array<string | number>): void {
  const names = new Set<string>();
  let optionalSeen = false;
  (options as OptionLike[]).forEach((raw, i) => {
    const path = (...p: Array<string | number>) => [...at, 'options', i, ...p];
    const name = typeof raw.name === 'string' ? raw.name : '';
    if (!OPTION_NAME.test(name) || name !== name.toLowerCase()) errors.add(path('name'), { code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
    if (names.has(name)) errors.add(path('name'), { code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', message: 'Option names must be unique' });
    names.add(name);
    const description = typeof raw.description === 'string' ? raw.description : '';
    if (len(description) < 1 || len(description) > 100) errors.add(path('description'), { code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
    validateLocalizations(raw, errors, path());
    const type = typeof raw.type === 'number' ? raw.type : -1;
    if (!Number.isInteger(type) || type < 3 || type > 11) {
      errors.add(path('type'), { code: 'BASE_TYPE_CHOICES', message: 'Value must be one of (3, 4, 5, 6, 7, 8, 9, 10, 11).' });
    }
    if (raw.required === true && optionalSeen) {
      errors.add(path('required'), { code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', message: 'Required options must be placed before non-required options' });
    }
    if (raw.required !== true) optionalSeen = true;
    const numeric = type === INTEGER || type === NUMBER;
    if (raw.autocomplete === true && type !== STRING && !numeric) {
      errors.add(path('autocomplete'), { code: 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_INVALID', message: 'Autocomplete is only allowed on string, integer and number options' });
    }
    if (raw.choices !== undefined) checkChoices(raw, type, errors, path);
    for (const key of ['min_value', 'max_value'] as const) {
      if (raw[key] !== undefined && (!numeric || typeof raw[key] !== 'number')) errors.add(path(key), { code: 'BASE_TYPE_NUMBER', message: `${key} applies to integer and number options only.` });
    }
    for (const key of ['min_length', 'max_length'] as const) {
      const v = raw[key];
      if (v === undefined) continue;
      const ok = type === STRING && typeof v === 'number' && Number.isInteger(v) && v >= (key === 'max_length' ? 1 : 0) && v <= 6000;
      if (!ok) errors.add(path(key), { code: 'NUMBER_TYPE_MAX', message: `${key} applies to string options only, from 0 to 6000.` });
    }
  });
}

function checkChoices(raw: OptionLike, type: number, errors: ErrorCollector, path: (...p: Array<string | number>) => Array<string | number>): void {
  if (!Array.isArray(raw.choices)) {
    errors.add(path('choices'), { code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
    return;
  }
  if (raw.choices.length > 25) errors.add(path('choices'), { code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
  if (raw.autocomplete === true && raw.choices.length > 0) {
    errors.add(path('autocomplete'), { code: 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_WITH_CHOICES', message: 'Autocomplete cannot be enabled on an option with choices' });
  }
  (raw.choices as Array<{ name?: unknown; value?: unknown; name_localizations?: unknown }>).forEach((choice, j) => {
    const name = typeof choice.name === 'string' ? choice.name : '';
    if (len(name) < 1 || len(name) > 100) errors.add(path('choices', j, 'name'), { code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
    validateChoiceNames(choice.name_localizations, errors, path('choices', j, 'name_localizations'));
    const fits = type === STRING ? typeof choice.value === 'string' && len(choice.value) <= 100 : typeof choice.value === 'number' && (type !== INTEGER || Number.isInteger(choice.value));
    if (!fits) errors.add(path('choices', j, 'value'), { code: 'BASE_TYPE_BAD_VALUE', message: "The choice's value does not match the option's type." });
  });
}
