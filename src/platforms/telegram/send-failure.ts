import { GrammyError, HttpError } from 'grammy';
import type { SendFailure } from '../../delivery/core/types.js';

/**
 * 400 answers that mean the bot can no longer post where it was asked to: the chat, its topic or the bot's
 * rights are gone. Retrying the same destination will not help; the subscription should be paused.
 */
const destinationGone = [
  /chat not found/i,
  /group chat was deactivated/i,
  /need administrator rights/i,
  /not enough rights/i,
  /have no rights to send/i,
  /CHAT_WRITE_FORBIDDEN/,
  /message thread not found/i,
  /TOPIC_(CLOSED|DELETED)/,
  /PEER_ID_INVALID/,
];

/** Whether Telegram refused the message's HTML (the plain-text fallback may still go through). */
export function isEntityParseError(err: unknown): boolean {
  return err instanceof GrammyError && err.error_code === 400 && /can't parse entities/i.test(err.description);
}

/**
 * Whether Telegram refused a photo itself (it could not fetch or read the URL): the alert then goes as a text
 * message with the article's link preview instead, so no alert is lost to a picture.
 */
export function isPhotoRefused(err: unknown): boolean {
  return (
    err instanceof GrammyError &&
    err.error_code === 400 &&
    /wrong file identifier|HTTP URL|failed to get|web page content|IMAGE_PROCESS_FAILED|PHOTO_|WEBPAGE_|wrong type of/i.test(err.description)
  );
}

/** Whether an edit was refused only because nothing changed, which counts as success. */
export function isNotModified(err: unknown): boolean {
  return err instanceof GrammyError && err.error_code === 400 && /message is not modified/i.test(err.description);
}

/**
 * What a failed Bot API call means for delivery:
 * - 429 → `rate-limited` after `parameters.retry_after` seconds (1 s when missing);
 * - `parameters.migrate_to_chat_id` → `migrated` to the supergroup;
 * - 403 (kicked, blocked, not a member) and 400 "chat not found"-like answers → `destination-gone`;
 * - 5xx, 401/404 (a wrong token or API root: fixable by the operator, so messages wait), network failures
 *   and timeouts → `transient`;
 * - any other 4xx → `rejected`.
 */
export function classifyTelegramError(err: unknown): SendFailure {
  if (err instanceof GrammyError) {
    const { error_code: code, description, parameters } = err;
    if (code === 429) return { kind: 'rate-limited', retryAfterMs: (parameters.retry_after ?? 1) * 1000, global: false };
    if (parameters.migrate_to_chat_id !== undefined) {
      return { kind: 'migrated', newChatId: String(parameters.migrate_to_chat_id) };
    }
    if (code === 403) return { kind: 'destination-gone', reason: description };
    if (code === 400 && destinationGone.some((p) => p.test(description))) {
      return { kind: 'destination-gone', reason: description };
    }
    if (code >= 500 || code === 401 || code === 404) return { kind: 'transient' };
    return { kind: 'rejected', reason: description };
  }
  if (err instanceof HttpError) return { kind: 'transient' };
  return { kind: 'transient' };
}
