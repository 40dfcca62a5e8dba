/** Options of {@link waitUntil}. */
export interface WaitUntilOptions {
  /** Give up after this long, in ms. Default 10 000. */
  timeoutMs?: number;
  /** Pause between two checks, in ms. Default 100. */
  intervalMs?: number;
}

/**
 * Checks `probe` until it returns something other than `undefined`/`false`, and resolves with that value;
 * rejects after `timeoutMs` with `what` in the message, so a timed-out wait says what never happened.
 */
export async function waitUntil<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  options: WaitUntilOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
