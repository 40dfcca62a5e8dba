import type { Subscription } from '../../src/delivery/core/types.js';
import { joinList, quotedList } from './text.js';

/** The hour a digest goes out when the subscriber does not choose one, in UTC. */
export const DEFAULT_DIGEST_HOUR_UTC = 8;

/**
 * What a subscription delivers, as the end of a sentence starting "This channel will get ...":
 * `every Kazakhstan story as it breaks`, or
 * `stories about Kassym-Jomart Tokayev containing "fuel", excluding "football", in a daily digest at 08:00 UTC`.
 * `entityNames` are the display names of `subscription.entities`, in the same order.
 */
export function describeSubscription(
  subscription: Pick<Subscription, 'keywords' | 'exclude' | 'mode' | 'digestHourUtc'>,
  entityNames: readonly string[],
  topicName: string,
): string {
  const filtered = entityNames.length > 0 || subscription.keywords.length > 0 || subscription.exclude.length > 0;
  let text =
    entityNames.length > 0
      ? `stories about ${joinList(entityNames, 'or')}`
      : filtered
        ? `${topicName} stories`
        : `every ${topicName} story`;
  if (subscription.keywords.length > 0) text += ` containing ${quotedList(subscription.keywords)}`;
  if (subscription.exclude.length > 0) text += `, excluding ${quotedList(subscription.exclude)}`;
  if (subscription.mode === 'digest') {
    const hour = subscription.digestHourUtc ?? DEFAULT_DIGEST_HOUR_UTC;
    return `${text}, in a daily digest at ${String(hour).padStart(2, '0')}:00 UTC`;
  }
  return `${text} ${filtered ? 'as they break' : 'as it breaks'}`;
}
