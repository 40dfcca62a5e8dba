import type { EntityLabel, OutgoingMessage } from '../../delivery/core/types.js';
import { otherOutlets } from '../../news/outlets.js';
import type { Story } from '../../news/types.js';
import { wallClock } from '../../delivery/core/schedule.js';
import { translator, type Translator } from '../../i18n/translator.js';
import { bold, escapeHtml, fragment, joinFragments, link, truncateText, type Fragment } from './html.js';

/** Longest message text Telegram accepts, counted after entity parsing (the visible text). */
export const telegramTextLimit = 4096;

/** One Telegram message, ready to post. */
export interface TelegramText {
  /** For `parse_mode: 'HTML'`; every character that came from a feed is escaped. */
  html: string;
  /** The same message without markup, sent (without parse_mode) if Telegram refuses the HTML. */
  plain: string;
  /** Visible length in UTF-16 code units: what Telegram counts against {@link telegramTextLimit}, or more. */
  length: number;
}

/** Options of {@link renderTelegramMessages}. */
export interface RenderOptions {
  /** Largest visible length of one message. Default {@link telegramTextLimit}. */
  maxLength?: number;
  /** How many other outlets a source line names before "and N more". Default 5. */
  maxOutlets?: number;
  /** Names of the story's actors and places in the reader's language; without it no such lines are shown. */
  label?: (entityId: string) => EntityLabel | undefined;
}

const titleMax = 300;
const summaryMax = 1000;
const outletNameMax = 60;

/**
 * Renders an outgoing message as Telegram HTML: one story as headline link, summary, source line and time;
 * several stories (a burst or a digest) as a list of headline links with their source lines, in as few
 * messages as fit the limit. Pure: no I/O.
 */
export function renderTelegramMessages(message: OutgoingMessage, options: RenderOptions = {}): TelegramText[] {
  const maxLength = options.maxLength ?? telegramTextLimit;
  const maxOutlets = options.maxOutlets ?? 5;
  const timeZone = message.presentation?.timeZone;
  const t = translator(message.language);
  const only = singleStory(message);
  if (only) return [finish(renderStory(only, { maxLength, maxOutlets, timeZone, label: options.label, t }))];
  return renderList(message, maxLength, maxOutlets, timeZone, t);
}

/** The story of a message that is one alert about one story (shown whole, and with its picture). */
export function singleStory(message: OutgoingMessage): Story | undefined {
  const [only] = message.stories;
  return only && message.stories.length === 1 && !message.heading ? only : undefined;
}

interface StoryOptions {
  maxLength: number;
  maxOutlets: number;
  timeZone: string | undefined;
  label: RenderOptions['label'];
  t: Translator;
}

/** One story as it would be sent whole (no cut), or within `maxLength` (a photo's caption). */
export function renderTelegramStory(story: Story, message: OutgoingMessage, options: RenderOptions = {}): TelegramText {
  return finish(
    renderStory(story, {
      maxLength: options.maxLength ?? telegramTextLimit,
      maxOutlets: options.maxOutlets ?? 5,
      timeZone: message.presentation?.timeZone,
      label: options.label,
      t: translator(message.language),
    }),
  );
}

/** `Actors: Kassym-Jomart Tokayev, CSTO` and `Places: Almaty`, each line only when it names someone. */
function entityLines(story: Story, label: RenderOptions['label'], t: Translator): Fragment[] {
  if (!label) return [];
  const labels = [...new Set(story.entities)].map((id) => label(id)).filter((l): l is EntityLabel => l !== undefined);
  const actors = labels.filter((l) => l.kind !== 'place').map((l) => cleanLine(l.name));
  const places = labels.filter((l) => l.kind === 'place').map((l) => cleanLine(l.name));
  return [
    ...(actors.length > 0 ? [fragment(`${t.t('alert.actors')}: ${actors.join(', ')}`)] : []),
    ...(places.length > 0 ? [fragment(`${t.t('alert.places')}: ${places.join(', ')}`)] : []),
  ];
}

/** One story, cut to `maxLength`: the summary gives way first, then the headline. */
function renderStory(story: Story, { maxLength, maxOutlets, timeZone, label, t }: StoryOptions): Fragment {
  const title = cleanLine(story.title) || t.t('alert.untitled');
  const summary = cleanText(story.summary);
  const tail = joinFragments([...entityLines(story, label, t), sourceLine(story, maxOutlets, t), fragment(formatTime(story.publishedAt, t, timeZone))], '\n');
  const build = (titleText: string, summaryText: string) =>
    joinFragments(
      [
        bold(link(fragment(titleText), story.link)),
        summaryText ? fragment(summaryText) : undefined,
        fragment(''),
        tail,
      ],
      '\n',
    );
  let titleText = truncateText(title, titleMax);
  let summaryText = truncateText(summary, summaryMax);
  let out = build(titleText, summaryText);
  if (out.text.length > maxLength) {
    summaryText = truncateText(summaryText, Math.max(0, summaryText.length - (out.text.length - maxLength)));
    out = build(titleText, summaryText);
  }
  if (out.text.length > maxLength) {
    titleText = truncateText(titleText, Math.max(1, titleText.length - (out.text.length - maxLength)));
    out = build(titleText, summaryText);
  }
  return out;
}

