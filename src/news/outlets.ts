import type { Story } from './types.js';

/** An outlet that reported a story after the first one, with its own headline and link. */
export type OtherOutlet = Story['alsoReportedBy'][number];

/** One outlet name for comparison: spacing folded, case ignored (`Tengrinews` and `tengrinews ` are one outlet). */
function outletKey(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The outlets that reported a story after the first one, in the order they joined: each outlet once, none with a
 * blank name, and never the first outlet again. What every alert lists as "also reported by".
 */
export function otherOutlets(story: Pick<Story, 'source' | 'alsoReportedBy'>): OtherOutlet[] {
  const seen = new Set([outletKey(story.source)]);
  const others: OtherOutlet[] = [];
  for (const outlet of story.alsoReportedBy) {
    const key = outletKey(outlet.source);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    others.push(outlet);
  }
  return others;
}

/**
 * How many outlets reported a story: the first one and every other (see {@link otherOutlets}). The one count that
 * digests rank by and replies show, so a digest's order and `/who` never disagree.
 */
export function outletCount(story: Pick<Story, 'source' | 'alsoReportedBy'>): number {
  return 1 + otherOutlets(story).length;
}
