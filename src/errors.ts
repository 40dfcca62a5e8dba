/**
 * Errors say what the caller should do next, in `action`:
 * - `retry`: a passing failure (network, 5xx, 429); try again later, after `retryAfterMs` when known.
 * - `give-up`: it will never work as asked (bad input, 4xx that is not a rate limit); record and stop.
 * - `tell-user`: the person who asked must change something; the message says what (`TellUserError.userMessage`).
 * Command dispatch (src/commands/dispatch.ts) switches on it: `tell-user` is answered privately with the message,
 * anything else is logged with its `kind` and `action` and apologised for. One class may carry either verdict
 * (the feed fetcher's `FeedFetchError`), so callers read `action` rather than the class.
 */
export type ErrorAction = 'retry' | 'give-up' | 'tell-user';

export abstract class KazwireError extends Error {
  abstract readonly action: ErrorAction;
  /** A short machine-readable kind, used as a metrics label and in logs. */
  abstract readonly kind: string;
}

export class RetryLaterError extends KazwireError {
  readonly action = 'retry' as const;
  constructor(
    readonly kind: string,
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RetryLaterError';
  }
}

export class GiveUpError extends KazwireError {
  readonly action = 'give-up' as const;
  constructor(
    readonly kind: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GiveUpError';
  }
}

/** A message for the user as a catalogue key and its values (src/i18n), put into the reader's words by dispatch. */
export interface UserMessageKey {
  key: string;
  values?: Readonly<Record<string, string | number>>;
  /** Placeholders whose values are messages too (several problems at once), each said in the reader's words, joined by `; `. */
  lists?: Readonly<Record<string, readonly UserMessageKey[]>>;
}

export class TellUserError extends KazwireError {
  readonly action = 'tell-user' as const;
  readonly kind = 'user';
  /**
   * @param userMessage the sentence in English (logs, the terminal, and any reader when `local` is absent)
   * @param local the same message as a catalogue key, for code below the commands that does not know the reader
   */
  constructor(
    readonly userMessage: string,
    readonly local?: UserMessageKey,
  ) {
    super(userMessage);
    this.name = 'TellUserError';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
