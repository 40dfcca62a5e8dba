import { badRequest } from './errors.js';
import { HtmlParseError, normalizeUrl, parseHtml, type MessageEntity } from './html.js';
import type { Params } from './params.js';
import type { InlineKeyboardMarkup } from './state.js';

/** Longest message text, in UTF-16 code units after entity parsing and trimming. */
export const maxTextLength = 4096;

/**
 * The visible text and entities of a `text` parameter, validated like Telegram: parse_mode HTML parsed strictly,
 * leading and trailing whitespace trimmed, 1-4096 characters left.
 *
 * Length is counted in UTF-16 code units, which is what entity offsets use and never less than Telegram's own
 * count, so a text the fake accepts is never too long for Telegram.
 */
export function parseText(params: Params, strictAmpersands: boolean): { text: string; entities: MessageEntity[] } {
  const raw = params.string('text');
  if (raw === undefined || raw === '') throw badRequest('message text is empty');
  const trimmed = parseMarkup(raw, params, strictAmpersands, 'entities');
  if (trimmed.text.length === 0) throw badRequest('message text is empty');
  if (trimmed.text.length > maxTextLength) throw badRequest('message is too long');
  return trimmed;
}

/** Longest photo caption, in UTF-16 code units after entity parsing and trimming. */
export const maxCaptionLength = 1024;

/** A `caption` parameter, validated like Telegram's: parsed like a text, at most 1024 characters; may be absent. */
export function parseCaption(params: Params, strictAmpersands: boolean): { text: string; entities: MessageEntity[] } {
  const raw = params.string('caption') ?? '';
  if (raw === '') return { text: '', entities: [] };
  const trimmed = parseMarkup(raw, params, strictAmpersands, 'caption_entities');
  if (trimmed.text.length > maxCaptionLength) throw badRequest('message caption is too long');
  return trimmed;
}

/** Text and entities of `raw` in the request's parse_mode, trimmed. */
function parseMarkup(raw: string, params: Params, strictAmpersands: boolean, entitiesParam: string): { text: string; entities: MessageEntity[] } {
  const mode = params.string('parse_mode') ?? '';
  let parsed: { text: string; entities: MessageEntity[] };
  if (mode === '') {
    const given = params.json(entitiesParam, "can't parse entities JSON object");
    parsed = { text: raw, entities: Array.isArray(given) ? (given as MessageEntity[]) : [] };
  } else if (mode.toLowerCase() === 'html') {
    try {
      parsed = parseHtml(raw, { strictAmpersands });
    } catch (err) {
      if (err instanceof HtmlParseError) throw badRequest(`can't parse entities: ${err.message}`);
      throw err;
    }
  } else if (['markdown', 'markdownv2'].includes(mode.toLowerCase())) {
    throw badRequest(`parse_mode ${mode} is not implemented by this test server; use HTML`);
  } else {
    throw badRequest(`unsupported parse_mode`);
  }
  return trim(parsed.text, parsed.entities);
}

function trim(text: string, entities: MessageEntity[]): { text: string; entities: MessageEntity[] } {
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  if (start === 0 && end === text.length) return { text, entities };
  const out = text.slice(start, Math.max(start, end));
  const moved = entities
    .map((e) => {
      const from = Math.max(0, e.offset - start);
      const to = Math.min(out.length, e.offset + e.length - start);
      return { ...e, offset: from, length: to - from };
    })
    .filter((e) => e.length > 0);
  return { text: out, entities: moved };
}

/** The URL `link_preview_options.url` asks a preview of (checked like a link: Telegram refuses a bad one). */
export function linkPreviewUrl(params: Params): string | undefined {
  const options = params.json('link_preview_options', "can't parse link preview options JSON object");
  if (typeof options !== 'object' || options === null) return undefined;
  const url = (options as { url?: unknown }).url;
  if (url === undefined) return undefined;
  if (typeof url !== 'string' || !normalizeUrl(url)) throw badRequest('wrong HTTP URL specified');
  return url;
}

/** Whether link previews are off: `link_preview_options.is_disabled`, or the older `disable_web_page_preview`. */
export function linkPreviewDisabled(params: Params): boolean {
  const options = params.json('link_preview_options', "can't parse link preview options JSON object");
  if (options !== undefined) {
    if (typeof options !== 'object' || options === null) throw badRequest("can't parse link preview options JSON object");
    return (options as { is_disabled?: unknown }).is_disabled === true;
  }
  return params.bool('disable_web_page_preview') ?? false;
}

const buttonKinds = [
  'url', 'callback_data', 'web_app', 'login_url', 'switch_inline_query', 'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat', 'copy_text', 'callback_game', 'pay',
];

/** An inline keyboard, validated (callback_data 1-64 bytes, one action per button); other keyboards give undefined. */
export function parseReplyMarkup(params: Params): InlineKeyboardMarkup | undefined {
  const markup = params.json('reply_markup', "can't parse reply keyboard markup JSON object");
  if (markup === undefined) return undefined;
  if (typeof markup !== 'object' || markup === null) throw badRequest("can't parse reply keyboard markup JSON object");
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (rows === undefined) return undefined;
  if (!Array.isArray(rows)) throw badRequest("can't parse inline keyboard: field \"inline_keyboard\" must be an Array");
  for (const row of rows) {
    if (!Array.isArray(row)) throw badRequest("can't parse inline keyboard: field \"inline_keyboard\" must be an Array of Arrays");
    for (const button of row as Array<Record<string, unknown>>) {
      if (typeof button !== 'object' || button === null || typeof button.text !== 'string') {
        throw badRequest("can't parse inline keyboard button: Field \"text\" must be of type String");
      }
      if (button.text.trim() === '') throw badRequest('text buttons are unallowed in the inline keyboard');
      const kinds = buttonKinds.filter((k) => button[k] !== undefined);
      if (kinds.length !== 1) throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      if (kinds[0] === 'callback_data') {
        const data = button.callback_data;
        const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : 0;
        if (bytes < 1 || bytes > 64) throw badRequest('BUTTON_DATA_INVALID');
      }
      if (kinds[0] === 'url' && (typeof button.url !== 'string' || !normalizeUrl(button.url))) {
        throw badRequest(`inline keyboard button URL '${String(button.url)}' is invalid: Wrong HTTP URL`);
      }
    }
  }
  return { inline_keyboard: rows as InlineKeyboardMarkup['inline_keyboard'] };
}
