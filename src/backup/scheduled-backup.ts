import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log.js';
import type { SubscriptionTransfer } from '../delivery/core/subscriptions.js';
import type { ChatLanguageTransfer } from '../i18n/chat-languages.js';
import { writeFileAtomic } from './atomic-file.js';
import { exportSubscriptions } from './subscriptions-file.js';

/** Options of {@link startSubscriptionBackups}. */
export interface SubscriptionBackupOptions {
  store: Pick<SubscriptionTransfer, 'listAll'>;
  /** The languages chats chose with /language, exported beside the subscriptions. Default: none exported. */
  languages?: ChatLanguageTransfer;
  /** BACKUP_DIR: created when missing. */
  dir: string;
  /** BACKUP_INTERVAL_HOURS, in ms. */
  everyMs: number;
  /** BACKUP_KEEP: how many exports to keep; older ones are deleted. */
  keep: number;
  logger: Logger;
  now?: () => Date;
}

const NAME = /^subscriptions-\d{8}T\d{6}(\d{3})?Z\.json$/;

/** `subscriptions-20220107T101500123Z.json`: sorts by time as text. */
export function backupFileName(at: Date): string {
  return `subscriptions-${at.toISOString().replace(/[-:.]/g, '')}.json`;
}

/**
 * Exports the subscriptions to `dir` now and every `everyMs`, each file written whole (atomically), keeping the
 * newest `keep`. An export that finds no subscriptions while the newest file has some is not written (Redis was
 * probably emptied; the good file stays, to be imported). A failed export is retried after a minute, doubling up
 * to `everyMs`. Returns a function that stops it.
 */
export function startSubscriptionBackups(options: SubscriptionBackupOptions): () => Promise<void> {
  const log = options.logger.child({ module: 'subscription-backup' });
  const now = options.now ?? (() => new Date());
  let running: Promise<unknown> = Promise.resolve();

  const backupOnce = async () => {
    mkdirSync(options.dir, { recursive: true });
    const existing = readdirSync(options.dir).filter((f) => NAME.test(f)).sort();
    const { text, count } = await exportSubscriptions(options.store, now(), options.languages);
    const newest = existing.at(-1);
    if (count === 0 && newest && countIn(path.join(options.dir, newest)) > 0) {
      log.error(
        { dir: options.dir, newest, fix: `npm run subscriptions -- import ${path.join(options.dir, newest)}` },
        'Redis has no subscriptions but the newest backup has some: not overwriting it; import it to restore them',
      );
      return;
    }
    const file = path.join(options.dir, backupFileName(now()));
    writeFileAtomic(file, text);
    const kept = [...new Set([...existing, path.basename(file)])].sort();
    for (const old of kept.slice(0, Math.max(0, kept.length - options.keep))) rmSync(path.join(options.dir, old), { force: true });
    log.info({ file, subscriptions: count }, 'subscriptions exported');
  };

  // A failed export (Redis away, a full disk) is tried again after a minute, doubling, not only a period later.
  let failures = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  const tick = () => {
    running = backupOnce().then(
      () => {
        failures = 0;
        arm(options.everyMs);
      },
      (err: unknown) => {
        failures++;
        const retryInMs = Math.min(options.everyMs, 60_000 * 2 ** (failures - 1));
        log.error({ err: (err as Error).message, dir: options.dir, retryInMs }, 'subscriptions export failed; will try again');
        arm(retryInMs);
      },
    );
  };
  tick();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

/** The newest export in `dir` (full path), or undefined when there is none (or no such folder). */
export function newestBackup(dir: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => NAME.test(f)).sort();
  } catch {
    return undefined;
  }
  const newest = names.at(-1);
  return newest ? path.join(dir, newest) : undefined;
}

function countIn(file: string): number {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { subscriptions?: unknown[] };
    return Array.isArray(parsed.subscriptions) ? parsed.subscriptions.length : 0;
  } catch {
    return 0;
  }
}
