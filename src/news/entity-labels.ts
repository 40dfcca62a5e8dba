import type { TopicEntity, TopicPack } from './topic-pack.js';

/** An entity as readers see it: its name in their language, and its kind (places are shown apart). */
export interface EntityName {
  name: string;
  kind: TopicEntity['kind'];
}

/**
 * Names of a pack's entities by language: the first Russian or Kazakh spelling of the pack for `ru` and `kk`
 * (a Kazakh reader without a Kazakh spelling gets the Russian one, also Cyrillic, before the English), the
 * display name for English and any other language. Undefined for an id the pack does not have.
 */
export function createEntityNames(pack: Pick<TopicPack, 'entities'>): (entityId: string, language: string) => EntityName | undefined {
  const byId = new Map(pack.entities.map((e) => [e.id, e]));
  return (entityId, language) => {
    const entity = byId.get(entityId);
    if (!entity) return undefined;
    const ru = entity.names.ru[0];
    const kk = entity.names.kk[0];
    const name = language === 'kk' ? (kk ?? ru ?? entity.name) : language === 'ru' ? (ru ?? entity.name) : entity.name;
    return { name, kind: entity.kind };
  };
}
