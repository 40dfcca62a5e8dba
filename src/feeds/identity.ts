import { createHash } from 'node:crypto';
import type { FeedEntry } from './types.js';

/** Query parameters that only track the click, never change the page. Matched case-insensitively. */
const TRACKING_PARAMS = new Set(['fbclid', 'gclid', 'yclid', 'mc_cid', 'mc_eid']);

function isTracking(rawKey: string): boolean {
  let key = rawKey;
  try {
    key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
  } catch {
    // Keep the raw key: a bad escape is not a tracking parameter.
  }
  key = key.toLowerCase();
  return key.startsWith('utm_') || TRACKING_PARAMS.has(key);
}

/**
 * The form of a link used to recognise the same article under different spellings:
 * - scheme and host lower-cased, the default port dropped, the fragment dropped;
 * - tracking parameters removed (`utm_*`, `fbclid`, `gclid`, `yclid`, `mc_cid`, `mc_eid`), the others sorted
 *   (by their raw text, so their encoding is kept as the feed wrote it);
 * - trailing slash: a path that is only `/` keeps it; any longer path loses one trailing slash
 *   (`/news/42/` and `/news/42` are the same article on every news site we know, and feeds flip between them).
 * Returns undefined for anything but an absolute http(s) URL.
 */
export function canonicalizeLink(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const params = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTracking(pair.split('=')[0] ?? ''))
    .sort();
  let path = parsed.pathname;
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return `${parsed.protocol}//${parsed.host}${path}${params.length ? '?' + params.join('&') : ''}`;
}

/** 16 base64url characters (96 bits) of the SHA-1 of `source`: short, stable, and safe in Redis keys and job ids. */
function shortHash(source: string): string {
  return createHash('sha1').update(source, 'utf8').digest('base64url').slice(0, 16);
}

/**
 * Gives each entry of one feed document a stable id:
 * - `g:` + hash of the guid, when the document's guids can be trusted: a document in which any guid repeats
 *   uses none of its guids (some CMSs give every item the same guid, or the channel URL);
 * - else `l:` + hash of the canonical link ({@link canonicalizeLink});
 * - else `h:` + hash of the title and publication date (the summary too when both are empty).
 * The hash is the first 16 base64url characters of SHA-1 of the source string, so ids match `[A-Za-z0-9_:-]`.
 * Two entries with the same link (or title and date) get the same id; the seen-set keeps the first.
 */
export function assignItemIds(entries: FeedEntry[]): Array<{ id: string; entry: FeedEntry }> {
  const guids = entries.map((entry) => entry.guid?.trim() ?? '');
  const present = guids.filter((guid) => guid !== '');
  const trustGuids = new Set(present).size === present.length;
  return entries.map((entry, i) => {
    const guid = guids[i] as string;
    if (trustGuids && guid !== '') return { id: `g:${shortHash(guid)}`, entry };
    const link = entry.link ? canonicalizeLink(entry.link) : undefined;
    if (link) return { id: `l:${shortHash(link)}`, entry };
    const title = entry.title.trim();
    const date = entry.publishedAt ?? '';
    const source = title || date ? `${title}\n${date}` : `\n\n${(entry.summary ?? entry.content ?? '').trim()}`;
    return { id: `h:${shortHash(source)}`, entry };
  });
}
