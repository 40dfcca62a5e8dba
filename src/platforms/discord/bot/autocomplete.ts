import type { EntityDirectory, TopicEntity } from '../../../commands/services.js';
import type { AutocompleteSource } from '../../../commands/options.js';
import type { Language } from '../../../i18n/languages.js';
import { localName } from '../../../i18n/names.js';
import { truncate } from '../text.js';

/** Discord's limits on autocomplete answers: 25 choices, names and string values of 1-100 characters. */
export const AutocompleteLimits = { choices: 25, name: 100, value: 100 } as const;

export interface AutocompleteChoice {
  name: string;
  value: string;
}

const actorKinds: ReadonlySet<string> = new Set(['person', 'organisation']);

function fits(source: AutocompleteSource, entity: TopicEntity): boolean {
  if (source === 'actor-or-topic') return true;
  return source === 'actor' ? actorKinds.has(entity.kind) : !actorKinds.has(entity.kind);
}

const norm = (s: string) => s.toLocaleLowerCase().replace(/ё/g, 'е').trim();

/** 0 for a name starting with the text, 1 for an alias starting with it, 2 for a name or alias containing it. */
function rank(entity: TopicEntity, typed: string): number | undefined {
  if (typed === '') return 0;
  if (norm(entity.name).startsWith(typed) || [entity.display?.ru, entity.display?.kk].some((n) => n && norm(n).startsWith(typed))) return 0;
  const aliases = [...entity.names.en, ...entity.names.ru, ...entity.names.kk].map(norm);
  if (aliases.some((a) => a.startsWith(typed) || a.split(/[\s-]+/).some((w) => w.startsWith(typed)))) return 1;
  if (norm(entity.name).includes(typed) || aliases.some((a) => a.includes(typed))) return 2;
  return undefined;
}

/**
 * Suggestions while a user types an actor or topic: names and aliases in any language that start with or contain
 * the text, best first, then the directory's forgiving matches (typos). Each is shown by its name in the reader's
 * `language`; the value sent back is the English name, which the lookup resolves like any alias, or the id when
 * the name is too long for Discord.
 */
export async function entityChoices(directory: EntityDirectory, source: AutocompleteSource, typed: string, language: Language = 'en'): Promise<AutocompleteChoice[]> {
  const text = norm(typed).slice(0, 100);
  const all = (await directory.all()).filter((e) => fits(source, e));
  const ranked = all
    .map((entity, index) => ({ entity, index, rank: rank(entity, text) }))
    .filter((r): r is { entity: TopicEntity; index: number; rank: number } => r.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((r) => r.entity);
  if (text !== '' && ranked.length < AutocompleteLimits.choices) {
    const found = await directory.find(typed);
    for (const e of [found.entity, ...found.suggestions]) if (e && fits(source, e) && !ranked.some((r) => r.id === e.id)) ranked.push(e);
  }
  return ranked.slice(0, AutocompleteLimits.choices).map((e) => ({
    name: truncate(localName(e, language), AutocompleteLimits.name),
    value: e.name.length <= AutocompleteLimits.value ? e.name : e.id.slice(0, AutocompleteLimits.value),
  }));
}
