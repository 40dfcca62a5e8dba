/** Options of {@link runPeriodically}. */
export interface PeriodicOptions {
  /** Time between two runs that succeeded, in ms. */
  everyMs: number;
  /** Wait before the first retry of a failed run, in ms, doubling up to `everyMs`. Default 5 s. */
  retryMs?: number;
  /** Told of each failure, with the wait before the next try and how many failed in a row. */
  onError(err: unknown, retryInMs: number, failures: number): void;
}

/**
 * Runs `task` now and every `everyMs`; a run that fails (Redis away) is tried again after `retryMs`, doubling,
 * not only at the next period (an hour, a day). Returns a function that stops it and waits for a run in flight.
 */
export function runPeriodically(task: () => Promise<unknown>, options: PeriodicOptions): () => Promise<void> {
  const retryMs = options.retryMs ?? 5_000;
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const arm = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  const tick = () => {
    running = task().then(
      () => {
        failures = 0;
        arm(options.everyMs);
      },
      (err: unknown) => {
        failures++;
        const wait = Math.min(options.everyMs, retryMs * 2 ** (failures - 1));
        options.onError(err, wait, failures);
        arm(wait);
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
