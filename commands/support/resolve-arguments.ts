import { TellUserError } from '../../src/errors.js';
import type { CommandServices, TopicEntity } from '../../src/commands/services.js';

/**
 * Finds the entity a user named, in any language and alias. When there is none, throws a TellUserError that
 * offers the closest names: `No actor named "Tokaev". Did you mean: Kassym-Jomart Tokayev?`.
 * `what` is the noun in that sentence (`actor`, `actor or topic`).
 */
export async function requireEntity(services: CommandServices, query: string, what: string): Promise<TopicEntity> {
  const found = await services.entities.find(query);
  if (found.entity) return found.entity;
  throw new TellUserError(notFoundMessage(query, what, found.suggestions));
}

/** `No actor named "X".` plus `Did you mean: A, B?` when there are suggestions. */
export function notFoundMessage(query: string, what: string, suggestions: readonly TopicEntity[]): string {
  const names = suggestions.slice(0, 5).map((s) => s.name);
  const hint = names.length > 0 ? ` Did you mean: ${names.join(', ')}?` : '';
  return `No ${what} named "${query}".${hint}`;
}

/** Display names of entity ids, falling back to the id for one that left the topic pack. */
export async function entityNames(services: CommandServices, ids: readonly string[]): Promise<string[]> {
  return Promise.all(ids.map(async (id) => (await services.entities.get(id))?.name ?? id));
}

/** The chat a channel command applies to; the terminal without a chat is told what to do instead. */
export function requireDestination<D>(destination: D | undefined): D {
  if (destination === undefined) {
    throw new TellUserError('This command applies to a channel. Run it in the channel or chat you want to change.');
  }
  return destination;
}
