import { formatQuietHours, type QuietHours } from '../../src/delivery/core/schedule.js';
import type { Story } from '../../src/news/types.js';
import type { ReplyBlock } from '../../src/commands/reply.js';
import type { TermChange } from './subscription-changes.js';
import { quotedList } from './text.js';
import { dayKey, dualTime } from './time-format.js';

/** The words of `/subscribe`'s reply, in one place. */

/** `keywords: "fuel" → "fuel prices"`, one per changed option. */
export function changeLines(changes: readonly TermChange[]): string {
  if (changes.length === 0) return 'Nothing changed: the subscription already had these settings.';
  return `Changed: ${changes.map((c) => `${c.option} ${shown(c.option, c.before)} → ${shown(c.option, c.after)}`).join('; ')}.`;
}

function shown(option: TermChange['option'], value: unknown): string {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return option === 'preview' ? 'auto' : 'none';
  if (Array.isArray(value)) return quotedList(value as string[], 'or');
  if (option === 'hour') return `${String(value).padStart(2, '0')}:00`;
  if (option === 'quiet') return formatQuietHours(value as QuietHours);
  if (option === 'preview') return value ? 'on' : 'off';
  return String(value);
}

/** What the channel would have got: the newest matching stories, or that none of the last days would have. */
export function previewBlocks(stories: readonly Story[], days: number, timeZone: string): ReplyBlock[] {
  if (stories.length === 0) {
    return [{ kind: 'text', text: `None of the last ${days} days' archived stories would have matched this subscription.` }];
  }
  const items = stories.map((s) => ({ label: s.title, url: s.link ?? '', meta: `${s.source} · ${dayKey(new Date(s.publishedAt), timeZone)} ${dualTime(new Date(s.publishedAt), timeZone)}` }));
  const linked = items.filter((i) => i.url);
  const blocks: ReplyBlock[] = [{ kind: 'heading', text: `What it would have brought (latest ${stories.length} of the last ${days} days)` }];
  if (linked.length > 0) blocks.push({ kind: 'links', items: linked });
  for (const i of items) if (!i.url) blocks.push({ kind: 'text', text: `${i.label} (${i.meta})` });
  return blocks;
}

/** `Did you mean …?` for a topic not found, offering the word as keywords. */
export function notFoundWithKeywords(query: string, suggestions: readonly string[]): string {
  const value = /[\s,;]/.test(query) ? `"${query.replace(/"/g, '')}"` : query;
  const hint = suggestions.length > 0 ? ` Did you mean: ${suggestions.slice(0, 5).join(', ')}?` : '';
  return `No actor or topic named "${query}".${hint} To get stories containing the word instead: /subscribe keywords=${value}`;
}

export const subscribeText = {
  created: (what: string) => `This channel will get ${what}.`,
  updated: (what: string) => `Updated this channel's subscription: it will now get ${what}.`,
  titleCreated: 'Subscribed',
  titleUpdated: 'Subscription updated',
  idField: 'Subscription id',
  quietField: 'Quiet hours',
  picturesField: 'Pictures',
  pictures: (preview: boolean | undefined) =>
    preview === true ? 'always, with the link preview' : preview === false ? 'never' : "the article's picture when the feed has one",
  stop: (id: string) => `To stop it: /unsubscribe ${id}`,
};
