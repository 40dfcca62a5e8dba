const CONNECTION_ERROR = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|Connection is closed|max retries per request|Socket closed|LOADING/i;

/** True for an error that only says Redis cannot be reached right now (down, restarting, loading its data). */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return CONNECTION_ERROR.test(err.message) || CONNECTION_ERROR.test(String((err as { code?: string }).code ?? ''));
}

/**
 * Runs a write that must not be lost, retrying it while Redis cannot be reached, for at most `maxWaitMs`
 * (default 60 s; 250 ms doubling to 2 s between tries). For what records a fact that already happened outside,
 * such as a message a platform accepted: failing there would make a retry do it again (a second post). Any other
 * error is thrown at once.
 */
export async function writeWhileAway<T>(write: () => Promise<T>, maxWaitMs = 60_000): Promise<T> {
  const deadline = Date.now() + maxWaitMs;
  for (let wait = 250; ; wait = Math.min(2_000, wait * 2)) {
    try {
      return await write();
    } catch (err) {
      if (!isConnectionError(err) || Date.now() + wait > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
