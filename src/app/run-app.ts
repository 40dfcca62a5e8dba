import type { Config } from '../config/env.js';
import type { Logger } from '../log.js';
import type { Role } from './roles.js';
import { startApp } from './start-app.js';

/** How long shutdown may take before the process exits anyway, in ms (orchestrators kill at 10 s). */
const SHUTDOWN_DEADLINE_MS = 9_000;

/**
 * Runs the app as a service: on SIGTERM or SIGINT it stops taking work, finishes or hands back what is in
 * flight, closes Redis and exits 0 within 10 s (1 if it had to cut the shutdown short).
 */
export async function runApp(config: Config, roles: Set<Role>, logger: Logger): Promise<void> {
  const log = logger.child({ module: 'app' });
  let stopping = false;
  const running: { app?: Awaited<ReturnType<typeof startApp>> } = {};

  const finish = async () => {
    await running.app?.stop();
    log.info('stopped');
    process.exit(0);
  };
  const starting = new AbortController();
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    starting.abort(new Error(`${signal} during start-up`));
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shutdown took too long; exiting, unfinished jobs go back to the queue');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    // A signal during start-up is acted on once start-up returns (below).
    if (running.app) void finish();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  try {
    running.app = await startApp(config, roles, logger, starting.signal);
  } catch (err) {
    // Stopped while waiting for Redis: nothing was started, nothing is lost.
    if (!stopping) throw err;
    log.info('stopped before start-up finished');
    process.exit(0);
  }
  if (stopping) await finish();
}
