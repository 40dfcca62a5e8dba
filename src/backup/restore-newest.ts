import { readFileSync } from 'node:fs';
import type { PlatformDirectory } from '../delivery/core/platform.js';
import type { SubscriptionTransfer } from '../delivery/core/subscriptions.js';
import type { ChatLanguageStore } from '../i18n/chat-languages.js';
import { newestBackup } from './scheduled-backup.js';
import { importSubscriptions, type SubscriptionsImportReport } from './subscriptions-file.js';

/**
 * Restores the subscriptions from the newest export in `dir` (BACKUP_DIR), as
 * `npm run subscriptions -- import <file>` does: idempotent, so restoring over subscriptions that are still
 * there changes nothing; the chats' languages too when `languages` is given. Undefined when the folder holds no export.
 */
export async function restoreNewestBackup(
  store: Pick<SubscriptionTransfer, 'restore'>,
  dir: string,
  platforms: PlatformDirectory,
  languages?: Pick<ChatLanguageStore, 'set'>,
): Promise<(SubscriptionsImportReport & { file: string }) | undefined> {
  const file = newestBackup(dir);
  if (!file) return undefined;
  const report = await importSubscriptions(store, readFileSync(file, 'utf8'), platforms, languages);
  return { ...report, file };
}
