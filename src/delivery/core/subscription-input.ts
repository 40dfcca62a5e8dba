import { createHash } from 'node:crypto';
import { z } from 'zod';
import { TellUserError, type UserMessageKey } from '../../errors.js';
import type { MessageKey } from '../../i18n/catalogue.js';
import { translator } from '../../i18n/translator.js';
import type { PlatformDirectory } from './platform.js';
import { canonicalTimeZone, isTimeZone } from './schedule.js';
import { destinationKey, type Destination, type SubscribeInput } from './types.js';

/** Most keywords (and, separately, excluded keywords) one subscription may have. */
export const MAX_KEYWORDS = 25;
/** Longest keyword, in characters. */
export const MAX_KEYWORD_LENGTH = 64;
/** Most entities one subscription may list. */
export const MAX_ENTITIES = 50;

/**
 * A refusal's problem in English (zod's message, which logs, the terminal and the backup import show), remembered
 * with its catalogue key so that a refusal reaching a chat is said in the reader's language.
 */
const problems = new Map<string, UserMessageKey>();
function problem(key: MessageKey, values?: Readonly<Record<string, string | number>>): string {
  const text = translator('en').t(key, values);
  problems.set(text, values ? { key, values } : { key });
  return text;
}

const keyword = z
  .string()
  .transform((k) => k.normalize('NFC').trim().replace(/\s+/gu, ' '))
  .pipe(
    z
      .string()
      .min(1, problem('subscribe.problem.keywordEmpty'))
      .max(MAX_KEYWORD_LENGTH, problem('subscribe.problem.keywordTooLong', { max: MAX_KEYWORD_LENGTH })),
  );

const keywordList = (tooMany: MessageKey) =>
  z
    .array(keyword)
    .max(MAX_KEYWORDS, problem(tooMany, { max: MAX_KEYWORDS }))
    .transform((list) => [...new Set(list.map((k) => k.toLocaleLowerCase()))]);

const schemas = new WeakMap<PlatformDirectory, ReturnType<typeof buildSchema>>();

/** The schema of a subscribe request to one of `platforms` (built once per directory). */
export function subscribeInputSchema(platforms: PlatformDirectory) {
  let schema = schemas.get(platforms);
  if (!schema) {
    schema = buildSchema(platforms);
    schemas.set(platforms, schema);
  }
  return schema;
}

/** Each platform says which chat ids are its own. */
function buildSchema(platforms: PlatformDirectory) {
  return z.object({
    destination: z
      .object({
        platform: z.string().refine((name) => platforms.get(name) !== undefined, {
          error: problem('subscribe.problem.platform', { platforms: platforms.names().join(', ') }),
        }),
        chatId: z.string(),
        threadId: z.string().regex(/^\d+$/, problem('subscribe.problem.threadId')).optional(),
      })
      .refine((d) => platforms.get(d.platform)?.isChatId(d.chatId) ?? true, { error: problem('subscribe.problem.chatId'), path: ['chatId'] }),
    entities: z
      .array(z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, problem('subscribe.problem.entityId')))
      .max(MAX_ENTITIES, problem('subscribe.problem.tooManyTopics', { max: MAX_ENTITIES }))
      .transform((list) => [...new Set(list)].sort()),
    keywords: keywordList('subscribe.problem.tooManyKeywords'),
    exclude: keywordList('subscribe.problem.tooManyExcluded'),
    mode: z.enum(['instant', 'digest']),
    digestHour: z.number().int().min(0, problem('subscribe.problem.digestHour')).max(23, problem('subscribe.problem.digestHour')).optional(),
    digestHourUtc: z
      .number()
      .int()
      .min(0, problem('subscribe.problem.digestHourUtc'))
      .max(23, problem('subscribe.problem.digestHourUtc'))
      .optional(),
    timeZone: z
      .string()
      .trim()
      .refine(isTimeZone, { error: problem('subscribe.problem.timeZone') })
      .transform(canonicalTimeZone)
      .optional(),
    quiet: z
      .object({ start: z.number().int().min(0).max(1439), end: z.number().int().min(0).max(1439) })
      .refine((q) => q.start !== q.end, { error: problem('subscribe.problem.quietHours') })
      .optional(),
    preview: z.boolean().optional(),
    createdBy: z.string().min(1),
  });
}

/** Validates a subscribe request to one of `platforms`; throws TellUserError listing what to change. */
export function parseSubscribeInput(input: SubscribeInput, platforms: PlatformDirectory): SubscribeInput {
  const result = subscribeInputSchema(platforms).safeParse(input);
  if (!result.success) {
    throw refusal([...new Set(result.error.issues.map((i) => i.message))]);
  }
  const parsed = result.data;
  if (parsed.mode === 'digest' && parsed.digestHour === undefined && parsed.digestHourUtc === undefined) {
    throw refusal([problem('subscribe.problem.digestNeedsHour')]);
  }
  const destination: Destination = parsed.destination.threadId
    ? { platform: parsed.destination.platform, chatId: parsed.destination.chatId, threadId: parsed.destination.threadId }
    : { platform: parsed.destination.platform, chatId: parsed.destination.chatId };
  // A digest hour is kept when switching to instant alerts, so switching back needs no hour again.
  return { ...parsed, destination };
}

/** "Cannot subscribe: ..." in English, and as catalogue messages; a problem zod said itself is kept as it said it. */
function refusal(messages: readonly string[]): TellUserError {
  const said = messages.map((m) => problems.get(m) ?? { key: 'subscribe.problem.other' satisfies MessageKey, values: { problem: m } });
  return new TellUserError(`Cannot subscribe: ${messages.join('; ')}.`, { key: 'subscribe.refused' satisfies MessageKey, lists: { problems: said } });
}

/** Deterministic id of a destination's subscription to an entity set (entities sorted), so subscribing twice updates. */
export function subscriptionIdFor(destination: Destination, sortedEntities: readonly string[]): string {
  return createHash('sha256')
    .update(`${destinationKey(destination)}|${sortedEntities.join(',')}`)
    .digest('hex')
    .slice(0, 20);
}
