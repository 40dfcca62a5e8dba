import type { MessageKey } from '../i18n/catalogue.js';
import type { MessageValues, Translator } from '../i18n/translator.js';

/**
 * Argument problems are found by zod schemas built once, before anyone's language is known, so a schema's message
 * is the problem's catalogue key and values, encoded as a string; `describeProblem` puts it into the reader's words
 * when the reply is made.
 */
const MARK = '\u0001i18n:';

/** A zod issue message standing for the catalogue message `key` with `values`. */
export function problem(key: MessageKey, values?: MessageValues): string {
  return MARK + JSON.stringify(values ? { key, values } : { key });
}

/** The issue message in the reader's words; a message not made by `problem` is shown as it is. */
export function describeProblem(message: string, t: Translator): string {
  if (!message.startsWith(MARK)) return message;
  try {
    const { key, values } = JSON.parse(message.slice(MARK.length)) as { key: MessageKey; values?: MessageValues };
    return t.t(key, values);
  } catch {
    return message;
  }
}
