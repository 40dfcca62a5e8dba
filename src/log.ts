import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/**
 * The one root logger. Modules take a child: `rootLogger.child({ module: 'poller' })`.
 * Logs are JSON lines on stdout; pipe through `pino-pretty` to read them by eye.
 */
export function createLogger(level: LevelWithSilent = 'info'): Logger {
  return pino({
    level,
    base: { app: 'kazwire' },
    redact: { paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization'], censor: '***' },
  });
}

/** A logger that writes nothing, for tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });
