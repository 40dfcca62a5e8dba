import type { Translator } from '../../src/i18n/translator.js';

/** Joins quoted words for a sentence in the reader's language: `"fuel"`, `"fuel" or "gas"`, `«нефть» или «газ»`. */
export function quotedList(words: readonly string[], t: Translator, type: 'and' | 'or' = 'or'): string {
  return t.list(words.map((w) => t.t('text.quoted', { text: w })), type);
}

/** `Kassym-Jomart Tokayev` -> `Kassym-Jomart Tokayev`; `ішінде …` -> `Ішінде …`: the first letter upper-cased, in the reader's language. */
export function capitalise(text: string, t: Translator): string {
  return text.charAt(0).toLocaleUpperCase(t.locale) + text.slice(1);
}
