import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Reply, ReplyBlock } from '../../../commands/reply.js';
import { translator } from '../../../i18n/translator.js';
import { bold, escapeHtml, fragment, joinFragments, link, truncateText, type Fragment } from '../html.js';
import { telegramTextLimit } from '../render.js';
import { pageKeyboard } from './paging.js';

/** A command reply ready for sendMessage or editMessageText with `parse_mode: 'HTML'`. */
export interface TelegramReply {
  /** Telegram HTML; every piece of text from the reply is escaped. */
  html: string;
  /** The visible text, for lengths and for places without markup (callback query alerts). */
  text: string;
  /** Previous/Next buttons of a paged reply. */
  keyboard?: InlineKeyboardMarkup;
}

/** Options of {@link renderTelegramReply}. */
export interface RenderReplyOptions {
  /** Largest visible length, in UTF-16 code units. Default 4096 (Telegram's message limit). */
  maxLength?: number;
}

/** A field name longer than this goes on its own line, above its value. */
const inlineFieldName = 24;

/**
 * Renders a neutral command reply as Telegram HTML: the title and headings bold, fields as `<b>name</b>: value`,
 * links as `<a href>` only for http(s) addresses (others show their label alone), a "Page x of y" line and
 * Previous/Next buttons when the reply is paged. Whole lines are dropped from the end to fit `maxLength`,
 * the first one that does not fit cut as plain text with "…". Pure: no I/O.
 */
export function renderTelegramReply(reply: Reply, options: RenderReplyOptions = {}): TelegramReply {
  const maxLength = options.maxLength ?? telegramTextLimit;
  const lines: Fragment[] = [];
  if (reply.title) lines.push(bold(fragment(reply.title)), fragment(''));
  for (const block of reply.blocks) lines.push(...renderBlock(block), fragment(''));
  while (lines.length > 0 && lines[lines.length - 1]?.text === '') lines.pop();

  const t = translator(reply.language);
  const keyboard = pageKeyboard(reply.pages, t);
  const footer = reply.pages && reply.pages.total > 1 ? fragment(t.t('paging.footer', { page: reply.pages.page, total: reply.pages.total })) : undefined;
  const budget = maxLength - (footer ? footer.text.length + 2 : 0);
  const body = fitLines(lines, budget);
  const parts = footer ? [body, fragment(''), footer] : [body];
  let out = joinFragments(parts, '\n');
  // Telegram refuses an empty (or all-blank) text; a reply always has something to say.
  if (out.text.trim() === '') out = fragment(t.t('reply.done'));
  return { html: out.html, text: out.text, ...(keyboard ? { keyboard } : {}) };
}

/** The lines joined by newlines, within `budget` visible characters. */
function fitLines(lines: Fragment[], budget: number): Fragment {
  const kept: Fragment[] = [];
  let used = 0;
  for (const line of lines) {
    const add = (kept.length > 0 ? 1 : 0) + line.text.length;
    if (used + add <= budget) {
      kept.push(line);
      used += add;
      continue;
    }
    const room = budget - used - (kept.length > 0 ? 1 : 0);
    // The first line that does not fit is cut as plain text: cutting inside markup could break a tag.
    if (room >= 2) kept.push(fragment(truncateText(line.text, room)));
    break;
  }
  return joinFragments(kept, '\n');
}

function renderBlock(block: ReplyBlock): Fragment[] {
  switch (block.kind) {
    case 'text':
      return [fragment(block.text)];
    case 'heading':
      return [bold(fragment(block.text))];
    case 'fields':
      return block.fields.map((f) =>
        f.name.length > inlineFieldName || f.value.includes('\n')
          ? joinFragments([bold(fragment(f.name)), fragment(f.value)], '\n')
          : { html: `${bold(fragment(f.name)).html}${escapeHtml(': ')}${escapeHtml(f.value)}`, text: `${f.name}: ${f.value}` },
      );
    case 'links':
      return block.items.map((item) =>
        joinFragments([fragment('•'), link(fragment(item.label), item.url), item.meta ? fragment(`(${item.meta})`) : undefined], ' '),
      );
  }
}
