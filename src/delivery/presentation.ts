import { DEFAULT_TIME_ZONE } from './core/schedule.js';
import type { Presentation, Subscription } from './core/types.js';

/**
 * How a destination's message is shown, from the subscriptions that brought it: one that asked for previews
 * gets them, else one that turned them off turns them off; the zone is the first one set (default Asia/Almaty).
 */
export function presentationOf(subs: readonly Pick<Subscription, 'preview' | 'timeZone'>[]): Presentation {
  const preview = subs.some((s) => s.preview === true) ? true : subs.some((s) => s.preview === false) ? false : undefined;
  return {
    ...(preview !== undefined ? { preview } : {}),
    timeZone: subs.find((s) => s.timeZone)?.timeZone ?? DEFAULT_TIME_ZONE,
  };
}
