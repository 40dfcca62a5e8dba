import type { Redis } from 'ioredis';

/** What {@link reportConnection} logs with: a pino-like logger. */
interface ConnectionLogger {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

/**
 * Logs a connection's outages once each: ioredis reports an error on every reconnect attempt (every second or
 * two while Redis is away), which would bury everything else. The first error after the connection was ready is a
 * warning, the rest debug, and its return is said once. Before the connection was ever ready nothing is logged
 * at warn: the start-up wait says what to do (src/app/wait-for-redis.ts).
 */
export function reportConnection(conn: Redis, log: ConnectionLogger, name: string): void {
  let everReady = conn.status === 'ready';
  let down = false;
  conn.on('error', (err: Error) => {
    if (everReady && !down) log.warn({ connection: name, err: err.message }, 'lost the connection to Redis; reconnecting quietly');
    else log.debug({ connection: name, err: err.message }, 'redis connection error');
    if (everReady) down = true;
  });
  conn.on('ready', () => {
    if (down) log.info({ connection: name }, 'Redis connection is back');
    everReady = true;
    down = false;
  });
}
