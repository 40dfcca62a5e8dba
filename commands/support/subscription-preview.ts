import { keywordsAllow } from '../../src/delivery/core/keywords.js';
import type { ArchiveReader } from '../../src/commands/services.js';
import type { Story } from '../../src/news/types.js';

/** How far back the preview of a subscription looks, in days. */
export const PREVIEW_DAYS = 7;
/** How many stories it shows. */
export const PREVIEW_STORIES = 3;
/** Most archived stories of the period it reads (the newest ones). */
const SCAN_LIMIT = 500;

/**
 * The newest archived stories of the last {@link PREVIEW_DAYS} days that a subscription would have brought:
 * its topics from the archive's index, then its keywords and exclusions as fan-out applies them. Newest first.
 */
export async function wouldHaveBrought(
  archive: ArchiveReader,
  terms: { entities: readonly string[]; keywords: readonly string[]; exclude: readonly string[] },
  now: Date,
): Promise<Story[]> {
  const toMs = now.getTime();
  const fromMs = toMs - PREVIEW_DAYS * 86_400_000;
  const entityIds = terms.entities.length > 0 ? [...terms.entities] : undefined;
  const query = { fromMs, toMs, ...(entityIds ? { entityIds } : {}) };
  const { total } = await archive.listStories({ ...query, limit: 1 });
  if (total === 0) return [];
  const offset = Math.max(0, total - SCAN_LIMIT);
  const { stories } = await archive.listStories({ ...query, offset, limit: SCAN_LIMIT });
  return stories
    .filter((s) => keywordsAllow(`${s.title}\n${s.summary}`, terms.keywords, terms.exclude))
    .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt))
    .slice(0, PREVIEW_STORIES);
}
