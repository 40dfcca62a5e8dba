/**
 * Reading the element trees xml2js builds (as rss-parser configures it): every child is an array; an element
 * is a string when it has only text, else an object with `_` (text), `$` (attributes) and child arrays.
 */
export type XmlElement = string | { _?: unknown; $?: Record<string, string>; [child: string]: unknown };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The elements named `name` under `parent` (an empty array when none). */
export function children(parent: unknown, name: string): XmlElement[] {
  if (!isObject(parent)) return [];
  const value = parent[name];
  return Array.isArray(value) ? (value as XmlElement[]) : [];
}

/** The first element named `name` under `parent`. */
export function child(parent: unknown, name: string): XmlElement | undefined {
  return children(parent, name)[0];
}

/** An attribute of an element. */
export function attr(element: unknown, name: string): string | undefined {
  if (!isObject(element) || !isObject(element.$)) return undefined;
  const value = (element.$ as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** All text inside an element, children included (XHTML content, titles with markup). Depth-limited. */
export function textOf(element: unknown, depth = 0): string {
  if (typeof element === 'string') return element;
  if (typeof element === 'number') return String(element);
  if (!isObject(element) || depth > 32) return '';
  let text = typeof element._ === 'string' ? element._ : '';
  for (const [key, value] of Object.entries(element)) {
    if (key === '_' || key === '$' || !Array.isArray(value)) continue;
    for (const item of value) text += textOf(item, depth + 1);
  }
  return text;
}

/** Trimmed text of the first element named `name`, or undefined when absent or blank. */
export function childText(parent: unknown, name: string): string | undefined {
  const text = textOf(child(parent, name)).trim();
  return text === '' ? undefined : text;
}
