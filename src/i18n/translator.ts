import { IntlMessageFormat } from 'intl-messageformat';
import { catalogues, type MessageKey } from './catalogue.js';
import { defaultLanguage, localeTags, type Language } from './languages.js';

/** Values of a message's placeholders: text as it is, numbers for plurals and numbers, dates. */
export type MessageValues = Readonly<Record<string, string | number | Date>>;

/** A message not yet put into words: a key and its values, for code that does not know the reader's language. */
export interface LocalMessage {
  key: MessageKey;
  values?: MessageValues;
}

/** Kazwire's words in one language. */
export interface Translator {
  readonly language: Language;
  /** The BCP 47 tag used for dates, numbers and lists, e.g. `ru-RU`. */
  readonly locale: string;
  /** The message of `key` with its placeholders filled. */
  t(key: MessageKey, values?: MessageValues): string;
  /** A list joined as the language does it: `a, b and c`, `a, b и c`; `or` for a choice. */
  list(items: readonly string[], type?: 'and' | 'or'): string;
  /** A date or time in the language's formats. */
  date(date: Date, options: Intl.DateTimeFormatOptions): string;
}

const translators = new Map<Language, Translator>();

/** The translator of a language (one per language, built once; messages compiled when first used). */
export function translator(language: Language = defaultLanguage): Translator {
  let found = translators.get(language);
  if (!found) {
    found = createTranslator(language);
    translators.set(language, found);
  }
  return found;
}

function createTranslator(language: Language): Translator {
  const locale = localeTags[language];
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  const lists = {
    and: new Intl.ListFormat(locale, { type: 'conjunction' }),
    or: new Intl.ListFormat(locale, { type: 'disjunction' }),
  };
  const dates = new Map<string, Intl.DateTimeFormat>();

  function format(key: MessageKey): IntlMessageFormat {
    let message = compiled.get(key);
    if (!message) {
      // ignoreTag: the bot's words contain `<url>` and `<id>` as placeholders for users, not markup.
      message = new IntlMessageFormat(catalogues[language][key], locale, undefined, { ignoreTag: true });
      compiled.set(key, message);
    }
    return message;
  }

  return {
    language,
    locale,
    t(key, values) {
      const out = format(key).format(values as Record<string, string | number | Date> | undefined);
      return typeof out === 'string' ? out : String(out);
    },
    list(items, type = 'and') {
      return lists[type].format(items);
    },
    date(date, options) {
      const id = JSON.stringify(options);
      let f = dates.get(id);
      if (!f) {
        f = new Intl.DateTimeFormat(locale, options);
        dates.set(id, f);
      }
      return f.format(date);
    },
  };
}

/** A LocalMessage in the reader's words. */
export function say(t: Translator, message: LocalMessage): string {
  return t.t(message.key, message.values);
}
