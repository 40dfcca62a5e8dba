import type { ErrorCollector } from './validate.js';

/**
 * Discord's locales (https://discord.com/developers/docs/reference#locales): the only keys a `name_localizations`
 * or `description_localizations` map may have. There is no Kazakh locale.
 */
export const DiscordLocales: ReadonlySet<string> = new Set([
  'id', 'da', 'de', 'en-GB', 'en-US', 'es-ES', 'es-419', 'fr', 'hr', 'it', 'lt', 'hu', 'nl', 'no', 'pl', 'pt-BR', 'ro', 'fi',
  'sv-SE', 'vi', 'tr', 'cs', 'el', 'bg', 'ru', 'uk', 'hi', 'th', 'zh-CN', 'ja', 'zh-TW', 'ko',
]);

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;
const len = (s: string) => [...s].length;

/**
 * Checks a command's or an option's `name_localizations` and `description_localizations` as Discord does: null or
 * a map from a Discord locale to a name (the name rules, lower case for chat-input commands) or a description of
 * 1-100 characters.
 */
export function validateLocalizations(raw: { name_localizations?: unknown; description_localizations?: unknown }, errors: ErrorCollector, at: Array<string | number>): void {
  check(raw.name_localizations, 'name_localizations', (value) => typeof value === 'string' && NAME.test(value) && value === value.toLowerCase(), {
    code: 'APPLICATION_COMMAND_INVALID_NAME',
    message: 'Command name is invalid',
  });
  check(raw.description_localizations, 'description_localizations', (value) => typeof value === 'string' && len(value) >= 1 && len(value) <= 100, {
    code: 'BASE_TYPE_BAD_LENGTH',
    message: 'Must be between 1 and 100 in length.',
  });

  function check(map: unknown, field: string, valid: (value: unknown) => boolean, invalid: { code: string; message: string }): void {
    if (map === undefined || map === null) return;
    if (typeof map !== 'object' || Array.isArray(map)) {
      errors.add([...at, field], { code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' });
      return;
    }
    for (const [locale, value] of Object.entries(map)) {
      if (!DiscordLocales.has(locale)) {
        errors.add([...at, field, locale], { code: 'LOCALE_INVALID', message: `Invalid locale: ${locale}. Must be one of the locales Discord supports.` });
      } else if (!valid(value)) {
        errors.add([...at, field, locale], invalid);
      }
    }
  }
}

/** A choice's `name_localizations`: null or Discord locales to names of 1-100 characters (any text, unlike option names). */
export function validateChoiceNames(map: unknown, errors: ErrorCollector, at: Array<string | number>): void {
  if (map === undefined || map === null) return;
  if (typeof map !== 'object' || Array.isArray(map)) {
    errors.add(at, { code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' });
    return;
  }
  for (const [locale, value] of Object.entries(map)) {
    if (!DiscordLocales.has(locale)) errors.add([...at, locale], { code: 'LOCALE_INVALID', message: `Invalid locale: ${locale}. Must be one of the locales Discord supports.` });
    else if (typeof value !== 'string' || len(value) < 1 || len(value) > 100) errors.add([...at, locale], { code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
  }
}
