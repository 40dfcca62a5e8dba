import { pino, type Logger, type LevelWithSilent, type DestinationStream } from 'pino';
import pinoPretty from 'pino-pretty';

export type { Logger };

/** `pretty`: one readable, coloured line per event (terminals); `json`: one JSON object per line (collectors). */
export type LogFormat = 'pretty' | 'json';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Default `info`. */
  level?: LevelWithSilent;
  /** Default: `pretty` when `stream` (stdout) is a terminal, `json` otherwise (LOG_FORMAT forces either). */
  format?: LogFormat;
  /** Where lines go: default stdout. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
}

/** The format used when none is forced: pretty on a terminal, JSON for pipes, files and log collectors. */
export function defaultLogFormat(stream: { isTTY?: boolean } = process.stdout): LogFormat {
  return stream.isTTY ? 'pretty' : 'json';
}

/**
 * The one root logger. Modules take a child: `rootLogger.child({ module: 'poller' })`.
 * Pretty lines are written synchronously on the main thread (no transport worker), so the last lines before
 * an exit are never lost; JSON lines go to the stream as pino writes them.
 */
export function createLogger(levelOrOptions: LevelWithSilent | LoggerOptions = 'info'): Logger {
  const options: LoggerOptions = typeof levelOrOptions === 'string' ? { level: levelOrOptions } : levelOrOptions;
  const stream = options.stream ?? process.stdout;
  const format = options.format ?? defaultLogFormat(stream);
  const destination: DestinationStream | undefined =
    format === 'pretty'
      ? pinoPretty({
          destination: stream === process.stdout ? 1 : stream === process.stderr ? 2 : stream,
          sync: true,
          colorize: stream.isTTY === true,
          translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
          ignore: 'pid,hostname,app',
          singleLine: false,
        })
      : stream === process.stdout
        ? undefined
        : (stream as DestinationStream);
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'kazwire' },
      redact: { paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization'], censor: '***' },
    },
    destination,
  );
}

/** A logger that writes nothing, for tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });
