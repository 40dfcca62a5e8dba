import type { Worker } from 'bullmq';
import { isConnectionError } from '../redis/while-away.js';

/** What {@link reportWorkerErrors} logs with: a pino-like logger. */
interface ErrorLogger {
  error(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

/**
 * Logs a worker's own errors. While Redis is away a worker reports an error on each of its tries to fetch a job
 * (several a second, per worker): those are debug, as the connection's loss and return are logged once each
 * (src/redis/connection-log.ts). Anything else is an error.
 */
export function reportWorkerErrors(worker: Worker, log: ErrorLogger, message: string): void {
  worker.on('error', (err) => {
    if (isConnectionError(err)) log.debug({ err: err.message }, `${message} (Redis away)`);
    else log.error({ err: err.message }, message);
  });
}
