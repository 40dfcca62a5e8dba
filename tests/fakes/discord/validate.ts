import { validateCommandOptions } from './validate-options.js';
import { validateLocalizations } from './validate-localizations.js';

/**
 * Request body validation with Discord's limits and its nested error shape:
 * `{ embeds: { 0: { title: { _errors: [{ code, message }] } } } }`.
 * Lengths are counted in Unicode code points, as Discord counts characters.
 */

export interface FieldError {
  code: string;
  message: string;
}
export type ErrorTree = { _errors?: FieldError[]; [key: string]: ErrorTree | FieldError[] | undefined };

export const Limits = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  nonce: 25,
} as const;

const len = (s: string) => [...s].length;

/** Collects errors at paths, then answers the tree (or undefined when there are none). */
export class ErrorCollector {
  private readonly root: ErrorTree = {};
  private count = 0;

  add(path: Array<string | number>, error: FieldError): void {
    let node = this.root;
    for (const key of path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as ErrorTree;
    }
    (node._errors ??= []).push(error);
    this.count += 1;
  }

  maxLength(path: Array<string | number>, value: unknown, max: number): void {
    if (typeof value === 'string' && len(value) > max) {
      this.add(path, { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
    }
  }

  result(): ErrorTree | undefined {
    return this.count > 0 ? this.root : undefined;
  }
}

interface EmbedLike {
  title?: unknown;
  description?: unknown;
  url?: unknown;
  timestamp?: unknown;
  fields?: Array<{ name?: unknown; value?: unknown }>;
  footer?: { text?: unknown };
  author?: { name?: unknown };
  thumbnail?: { url?: unknown };
  image?: { url?: unknown };
}

/** An embed's thumbnail or image, as Discord checks it: a url, http(s) or an attachment, at most 2048 characters. */
function validateMedia(errors: ErrorCollector, path: Array<string | number>, media: unknown): void {
  if (media === undefined) return;
  if (typeof media !== 'object' || media === null) {
    errors.add(path, { code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' });
    return;
  }
  const url = (media as { url?: unknown }).url;
  if (typeof url !== 'string' || url === '') {
    errors.add([...path, 'url'], { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    return;
  }
  errors.maxLength([...path, 'url'], url, 2048);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined && !['http', 'https', 'attachment'].includes(scheme)) {
    errors.add([...path, 'url'], {
      code: 'URL_TYPE_INVALID_SCHEME',
      message: `Scheme "${scheme}" is not supported. Scheme must be one of ('http', 'https', 'attachment').`,
    });
  } else if (scheme === undefined || (scheme !== 'attachment' && !isHttpUrl(url))) {
    errors.add([...path, 'url'], { code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' });
  }
}

const isHttpUrl = (v: unknown) => typeof v === 'string' && /^https?:\/\/[^\s/]+/i.test(v);

/** The characters Discord counts toward the 6000 limit across all embeds of a message. */
export function embedCharacters(embed: EmbedLike): number {
  const s = (v: unknown) => (typeof v === 'string' ? len(v) : 0);
  let total = s(embed.title) + s(embed.description) + s(embed.footer?.text) + s(embed.author?.name);
  for (const f of embed.fields ?? []) total += s(f.name) + s(f.value);
  return total;
}

/** Validates a message create/edit body the way POST /channels/:id/messages does. */
export function validateMessageBody(body: Record<string, unknown>, errors: ErrorCollector): void {
  errors.maxLength(['content'], body.content, Limits.content);
  if (body.nonce !== undefined) {
    if (typeof body.nonce === 'string') errors.maxLength(['nonce'], body.nonce, Limits.nonce);
    else if (typeof body.nonce !== 'number') errors.add(['nonce'], { code: 'NONCE_TYPE_INVALID', message: 'Nonce must be an integer or string.' });
  }
  const embeds = body.embeds;
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) {
    errors.add(['embeds'], { code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
    return;
  }
  if (embeds.length > Limits.embeds) {
    errors.add(['embeds'], { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${Limits.embeds} or fewer in length.` });
  }
  let total = 0;
  embeds.forEach((raw: EmbedLike, i) => {
    const at = (...p: Array<string | number>) => ['embeds', i, ...p];
    errors.maxLength(at('title'), raw.title, Limits.title);
    errors.maxLength(at('description'), raw.description, Limits.description);
    errors.maxLength(at('footer', 'text'), raw.footer?.text, Limits.footer);
    errors.maxLength(at('author', 'name'), raw.author?.name, Limits.author);
    if (raw.url !== undefined && !isHttpUrl(raw.url)) {
      errors.add(at('url'), { code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' });
    }
    validateMedia(errors, at('thumbnail'), raw.thumbnail);
    validateMedia(errors, at('image'), raw.image);
    if (raw.timestamp !== undefined && (typeof raw.timestamp !== 'string' || Number.isNaN(Date.parse(raw.timestamp)))) {
      errors.add(at('timestamp'), { code: 'DATE_TYPE_PARSE', message: 'Could not parse timestamp.' });
    }
    const fields = raw.fields ?? [];
    if (fields.length > Limits.fields) {
      errors.add(at('fields'), { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${Limits.fields} or fewer in length.` });
    }
    fields.forEach((f, j) => {
      for (const key of ['name', 'value'] as const) {
        if (typeof f[key] !== 'string' || f[key] === '') {
          errors.add(at('fields', j, key), { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
        }
      }
      errors.maxLength(at('fields', j, 'name'), f.name, Limits.fieldName);
      errors.maxLength(at('fields', j, 'value'), f.value, Limits.fieldValue);
    });
    total += embedCharacters(raw);
  });
  if (total > Limits.embedTotal) {
    errors.add(['embeds'], { code: 'MAX_EMBED_SIZE_EXCEEDED', message: `Embed size exceeds maximum size of ${Limits.embedTotal}` });
  }
}

/** True when a create body would post nothing visible (Discord answers 50006). */
export function isEmptyMessage(body: Record<string, unknown>): boolean {
  const content = typeof body.content === 'string' ? body.content.trim() : '';
  const embeds = Array.isArray(body.embeds) ? body.embeds.length : 0;
  const components = Array.isArray(body.components) ? body.components.length : 0;
  return content === '' && embeds === 0 && components === 0 && !body.sticker_ids && !body.poll;
}

const COMMAND_NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

interface CommandLike {
  name?: unknown;
  description?: unknown;
  name_localizations?: unknown;
  description_localizations?: unknown;
  type?: unknown;
  options?: unknown[];
}

/** Validates a bulk-overwrite body of application commands (names, descriptions, option count). */
export function validateCommands(body: unknown, errors: ErrorCollector): void {
  if (!Array.isArray(body)) {
    errors.add([], { code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
    return;
  }
  const names = new Set<string>();
  body.forEach((raw: CommandLike, i) => {
    const chatInput = raw.type === undefined || raw.type === 1;
    const name = typeof raw.name === 'string' ? raw.name : '';
    if (!COMMAND_NAME.test(name) || (chatInput && name !== name.toLowerCase())) {
      errors.add([i, 'name'], { code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
    }
    if (names.has(name)) {
      errors.add([i, 'name'], { code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: 'Application command names must be unique' });
    }
    names.add(name);
    const description = typeof raw.description === 'string' ? raw.description : '';
    if (chatInput && (len(description) < 1 || len(description) > 100)) {
      errors.add([i, 'description'], { code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
    }
    if ((raw.options?.length ?? 0) > 25) {
      errors.add([i, 'options'], { code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
    }
    validateLocalizations(raw, errors, [i]);
    if (chatInput && Array.isArray(raw.options)) validateCommandOptions(raw.options, errors, [i]);
  });
}
