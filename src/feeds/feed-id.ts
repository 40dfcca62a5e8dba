import { createHash } from 'node:crypto';

/**
 * A feed's id: a short hash of its URL as given (scheme and host lower-cased, fragment dropped),
 * so the same feed added twice is one feed, and the id is safe in Redis keys and job ids.
 */
export function feedIdOf(url: string): string {
  return 'f-' + createHash('sha1').update(normaliseFeedUrl(url)).digest('base64url').slice(0, 12);
}

/** The form a feed URL is stored in: parsed and re-serialised, fragment dropped. Throws on a non-URL. */
export function normaliseFeedUrl(url: string): string {
  const parsed = new URL(url.trim());
  parsed.hash = '';
  return parsed.toString();
}
