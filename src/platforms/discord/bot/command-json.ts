import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command } from '../../../commands/command.js';
import type { OptionSpec, UserText } from '../../../commands/options.js';
import { isMessageKey } from '../../../i18n/catalogue.js';
import { defaultLanguage, type Language } from '../../../i18n/languages.js';
import { translator } from '../../../i18n/translator.js';

/** One slash command as sent in a bulk overwrite. */
export type SlashCommandJson = RESTPutAPIApplicationCommandsJSONBody[number];

const optionTypes = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
  attachment: ApplicationCommandOptionType.Attachment,
} as const;

/**
 * Discord's locales for each language Kazwire speaks besides the default (English, the plain `description`).
 * Discord has no Kazakh locale: a Kazakh server chooses its language with /language instead.
 */
export const discordLocales: Readonly<Partial<Record<Language, readonly string[]>>> = { ru: ['ru'] };

/** `{ ru: 'Новости в этот канал…' }`: a description in every Discord locale Kazwire speaks. */
function descriptionLocalizations(key: UserText): Record<string, string> {
  return Object.fromEntries(
    Object.entries(discordLocales).flatMap(([language, locales]) =>
      language === defaultLanguage ? [] : (locales ?? []).map((locale) => [locale, translator(language as Language).t(key)]),
    ),
  );
}

/**
 * The same name in every locale: command and option names are the public interface, typed and documented as they
 * are, so only descriptions are translated. Said explicitly, so a Russian client shows no other name.
 */
function nameLocalizations(name: string): Record<string, string> {
  return Object.fromEntries(Object.values(discordLocales).flatMap((locales) => (locales ?? []).map((locale) => [locale, name])));
}

/**
 * A fixed choice keeps its value (what Telegram users type) as its name, and gains a name in Russian that says what
 * it does, `instant — сразу`, when the catalogues have a `choice.<value>` message.
 */
function choiceLocalizations(value: string): { name_localizations?: Record<string, string> } {
  const key = `choice.${value}`;
  if (!isMessageKey(key)) return {};
  const names = Object.fromEntries(
    Object.entries(discordLocales).flatMap(([language, locales]) =>
      language === defaultLanguage ? [] : (locales ?? []).map((locale) => [locale, translator(language as Language).t(key).slice(0, 100)]),
    ),
  );
  return Object.keys(names).length > 0 ? { name_localizations: names } : {};
}

/**
 * Maps a neutral option to a Discord option: `min`/`max` become min_value/max_value for integers and
 * min_length/max_length for strings; `autocomplete: true` when the option names an autocomplete source; the
 * description in English and, localized, in Russian.
 */
export function optionJson(option: OptionSpec): APIApplicationCommandBasicOption {
  const base = {
    name: option.name,
    name_localizations: nameLocalizations(option.name),
    description: translator(defaultLanguage).t(option.description),
    description_localizations: descriptionLocalizations(option.description),
    required: option.required,
  };
  // Discord refuses an option with both choices and autocomplete; the registry already refuses declaring both.
  const suggests = option.autocomplete !== undefined && !option.choices;
  switch (option.type) {
    case 'boolean':
      return { ...base, type: optionTypes.boolean };
    case 'attachment':
      return { ...base, type: optionTypes.attachment };
    case 'integer': {
      const limits = {
        type: optionTypes.integer,
        ...(option.min !== undefined ? { min_value: option.min } : {}),
        ...(option.max !== undefined ? { max_value: option.max } : {}),
      };
      if (suggests) return { ...base, ...limits, autocomplete: true };
      return { ...base, ...limits, ...(option.choices ? { choices: option.choices.map((c) => ({ name: c, value: Number(c) })) } : {}) };
    }
    case 'string': {
      const limits = {
        type: optionTypes.string,
        ...(option.min !== undefined ? { min_length: option.min } : {}),
        ...(option.max !== undefined ? { max_length: option.max } : {}),
      };
      if (suggests) return { ...base, ...limits, autocomplete: true };
      return { ...base, ...limits, ...(option.choices ? { choices: option.choices.map((c) => ({ name: c, ...choiceLocalizations(c), value: c })) } : {}) };
    }
  }
}

/**
 * The slash command JSON of a neutral command. Commands that manage a channel are shown only to members with
 * Manage Channels (`default_member_permissions`) and not in DMs; server admins may widen that per role, so the
 * adapter checks the member's permissions again when the command runs. Hidden options (the page number that
 * paging buttons fill in) are left out of the menu.
 */
export function slashCommandJson(command: Command): SlashCommandJson {
  const managesChannel = command.permission === 'manage-channel';
  return {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    name_localizations: nameLocalizations(command.name),
    description: translator(defaultLanguage).t(command.description),
    description_localizations: descriptionLocalizations(command.description),
    options: command.options.filter((o) => !o.hidden).map(optionJson),
    ...(managesChannel
      ? { default_member_permissions: PermissionFlagsBits.ManageChannels.toString(), dm_permission: false }
      : {}),
  };
}

/** Every command's JSON, in declaration order (the order Discord shows them in). */
export function slashCommandsJson(commands: readonly Command[]): SlashCommandJson[] {
  return commands.map(slashCommandJson);
}
