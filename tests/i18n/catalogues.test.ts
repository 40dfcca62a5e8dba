import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogues, messageKeys } from '../../src/i18n/catalogue.js';
import { languages, localeTags, type Language } from '../../src/i18n/languages.js';
import { translator } from '../../src/i18n/translator.js';

/** The placeholder names of an ICU message (arguments, plurals and selects, at any depth), sorted. */
function placeholders(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (elements: ReturnType<IntlMessageFormat['getAst']>) => {
    for (const el of elements) {
      if ('value' in el && el.type >= 1 && el.type <= 6) names.add(String(el.value));
      if ('options' in el) for (const option of Object.values(el.options)) walk(option.value);
      if ('children' in el) walk(el.children);
    }
  };
  walk(new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst());
  return [...names].sort();
}

/** The words of a message, without its placeholders: what a reader sees of the message itself. */
function literalText(message: string, locale: string): string {
  const out: string[] = [];
  const walk = (elements: ReturnType<IntlMessageFormat['getAst']>) => {
    for (const el of elements) {
      if (el.type === 0) out.push(el.value);
      if ('options' in el) for (const option of Object.values(el.options)) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst());
  return out.join(' ');
}

/** Every way one catalogue differs from the English one: missing or extra keys, messages that do not parse, other placeholders. */
function catalogueProblems(reference: Record<string, string>, other: Record<string, string>, language: Language): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(reference)) if (!(key in other)) problems.push(`${language}: missing ${key}`);
  for (const key of Object.keys(other)) if (!(key in reference)) problems.push(`${language}: unknown key ${key}`);
  for (const [key, message] of Object.entries(other)) {
    const english = reference[key];
    if (english === undefined) continue;
    try {
      const mine = placeholders(message, localeTags[language]).join(', ');
      const theirs = placeholders(english, 'en').join(', ');
      if (mine !== theirs) problems.push(`${language}: ${key} has placeholders {${mine}}, English {${theirs}}`);
    } catch (err) {
      problems.push(`${language}: ${key} does not parse: ${(err as Error).message}`);
    }
  }
  return problems;
}

/** Messages that read the same in every language (times, quotes as placeholders only). */
const sameEverywhere = new Set(['time.dual', 'alert.time', 'time.zoned', 'alert.timeZoned']);

describe('message catalogues', () => {
  it('give every language exactly the English keys, each message parsing with the same placeholders', () => {
    const english = catalogues.en;
    for (const language of languages) expect(catalogueProblems(english, catalogues[language], language)).toEqual([]);
  });

  it('find a missing key, an unknown key, a renamed placeholder and a broken message', () => {
    const english = { a: 'Hello {name}', b: '{count, plural, one {# story} other {# stories}}', c: 'Bye' };
    const broken = { a: 'Привет {user}', b: '{count, plural, one {# новость} other {# новостей}', d: 'Лишний' };
    expect(catalogueProblems(english, broken, 'ru')).toEqual([
      'ru: missing c',
      'ru: unknown key d',
      'ru: a has placeholders {user}, English {name}',
      expect.stringMatching(/^ru: b does not parse/),
    ]);
  });

  it('write Russian and Kazakh in Cyrillic, not English left untranslated', () => {
    for (const language of ['ru', 'kk'] as const) {
      const untranslated = messageKeys.filter((key) => {
        const text = literalText(catalogues[language][key], localeTags[language]);
        return !sameEverywhere.has(key) && /[A-Za-z]{3,}/.test(text) && !/[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]/.test(text);
      });
      expect(untranslated, language).toEqual([]);
    }
  });

  it('format plurals by each language rules', () => {
    const stories = (language: Language, count: number) => translator(language).t('count.stories', { count });
    expect([1, 2, 5].map((n) => stories('en', n))).toEqual(['1 story', '2 stories', '5 stories']);
    expect([1, 3, 5, 11, 21, 22].map((n) => stories('ru', n))).toEqual(['1 новость', '3 новости', '5 новостей', '11 новостей', '21 новость', '22 новости']);
    expect([1, 5].map((n) => stories('kk', n))).toEqual(['1 жаңалық', '5 жаңалық']);
  });
});
