import { z } from 'zod';
import { subscribeInputSchema } from '../delivery/core/subscription-input.js';
import { canonicalSubscription, type SubscriptionTransfer } from '../delivery/core/subscriptions.js';
import type { PlatformDirectory } from '../delivery/core/platform.js';
import type { Subscription } from '../delivery/core/types.js';
import type { ChatLanguage, ChatLanguageStore, ChatLanguageTransfer } from '../i18n/chat-languages.js';
import { isLanguage } from '../i18n/languages.js';

/**
 * The subscriptions export: a JSON file that lets a deployment rebuild its subscriptions after losing Redis.
 * `{ "format": "kazwire-subscriptions", "version": 2, "exportedAt": ISO, "count": n, "subscriptions": [...],
 * "chatLanguages": [{ "platform", "chatId", "language" }] }`, each subscription as the store keeps it (id,
 * destination, topics, keywords, mode, creator, dates, paused), and the language each chat chose with /language.
 * Version 1 files (no chat languages) are still read. Importing checks every entry first and writes nothing
 * unless the whole file is valid.
 */
export const SUBSCRIPTIONS_FORMAT = 'kazwire-subscriptions';
export const SUBSCRIPTIONS_VERSION = 2;

const isoDate = z.string().refine((v) => Number.isFinite(Date.parse(v)), 'a date and time (ISO 8601)');

/** A stored subscription to one of `platforms`: a subscribe request with its id, dates and paused state. */
const subscriptionSchema = (platforms: PlatformDirectory) => subscribeInputSchema(platforms)
  .extend({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'an id of letters, digits, - and _'),
    createdAt: isoDate,
    paused: z.object({ reason: z.string().min(1).max(1000), at: isoDate }).optional(),
  })
  .superRefine((sub, ctx) => {
    if (sub.mode === 'digest' && sub.digestHour === undefined && sub.digestHourUtc === undefined) {
      ctx.addIssue({ code: 'custom', path: ['digestHourUtc'], message: 'a digest needs an hour of the day (0-23, UTC)' });
    }
  });

const fileSchema = z.object({
  format: z.literal(SUBSCRIPTIONS_FORMAT, { message: `not a Kazwire subscriptions file (expected "format": "${SUBSCRIPTIONS_FORMAT}")` }),
  version: z.number().int().positive(),
  exportedAt: isoDate.optional(),
  subscriptions: z.array(z.unknown()),
  // Since version 2.
  chatLanguages: z.array(z.unknown()).optional(),
});

/** A chat of one of `platforms` and the language it chose. */
const chatLanguageSchema = (platforms: PlatformDirectory) =>
  z
    .object({
      platform: z.string().refine((name) => platforms.get(name) !== undefined, `a platform of: ${platforms.names().join(', ')}`),
      chatId: z.string().min(1),
      language: z.string().refine(isLanguage, 'one of en, ru, kk'),
    })
    .refine((c) => platforms.get(c.platform)?.isChatId(c.chatId) ?? true, { error: 'a chat id is a number', path: ['chatId'] });

/** What an export holds. */
export interface SubscriptionsBackup {
  subscriptions: Subscription[];
  chatLanguages: ChatLanguage[];
}

/** A subscriptions file that cannot be imported; `problems` lists every one (path: what is wrong). */
export class SubscriptionsFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`cannot import the subscriptions file:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SubscriptionsFileError';
  }
}

/** The export's text: pretty JSON, one subscription per object, ending in a newline. */
export function serialiseSubscriptions(subs: Subscription[], now = new Date(), chatLanguages: readonly ChatLanguage[] = []): string {
  const sorted = [...subs].map(canonicalSubscription).sort((a, b) => a.id.localeCompare(b.id));
  const languages = chatLanguages.map(({ platform, chatId, language }) => ({ platform, chatId, language }));
  return `${JSON.stringify(
    {
      format: SUBSCRIPTIONS_FORMAT,
      version: SUBSCRIPTIONS_VERSION,
      exportedAt: now.toISOString(),
      count: sorted.length,
      subscriptions: sorted,
      chatLanguages: languages,
    },
    null,
    2,
  )}\n`;
}

/**
 * Reads and checks an export: every subscription must be to a chat of one of `platforms`. Throws
 * SubscriptionsFileError listing every problem.
 */
export function parseSubscriptions(text: string, platforms: PlatformDirectory): Subscription[] {
  return parseSubscriptionsBackup(text, platforms).subscriptions;
}

/** Reads and checks an export, its chat languages included (none in a version 1 file); throws as `parseSubscriptions`. */
export function parseSubscriptionsBackup(text: string, platforms: PlatformDirectory): SubscriptionsBackup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SubscriptionsFileError([`not JSON: ${(err as Error).message}`]);
  }
  const file = fileSchema.safeParse(json);
  if (!file.success) throw new SubscriptionsFileError(file.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`));
  if (file.data.version > SUBSCRIPTIONS_VERSION) {
    throw new SubscriptionsFileError([
      `version ${file.data.version} was written by a newer Kazwire; this one reads version ${SUBSCRIPTIONS_VERSION}: upgrade, then import`,
    ]);
  }
  const problems: string[] = [];
  const subs: Subscription[] = [];
  const ids = new Set<string>();
  const schema = subscriptionSchema(platforms);
  file.data.subscriptions.forEach((raw, i) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`subscriptions[${i}].${issue.path.join('.')}: ${issue.message}`);
      return;
    }
    if (ids.has(parsed.data.id)) problems.push(`subscriptions[${i}].id: ${parsed.data.id} appears twice`);
    ids.add(parsed.data.id);
    subs.push(canonicalSubscription(parsed.data as Subscription));
  });
  const chatLanguages: ChatLanguage[] = [];
  const languageSchema = chatLanguageSchema(platforms);
  (file.data.chatLanguages ?? []).forEach((raw, i) => {
    const parsed = languageSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`chatLanguages[${i}].${issue.path.join('.')}: ${issue.message}`);
      return;
    }
    chatLanguages.push(parsed.data as ChatLanguage);
  });
  if (problems.length > 0) throw new SubscriptionsFileError(problems);
  return { subscriptions: subs, chatLanguages };
}

/** What an import did. */
export interface SubscriptionsImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Chat languages restored, when a language store was given. */
  languages?: number;
}

/** Every subscription of the store, and every chat's language when `languages` is given, as an export's text. */
export async function exportSubscriptions(
  store: Pick<SubscriptionTransfer, 'listAll'>,
  now = new Date(),
  languages?: ChatLanguageTransfer,
): Promise<{ text: string; count: number; languages: number }> {
  const subs = await store.listAll();
  const chats = languages ? await languages.listAll() : [];
  return { text: serialiseSubscriptions(subs, now, chats), count: subs.length, languages: chats.length };
}

/**
 * Checks the whole file, then restores each subscription, and each chat's language when `languages` is given.
 * Importing the same file twice changes nothing.
 */
export async function importSubscriptions(
  store: Pick<SubscriptionTransfer, 'restore'>,
  text: string,
  platforms: PlatformDirectory,
  languages?: Pick<ChatLanguageStore, 'set'>,
): Promise<SubscriptionsImportReport> {
  const backup = parseSubscriptionsBackup(text, platforms);
  const report: SubscriptionsImportReport = { created: 0, updated: 0, unchanged: 0 };
  for (const sub of backup.subscriptions) report[await store.restore(sub)]++;
  if (languages) {
    for (const chat of backup.chatLanguages) await languages.set(chat, chat.language);
    report.languages = backup.chatLanguages.length;
  }
  return report;
}
