import { createHash } from 'node:crypto';
import type { Story } from './types.js';

/**
 * A digest of what an alert shows of its stories: title, link, outlet, summary, time, entities and the other
 * outlets with their links, in order. Messages of stories with equal fingerprints render alike on every platform,
 * so a message whose fingerprint has not changed needs no edit.
 */
export function messageFingerprint(stories: readonly Story[]): string {
  const shown = stories.map((s) => [
    s.id,
    s.title,
    s.link ?? '',
    s.source,
    s.summary,
    s.publishedAt,
    s.entities,
    s.alsoReportedBy.map((o) => [o.source, o.link ?? '']),
  ]);
  return createHash('sha1').update(JSON.stringify(shown)).digest('base64url').slice(0, 16);
}
