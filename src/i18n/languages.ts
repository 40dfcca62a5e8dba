/** The languages Kazwire speaks. English is the default: every catalogue key is first written in English. */
export const languages = ['en', 'ru', 'kk'] as const;

export type Language = (typeof languages)[number];

export const defaultLanguage: Language = 'en';

/** The BCP 47 tag each language is formatted with (dates, numbers, lists, plural rules). */
export const localeTags: Record<Language, string> = { en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ' };

/** Each language's own name, as shown by /language. */
export const languageNames: Record<Language, string> = { en: 'English', ru: 'Русский', kk: 'Қазақша' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/**
 * The language of a locale code as platforms send it (`ru`, `en-US`, `kk`, `ru_RU`), or undefined when Kazwire
 * does not speak it. Only the primary subtag counts.
 */
export function matchLanguage(code: string | undefined | null): Language | undefined {
  if (!code) return undefined;
  const primary = code.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : undefined;
}

/**
 * The language to answer in: the chat's chosen language (set with /language) when there is one, otherwise the
 * first hint Kazwire speaks (the platform's user locale, then the server's), otherwise English.
 */
export function pickLanguage(chosen: Language | undefined, hints: readonly (string | undefined)[] = []): Language {
  if (chosen) return chosen;
  for (const hint of hints) {
    const language = matchLanguage(hint);
    if (language) return language;
  }
  return defaultLanguage;
}
