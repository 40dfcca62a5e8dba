import { outletCount } from '../../src/news/outlets.js';
import type { Story } from '../../src/news/types.js';
import type { ReplyBlock } from '../../src/commands/reply.js';
import type { Translator } from '../../src/i18n/translator.js';
import { dayHeading, dayKey, dualTime, LOCAL_TIME_ZONE } from './time-format.js';

/**
 * Stories as blocks grouped by calendar day in `timeZone` (default Asia/Almaty), oldest first: a heading per
 * day, then each headline linked, with its time in UTC and local time and the number of outlets as `meta`, in the
 * reader's language. A story without a link becomes a text line, so nothing is dropped.
 */
export function storiesByDay(stories: readonly Story[], t: Translator, timeZone = LOCAL_TIME_ZONE): ReplyBlock[] {
  const sorted = [...stories].sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt));
  const blocks: ReplyBlock[] = [];
  let currentDay = '';
  for (const story of sorted) {
    const at = new Date(story.publishedAt);
    const day = dayKey(at, timeZone);
    if (day !== currentDay) {
      blocks.push({ kind: 'heading', text: dayHeading(day, t) });
      currentDay = day;
    }
    const meta = `${dualTime(at, t, timeZone)} · ${t.t('count.outlets', { count: outletCount(story) })}`;
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
