import { attr, childText, textOf, type XmlElement } from './xml-nodes.js';
import { normalizeDate } from './dates.js';

/** What the mappings share: the raw document's bases, the fallback field readers, and output tidying. */

/** A string field of rss-parser's item, undefined when absent or blank. */
export function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The trimmed text of the first of `names` that `element` has, not blank. */
export function firstText(element: unknown, names: readonly string[]): string | undefined {
  for (const name of names) {
    const text = childText(element, name);
    if (text) return text;
  }
  return undefined;
}

/** Deletes the keys whose value is undefined, so results compare and serialise cleanly. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}

/** Category names (Atom `term`/`label` or text), de-duplicated, in document order. */
export function categoriesOf(elements: XmlElement[]): string[] | undefined {
  const names = elements.map((c) => (attr(c, 'term') ?? attr(c, 'label') ?? textOf(c)).trim()).filter(Boolean);
  return names.length ? [...new Set(names)] : undefined;
}

/** The first of `names` whose text is a readable date, as ISO 8601 (an unreadable one does not hide the next). */
export function firstDate(element: unknown, names: readonly string[]): string | undefined {
  for (const name of names) {
    const date = normalizeDate(childText(element, name));
    if (date) return date;
  }
  return undefined;
}
