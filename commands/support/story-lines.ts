import { outletCount } from '../../src/news/outlets.js';
import type { Story } from '../../src/news/types.js';
import type { ReplyBlock } from '../../src/commands/reply.js';
import { plural } from './text.js';
import { dayHeading, dayKey, dualTime, LOCAL_TIME_ZONE } from './time-format.js';

/**
 * Stories as blocks grouped by calendar day in `timeZone` (default Asia/Almaty), oldest first: a heading per
 * day, then each headline linked, with its time in UTC and local time and the number of outlets as `meta`.
 * A story without a link becomes a text line, so nothing is dropped.
 */
export function storiesByDay(stories: readonly Story[], timeZone = LOCAL_TIME_ZONE): ReplyBlock[] {
  const sorted = [...stories].sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt));
  const blocks: ReplyBlock[] = [];
  let currentDay = '';
  for (const story of sorted) {
    const at = new Date(story.publishedAt);
    const day = dayKey(at, timeZone);
    if (day !== currentDay) {
      blocks.push({ kind: 'heading', text: dayHeading(day) });
      currentDay = day;
    }
    const meta = `${dualTime(at, timeZone)} · ${plural(outletCount(story), 'outlet', 'outlets')}`;
    const last = blocks[blocks.length - 1];
    if (story.link) {
      const item = { label: story.title, url: story.link, meta };
      if (last?.kind === 'links') last.items.push(item);
      else blocks.push({ kind: 'links', items: [item] });
    } else {
      blocks.push({ kind: 'text', text: `${story.title} (${meta})` });
    }
  }
  return blocks;
}
