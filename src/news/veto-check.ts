/**
 * Checks of an entity's `vetoes` that a schema cannot state: a veto names only the entity's own names in
 * `forms`, its `partOf` names contain one of them, and no `near` word is one of them (it would veto every
 * mention). Pure; used by the topic pack schema.
 */
import type { TopicEntity } from './topic-pack.js';
import { compileName, isAcronym, matchNameAt, type CompiledName } from './name-pattern.js';
import { normalizeText } from './text.js';

export interface VetoProblem {
  /** Index of the veto in the entity's `vetoes`. */
  veto: number;
  message: string;
}

type EntityNames = Pick<TopicEntity, 'id' | 'kind' | 'names' | 'aliases' | 'caseSensitive' | 'vetoes'>;

const key = (s: string) => normalizeText(s).toLowerCase();

function compiled(name: string, caseSensitive: boolean, person: boolean): CompiledName {
  const written = normalizeText(name);
  const exact = caseSensitive || isAcronym(name);
  return compileName(exact ? written : written.toLowerCase(), { inflect: !isAcronym(name), person, caseSensitive: exact });
}

/** Whether one of the names is written somewhere in `text` as a whole word, as the matcher reads it. */
function containsName(text: string, names: CompiledName[]): boolean {
  const units = Uint16Array.from(text, (ch) => ch.charCodeAt(0));
  const starts = [...text.matchAll(/(?<![\p{L}\p{N}])[\p{L}\p{N}]/gu)].map((m) => m.index);
  return starts.some((at) => names.some((n) => matchNameAt(n, units, units.length, at) >= 0));
}

/** Every problem of the entity's vetoes, in order; empty when they are sound. */
export function vetoProblems(entity: EntityNames): VetoProblem[] {
  const vetoes = entity.vetoes ?? [];
  if (vetoes.length === 0) return [];
  const plain = [...entity.names.en, ...entity.names.ru, ...entity.names.kk, ...(entity.aliases ?? [])];
  const sensitive = entity.caseSensitive ?? [];
  const keys = new Set([...plain, ...sensitive].map(key));
  const person = entity.kind === 'person';
  const partOfs = vetoes.flatMap((v) => v.partOf ?? []);
  const names = partOfs.length === 0 ? [] : [...plain.map((n) => compiled(n, false, person)), ...sensitive.map((n) => compiled(n, true, person))];
  const problems: VetoProblem[] = [];
  vetoes.forEach((veto, i) => {
    const add = (message: string) => problems.push({ veto: i, message });
    const near = veto.near ?? [];
    const partOf = veto.partOf ?? [];
    if (near.length === 0 && partOf.length === 0) add(`veto "${veto.reason}" of ${entity.id} lists neither near words nor partOf names`);
    if (veto.within !== undefined && near.length === 0) add(`veto "${veto.reason}" of ${entity.id} sets within but has no near words`);
    for (const form of veto.forms ?? []) if (!keys.has(key(form))) add(`veto form "${form}" is not a name of ${entity.id}`);
    for (const word of near) if (keys.has(key(word))) add(`near word "${word}" is a name of ${entity.id} itself and would veto every mention`);
    for (const phrase of partOf) {
      if (!containsName(normalizeText(phrase), names)) add(`partOf "${phrase}" contains no name of ${entity.id}, so it vetoes nothing`);
    }
  });
  return problems;
}
