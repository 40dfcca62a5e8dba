import { createHash } from 'node:crypto';
import { z } from 'zod';
import { TellUserError } from '../../errors.js';
import type { PlatformDirectory } from './platform.js';
import { canonicalTimeZone, isTimeZone } from './schedule.js';
import { destinationKey, type Destination, type SubscribeInput } from './types.js';

/** Most keywords (and, separately, excluded keywords) one subscription may have. */
export const MAX_KEYWORDS = 25;
/** Longest keyword, in characters. */
export const MAX_KEYWORD_LENGTH = 64;
/** Most entities one subscription may list. */
export const MAX_ENTITIES = 50;

const keyword = z
  .string()
  .transform((k) => k.normalize('NFC').trim().replace(/\s+/gu, ' '))
  .pipe(
    z
      .string()
      .min(1, 'a keyword is empty')
      .max(MAX_KEYWORD_LENGTH, `a keyword is longer than ${MAX_KEYWORD_LENGTH} characters`),
  );

const keywordList = (what: string) =>
  z
    .array(keyword)
    .max(MAX_KEYWORDS, `at most ${MAX_KEYWORDS} ${what}`)
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
          error: `a destination is on one of: ${platforms.names().join(', ')}`,
        }),
        chatId: z.string(),
        threadId: z.string().regex(/^\d+$/, 'a thread id is a number').optional(),
      })
      .refine((d) => platforms.get(d.platform)?.isChatId(d.chatId) ?? true, { error: 'a chat id is a number', path: ['chatId'] }),
    entities: z
      .array(z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'an entity id is like "tokayev"'))
      .max(MAX_ENTITIES, `at most ${MAX_ENTITIES} topics`)
      .transform((list) => [...new Set(list)].sort()),
    keywords: keywordList('keywords'),
    exclude: keywordList('excluded keywords'),
    mode: z.enum(['instant', 'digest']),
    digestHour: z.number().int().min(0, 'the digest hour is 0-23').max(23, 'the digest hour is 0-23').optional(),
    digestHourUtc: z.number().int().min(0, 'the digest hour is 0-23 (UTC)').max(23, 'the digest hour is 0-23 (UTC)').optional(),
    timeZone: z
      .string()
      .trim()
      .refine(isTimeZone, { error: 'a time zone is an IANA name such as Asia/Almaty or Europe/Berlin' })
      .transform(canonicalTimeZone)
      .optional(),
    quiet: z
      .object({ start: z.number().int().min(0).max(1439), end: z.number().int().min(0).max(1439) })
      .refine((q) => q.start !== q.end, { error: 'quiet hours start and end at different times' })
      .optional(),
    preview: z.boolean().optional(),
    createdBy: z.string().min(1),
  });
}

/** Validates a subscribe request to one of `platforms`; throws TellUserError listing what to change. */
export function parseSubscribeInput(input: SubscribeInput, platforms: PlatformDirectory): SubscribeInput {
  const result = subscribeInputSchema(platforms).safeParse(input);
  if (!result.success) {
    const problems = [...new Set(result.error.issues.map((i) => i.message))];
    throw new TellUserError(`Cannot subscribe: ${problems.join('; ')}.`);
  }
  const parsed = result.data;
  if (parsed.mode === 'digest' && parsed.digestHour === undefined && parsed.digestHourUtc === undefined) {
    throw new TellUserError('Cannot subscribe: a digest needs an hour of the day (0-23).');
  }
  const destination: Destination = parsed.destination.threadId
    ? { platform: parsed.destination.platform, chatId: parsed.destination.chatId, threadId: parsed.destination.threadId }
    : { platform: parsed.destination.platform, chatId: parsed.destination.chatId };
  // A digest hour is kept when switching to instant alerts, so switching back needs no hour again.
  return { ...parsed, destination };
}

/** Deterministic id of a destination's subscription to an entity set (entities sorted), so subscribing twice updates. */
export function subscriptionIdFor(destination: Destination, sortedEntities: readonly string[]): string {
  return createHash('sha256')
    .update(`${destinationKey(destination)}|${sortedEntities.join(',')}`)
    .digest('hex')
    .slice(0, 20);
}
