import type { Language } from '../i18n/languages.js';
import { localName } from '../i18n/names.js';
import type { TopicEntity, TopicPack } from '../news/topic-pack.js';

/** An entity as readers see it: its name in their language, and its kind (places are shown apart). */
export interface EntityName {
  name: string;
  kind: TopicEntity['kind'];
}

/**
 * Names of a pack's entities by language: the pack's Russian or Kazakh display name, the English one where the
 * pack has none (as /who and /timeline show them). Undefined for an id the pack does not have.
 */
export function createEntityNames(pack: Pick<TopicPack, 'entities'>): (entityId: string, language: Language) => EntityName | undefined {
  const byId = new Map(pack.entities.map((e) => [e.id, e]));
  return (entityId, language) => {
    const entity = byId.get(entityId);
    return entity ? { name: localName(entity, language), kind: entity.kind } : undefined;
  };
}
