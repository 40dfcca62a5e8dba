import type { Subscription } from '../../src/delivery/core/types.js';
import type { Translator } from '../../src/i18n/translator.js';
import { quotedList } from './text.js';

/** The hour a digest goes out when the subscriber does not choose one, in UTC. */
export const DEFAULT_DIGEST_HOUR_UTC = 8;

/**
 * What a subscription delivers, in the reader's language, as the object of "This channel will get ...":
 * `every Kazakhstan story as it breaks`, or
 * `stories about Kassym-Jomart Tokayev containing "fuel", excluding "football", in a daily digest at 08:00 UTC`.
 * `entityNames` are the display names of `subscription.entities` (in the reader's language), in the same order;
 * `topicName` is the pack's name in that language.
 */
export function describeSubscription(
  subscription: Pick<Subscription, 'keywords' | 'exclude' | 'mode' | 'digestHourUtc'>,
  entityNames: readonly string[],
  topicName: string,
  t: Translator,
): string {
  const filtered = entityNames.length > 0 || subscription.keywords.length > 0 || subscription.exclude.length > 0;
  const hour = subscription.digestHourUtc ?? DEFAULT_DIGEST_HOUR_UTC;
  return t.t('subscription.what', {
    scope: entityNames.length > 0 ? 'entities' : filtered ? 'topic' : 'all',
    topic: topicName,
    names: t.list(entityNames, 'or'),
    hasKeywords: subscription.keywords.length > 0 ? 'yes' : 'no',
    keywords: quotedList(subscription.keywords, t),
    hasExclude: subscription.exclude.length > 0 ? 'yes' : 'no',
    exclude: quotedList(subscription.exclude, t),
    mode: subscription.mode,
    time: `${String(hour).padStart(2, '0')}:00`,
  });
}
