import { TellUserError } from '../../src/errors.js';
import { localName } from '../../src/i18n/names.js';
import type { Translator } from '../../src/i18n/translator.js';
import type { CommandServices, TopicEntity } from '../../src/commands/services.js';

/** What a lookup was for, which names the refusal: an actor, or an actor or a topic. */
export type LookupKind = 'actor' | 'actor-or-topic';

/**
 * Finds the entity a user named, in any language and alias. When there is none, throws a TellUserError that
 * offers the closest names in the reader's language: `No actor named "Tokaev". Did you mean: Kassym-Jomart Tokayev?`.
 */
export async function requireEntity(services: CommandServices, query: string, what: LookupKind, t: Translator): Promise<TopicEntity> {
  const found = await services.entities.find(query);
  if (found.entity) return found.entity;
  throw new TellUserError(notFoundMessage(query, what, found.suggestions, t));
}

/** `No actor named "X".` plus `Did you mean: A, B?` when there are suggestions. */
export function notFoundMessage(query: string, what: LookupKind, suggestions: readonly TopicEntity[], t: Translator): string {
  const names = suggestions.slice(0, 5).map((s) => localName(s, t.language));
  const none = t.t(what === 'actor' ? 'lookup.noActor' : 'lookup.noActorOrTopic', { query });
  return names.length > 0 ? `${none} ${t.t('lookup.didYouMean', { names: names.join(', ') })}` : none;
}

/** Display names of entity ids in the reader's language, falling back to the id for one that left the topic pack. */
export async function entityNames(services: CommandServices, ids: readonly string[], t: Translator): Promise<string[]> {
  return Promise.all(
    ids.map(async (id) => {
      const entity = await services.entities.get(id);
      return entity ? localName(entity, t.language) : id;
    }),
  );
}

/** The topic pack's name in the reader's language: `Kazakhstan`, `Казахстан`. */
export function topicName(services: CommandServices, t: Translator): string {
  return localName({ name: services.topicName, ...(services.topicDisplay ? { display: services.topicDisplay } : {}) }, t.language);
}

/** The chat a channel command applies to; the terminal without a chat is told what to do instead. */
export function requireDestination<D>(destination: D | undefined, t: Translator): D {
  if (destination === undefined) throw new TellUserError(t.t('dispatch.noChannel'));
  return destination;
}
