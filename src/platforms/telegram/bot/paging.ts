import type { InlineKeyboardMarkup } from 'grammy/types';
import type { ReplyPages } from '../../../commands/reply.js';
import { translator, type Translator } from '../../../i18n/translator.js';

/** Telegram's limit on a button's callback_data, in bytes. */
export const callbackDataMaxBytes = 64;

const PREFIX = 'pg';
const PATTERN = /^pg:([A-Za-z0-9_-]{1,56}):(\d{1,4})$/;

/**
 * The callback_data of a paging button: `pg:<token>:<page>`. Undefined when it would not fit Telegram's
 * 64 bytes (a page store with longer tokens), so the reply goes out without buttons instead of being refused.
 */
export function pageCallbackData(token: string, page: number): string | undefined {
  const data = `${PREFIX}:${token}:${page}`;
  return PATTERN.test(data) && Buffer.byteLength(data, 'utf8') <= callbackDataMaxBytes ? data : undefined;
}

/** Reads the callback_data of a paging button; undefined for anything else (an old or forged button). */
export function readPageCallback(data: string | undefined): { token: string; page: number } | undefined {
  const m = data ? PATTERN.exec(data) : null;
  if (!m?.[1] || !m[2]) return undefined;
  const page = Number(m[2]);
  return page >= 1 ? { token: m[1], page } : undefined;
}

/** Previous/Next buttons for a paged reply, labelled in the reply's language; undefined for a reply of one page. */
export function pageKeyboard(pages: ReplyPages | undefined, t: Translator = translator()): InlineKeyboardMarkup | undefined {
  if (!pages || pages.total <= 1) return undefined;
  const row: Array<{ text: string; callback_data: string }> = [];
  const previous = pages.page > 1 ? pageCallbackData(pages.token, pages.page - 1) : undefined;
  const next = pages.page < pages.total ? pageCallbackData(pages.token, pages.page + 1) : undefined;
  if (previous) row.push({ text: t.t('paging.previous'), callback_data: previous });
  if (next) row.push({ text: t.t('paging.next'), callback_data: next });
  return row.length > 0 ? { inline_keyboard: [row] } : undefined;
}
