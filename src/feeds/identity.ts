import { hash } from 'node:crypto';
import type { FeedEntry } from './types.js';
import { titleKey } from './title-key.js';

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
  // One-shot hash: the same digest as createHash().update().digest(), at a fraction of the cost per call.
  return hash('sha1', source, 'base64url').slice(0, 16);
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
  return readEntries(entries).map(({ id, entry }) => ({ id, entry }));
}

/** An entry with its id and the hashed guid and link it was made from, so that nothing is hashed twice. */
interface ReadEntry {
  id: string;
  entry: FeedEntry;
  guidId?: string;
  link?: string;
  linkId?: string;
}

function readEntries(entries: FeedEntry[]): ReadEntry[] {
  const guids = entries.map((entry) => entry.guid?.trim() ?? '');
  const present = guids.filter((guid) => guid !== '');
  const trustGuids = new Set(present).size === present.length;
  return entries.map((entry, i) => {
    const guid = guids[i] as string;
    const guidId = guid === '' ? undefined : `g:${shortHash(guid)}`;
    const link = entry.link ? canonicalizeLink(entry.link) : undefined;
    const linkId = link ? `l:${shortHash(link)}` : undefined;
    const known = { entry, ...(guidId ? { guidId } : {}), ...(link ? { link, linkId } : {}) };
    if (trustGuids && guidId) return { id: guidId, ...known };
    if (linkId) return { id: linkId, ...known };
    const title = entry.title.trim();
    const date = entry.publishedAt ?? '';
    const source = title || date ? `${title}\n${date}` : `\n\n${(entry.summary ?? entry.content ?? '').trim()}`;
    return { id: `h:${shortHash(source)}`, ...known };
  });
}

/** One item of a feed document with every identity it is known by. */
export interface IdentifiedItem {
  /** The item's id ({@link assignItemIds}): names it in the archive, the clusterer and queue job ids. */
  id: string;
  /** Every identity of the item, its id first: guid (`g:`), canonical link (`l:`), headline and day (`t:`). */
  identities: string[];
  entry: FeedEntry;
}

/** A feed document's entries, identified. */
export interface IdentifiedDocument {
  /** One per distinct item, in document order. */
  items: IdentifiedItem[];
  /** Entries whose id repeats an earlier entry of the same document (the first is the item). */
  duplicates: Array<{ id: string; entry: FeedEntry }>;
}

/** What identification needs to know about the document: links that name the site, not an article. */
export interface DocumentContext {
  /** The channel's own link (the site). */
  siteLink?: string;
  /** The feed's URL. */
  feedUrl?: string;
}

/**
 * Gives each item of a document its id and every identity it is known by, so that an item re-served under a
 * new guid (or a new link) is still recognised:
 * - its id ({@link assignItemIds}), unchanged so that seen-sets written before identities keep working;
 * - `g:` + hash of its guid, when it has one;
 * - `l:` + hash of its canonical link, unless the link names the site rather than an article (the site root,
 *   the channel's link, the feed URL);
 * - `t:` + hash of its normalised headline ({@link titleKey}; none for a short or generic one) and the UTC day
 *   of its publication date (the headline alone when undated), so a headline that recurs every day ("Курс валют
 *   на сегодня") is a new item each day.
 * An identity shared by two distinct items of the document tells neither apart, and is used by neither (every
 * item linking to one section page, two items with one headline). Entries with the same id are one item.
 */
export function identifyItems(entries: FeedEntry[], context: DocumentContext = {}): IdentifiedDocument {
  const items: IdentifiedItem[] = [];
  const duplicates: IdentifiedDocument['duplicates'] = [];
  const byId = new Set<string>();
  const siteLinks = new Set([context.siteLink, context.feedUrl].map((u) => (u ? canonicalizeLink(u) : undefined)));
  for (const read of readEntries(entries)) {
    const { id, entry } = read;
    if (byId.has(id)) duplicates.push({ id, entry });
    else {
      byId.add(id);
      items.push({ id, identities: [id, ...otherIdentities(read, siteLinks).filter((x) => x !== id)], entry });
    }
  }
  const uses = new Map<string, number>();
  for (const item of items) for (const identity of item.identities) uses.set(identity, (uses.get(identity) ?? 0) + 1);
  for (const item of items) item.identities = item.identities.filter((x, i) => i === 0 || uses.get(x) === 1);
  return { items, duplicates };
}

function otherIdentities({ entry, guidId, link, linkId }: ReadEntry, siteLinks: ReadonlySet<string | undefined>): string[] {
  const out: string[] = [];
  if (guidId) out.push(guidId);
  if (link && linkId && !siteLinks.has(link) && !isSiteRoot(link)) out.push(linkId);
  const headline = titleKey(entry.title);
  if (headline) out.push(`t:${shortHash(`${headline}\n${utcDay(entry.publishedAt)}`)}`);
  return out;
}

/** A canonical link with no path and no query (`https://site/`); `https://site/?p=42` is an article. */
function isSiteRoot(canonical: string): boolean {
  return canonical.indexOf('/', canonical.indexOf('//') + 2) === canonical.length - 1;
}

/** `YYYY-MM-DD` of an ISO date in UTC; empty when there is none. */
function utcDay(iso: string | undefined): string {
  // The parser gives UTC ISO strings (`2022-01-05T10:00:00.000Z`): their first ten characters are the day.
  if (iso && iso.length === 24 && iso.endsWith('Z') && iso[10] === 'T') return iso.slice(0, 10);
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : '';
}
