import type { Language } from './languages.js';

/** Something with an English display name and, maybe, Russian and Kazakh ones (a topic-pack entity, the pack). */
export interface Named {
  name: string;
  display?: { ru?: string; kk?: string };
}

/** The name a reader of `language` is shown: the Russian or Kazakh display name where there is one, else English. */
export function localName(named: Named, language: Language): string {
  return language === 'en' ? named.name : (named.display?.[language] ?? named.name);
}
