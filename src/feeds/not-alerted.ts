import type { Logger } from '../log.js';
import { itemsNotAlerted, type NotAlertedReason } from '../metrics.js';

export type { NotAlertedReason };

/** Enough of an item to say which one it was. */
export interface ItemRef {
  id: string;
  feedId: string;
  title: string;
}

/**
 * Counts items that will not alert, by reason (`kazwire_items_not_alerted_total`), and explains each one at
 * debug level (`level: 'trace'` for the bulk of unremarkable ones: items read again on every poll).
 */
export function countNotAlerted(
  log: Logger,
  items: readonly ItemRef[],
  reason: NotAlertedReason,
  options: { level?: 'debug' | 'trace'; detail?: Record<string, unknown> } = {},
): void {
  if (items.length === 0) return;
  itemsNotAlerted.inc({ reason }, items.length);
  const level = options.level ?? 'debug';
  if (!log.isLevelEnabled(level)) return;
  for (const item of items) {
    log[level]({ itemId: item.id, feedId: item.feedId, title: item.title, reason, ...options.detail }, 'item not alerted');
  }
}