/** Several stories as a list, split over as many messages as needed; the heading opens each part. */
function renderList(message: OutgoingMessage, maxLength: number, maxOutlets: number, timeZone: string | undefined, t: Translator): TelegramText[] {
  const total = message.stories.length;
  const heading = cleanLine(message.heading ?? '') || (message.kind === 'digest' ? t.t('alert.digest') : t.t('alert.newStories', { count: total }));
  const entries = message.stories.map((story) =>
    joinFragments(
      [
        bold(link(fragment(truncateText(cleanLine(story.title) || t.t('alert.untitled'), titleMax)), story.link)),
        joinFragments([sourceLine(story, maxOutlets, t), fragment(formatTime(story.publishedAt, t, timeZone))], ' · '),
      ],
      '\n',
    ),
  );
  // Room for the longest heading a part can get ("Heading (99/99)") and the blank line under it.
  const headingRoom = heading.length + ' (99/99)'.length + 2;
  const parts: Fragment[][] = [];
  let current: Fragment[] = [];
  let used = headingRoom;
  for (const entry of entries) {
    const cost = entry.text.length + 2;
    if (current.length > 0 && used + cost > maxLength) {
      parts.push(current);
      current = [];
      used = headingRoom;
    }
    current.push(entry.text.length + headingRoom > maxLength ? cutFragment(entry, maxLength - headingRoom) : entry);
    used += cost;
  }
  if (current.length > 0) parts.push(current);
  return parts.map((part, i) => {
    const title = parts.length > 1 ? `${heading} (${i + 1}/${parts.length})` : heading;
    return finish(joinFragments([bold(fragment(title)), ...part], '\n\n'));
  });
}

/** "Source · also reported by A, B and 3 more", each outlet linked when it has an http(s) link. */
function sourceLine(story: Story, maxOutlets: number, t: Translator): Fragment {
  const source = fragment(truncateText(cleanLine(story.source) || t.t('alert.unknownSource'), outletNameMax));
  const others = otherOutlets(story).filter((o) => cleanLine(o.source) !== '');
  if (others.length === 0) return source;
  const named = others
    .slice(0, maxOutlets)
    .map((o) => link(fragment(truncateText(cleanLine(o.source), outletNameMax)), o.link));
  const more = others.length - named.length;
  return joinFragments(
    [source, fragment(t.t('alert.alsoReportedByLower')), joinFragments(named, ', '), more > 0 ? fragment(t.t('alert.andMore', { count: more })) : undefined],
    '',
  );
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * `6 Jan 2022, 14:05 UTC` (`6 янв. 2022 г., 14:05 UTC` for Russian readers), or with a zone its local time first:
 * `6 Jan 2022, 20:05 Asia/Almaty (14:05 UTC)`. Empty for a date that does not parse.
 */
export function formatTime(iso: string, t: Translator = translator(), timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  const zone = timeZone && timeZone !== 'UTC' ? timeZone : 'UTC';
  const w = wallClock(d.getTime(), zone);
  // English keeps its fixed form, independent of the ICU version's abbreviations.
  const date =
    t.language === 'en'
      ? `${w.day} ${months[w.month - 1]} ${w.year}`
      : t.date(d, { day: 'numeric', month: 'short', year: 'numeric', timeZone: zone });
  const utc = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  if (zone === 'UTC') return t.t('alert.time', { date, time: utc });
  return t.t('alert.timeZoned', { date, time: `${pad(w.hour)}:${pad(w.minute)}`, zone, utc });
}

/** Feed text on one line: whitespace runs collapsed, control characters and lone surrogates removed. */
function cleanLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}

/** Feed text with paragraphs kept: at most one blank line in a row. */
function cleanText(text: string): string {
  return text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[ \t\r]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain cut of an entry that alone exceeds the room (only with a tiny `maxLength`). */
function cutFragment(f: Fragment, max: number): Fragment {
  const text = truncateText(f.text, Math.max(1, max));
  return { html: escapeHtml(text), text };
}

function finish(f: Fragment): TelegramText {
  return { html: f.html, plain: f.text, length: f.text.length };
}
