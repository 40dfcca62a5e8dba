import type { Story } from './types.js';

/** Parses a JSON field written by the archive; Lua's cjson writes an empty array as `{}`, read here as []. */
function jsonArray<T>(raw: string | undefined): T[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

/** A story from its Redis HASH and its item ids; undefined for a missing (empty) hash. */
export function storyFromHash(hash: Record<string, string>, itemIds: string[]): Story | undefined {
  if (!hash.id) return undefined;
  const story: Story = {
    id: hash.id,
    title: hash.title ?? '',
    source: hash.source ?? '',
    summary: hash.summary ?? '',
    publishedAt: hash.publishedAt ?? new Date(Number(hash.publishedAtMs ?? 0)).toISOString(),
    entities: jsonArray<string>(hash.entities),
    score: Number(hash.score ?? 0),
    alsoReportedBy: jsonArray<{ source: string; link?: string; title: string }>(hash.alsoReportedBy),
    itemIds,
  };
  if (hash.link) story.link = hash.link;
  // Stories archived before pictures were kept have no `image` field: they read as stories without one.
  if (hash.image) story.image = hash.image;
  return story;
}

function fold(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/ё/g, 'е');
}

/** Case-insensitive plain-text containment (`ё` read as `е`). */
export function matchesKeyword(haystack: string, keyword: string): boolean {
  return fold(haystack).includes(fold(keyword));
}
