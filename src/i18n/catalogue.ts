import en from '../../locales/en.json' with { type: 'json' };
import kk from '../../locales/kk.json' with { type: 'json' };
import ru from '../../locales/ru.json' with { type: 'json' };
import type { Language } from './languages.js';

/**
 * Every message key, from the English catalogue. A key used in code that English lacks does not compile, and a
 * catalogue below that lacks a key English has does not compile either (the assignments to `Catalogue`).
 */
export type MessageKey = keyof typeof en;

/** One language's messages: ICU MessageFormat strings (plurals, selects, `{placeholders}`) by key. */
export type Catalogue = Readonly<Record<MessageKey, string>>;

const english: Catalogue = en;
const russian: Catalogue = ru;
const kazakh: Catalogue = kk;

/** The catalogues as loaded from locales/<language>.json. */
export const catalogues: Readonly<Record<Language, Catalogue>> = { en: english, ru: russian, kk: kazakh };

/** Every key, in the English catalogue's order. */
export const messageKeys = Object.keys(en) as MessageKey[];

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}
