/** Joins quoted words for a sentence: `"fuel"`, `"fuel" or "gas"`, `"a", "b" or "c"`. */
export function quotedList(words: readonly string[], conjunction = 'or'): string {
  return joinList(words.map((w) => `"${w}"`), conjunction);
}

/** Joins phrases for a sentence: `a`, `a and b`, `a, b and c`. */
export function joinList(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** `1 story`, `3 stories`. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
