import { formatQuietHours, type QuietHours } from '../../src/delivery/core/schedule.js';
import type { Story } from '../../src/news/types.js';
import type { ReplyBlock } from '../../src/commands/reply.js';
import type { Translator } from '../../src/i18n/translator.js';
import type { TermChange } from './subscription-changes.js';
import { quotedList } from './text.js';
import { dayKey, dualTime } from './time-format.js';

/** The parts of `/subscribe`'s reply that are more than one message: the changes, the preview, the hint. */

/** `Changed: keywords "fuel" → "fuel prices"; mode instant → digest.`, or that nothing changed. */
export function changeLines(changes: readonly TermChange[], t: Translator): string {
  if (changes.length === 0) return t.t('subscribe.nothingChanged');
  const each = changes.map((c) => t.t('subscribe.change', { option: c.option, before: shown(c.option, c.before, t), after: shown(c.option, c.after, t) }));
  return t.t('subscribe.changed', { changes: each.join('; ') });
}

function shown(option: TermChange['option'], value: unknown, t: Translator): string {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return t.t(option === 'preview' ? 'subscribe.value.auto' : 'subscribe.value.none');
  if (Array.isArray(value)) return quotedList(value as string[], t);
  if (option === 'hour') return `${String(value).padStart(2, '0')}:00`;
  if (option === 'quiet') return formatQuietHours(value as QuietHours);
  if (option === 'preview') return t.t(value ? 'subscribe.value.on' : 'subscribe.value.off');
  return String(value);
}

/** What the channel would have got: the newest matching stories, or that none of the last days would have. */
export function previewBlocks(stories: readonly Story[], days: number, timeZone: string, t: Translator): ReplyBlock[] {
  if (stories.length === 0) return [{ kind: 'text', text: t.t('subscribe.previewNone', { days }) }];
  const items = stories.map((s) => {
    const at = new Date(s.publishedAt);
    return { label: s.title, url: s.link ?? '', meta: `${s.source} · ${dayKey(at, timeZone)} ${dualTime(at, t, timeZone)}` };
  });
  const linked = items.filter((i) => i.url);
  const blocks: ReplyBlock[] = [{ kind: 'heading', text: t.t('subscribe.previewHeading', { count: stories.length, days }) }];
  if (linked.length > 0) blocks.push({ kind: 'links', items: linked });
  for (const i of items) if (!i.url) blocks.push({ kind: 'text', text: `${i.label} (${i.meta})` });
  return blocks;
}

/** The refusal of a topic not found, with close names, offering the word as keywords instead. */
export function notFoundWithKeywords(query: string, suggestions: readonly string[], t: Translator): string {
  const value = /[\s,;]/.test(query) ? `"${query.replace(/"/g, '')}"` : query;
  const none = t.t('lookup.noActorOrTopic', { query });
  const hint = suggestions.length > 0 ? ` ${t.t('lookup.didYouMean', { names: suggestions.slice(0, 5).join(', ') })}` : '';
  return `${none}${hint} ${t.t('subscribe.tryKeywords', { value })}`;
}

/** How pictures are shown, as the reply's field says it. */
export function picturesText(preview: boolean | undefined, t: Translator): string {
  return t.t('subscribe.pictures', { preview: preview === true ? 'on' : preview === false ? 'off' : 'auto' });
}
