import { errorMessage } from '../errors.js';
import type { Health } from './health.js';

/** The part of a BullMQ queue looked at. */
export interface WatchedQueue {
  getWaitingCount(): Promise<number>;
  getDelayed(start: number, end: number): Promise<Array<{ timestamp: number; delay?: number }>>;
}

/** The part of a BullMQ worker looked at. */
export interface WatchedWorker {
  isRunning(): boolean;
  on(event: 'completed' | 'failed', listener: () => void): unknown;
}

/** Options of {@link watchProgress}. */
export interface ProgressWatchOptions {
  /** The health component, e.g. `pollers` or `workers`. */
  component: string;
  health: Health;
  /** The queue whose due jobs the workers should be taking. */
  queue: WatchedQueue;
  /** The workers taking that queue's jobs in this process. */
  workers: readonly WatchedWorker[];
  /** What to check when they make no progress. */
  check: string;
  /** How long due work may wait with no job finishing before the component is down, in ms. Default 90 000. */
  stallAfterMs?: number;
  /** How often the queue is looked at, in ms. Default 15 000. */
  everyMs?: number;
  now?: () => number;
}

/**
 * Reports whether a queue's workers make progress: down when a worker is not running, or when jobs are due
 * (waiting, or delayed past their time) and none has finished for `stallAfterMs`. An idle queue is progress
 * enough. Returns the function that stops watching.
 */
export function watchProgress(options: ProgressWatchOptions): () => void {
  const { component, health, queue, workers, check } = options;
  const now = options.now ?? Date.now;
  const stallAfterMs = options.stallAfterMs ?? 90_000;
  let lastFinishedAt = now();
  for (const worker of workers) {
    worker.on('completed', () => void (lastFinishedAt = now()));
    worker.on('failed', () => void (lastFinishedAt = now()));
  }
  const look = async () => {
    if (!workers.every((w) => w.isRunning())) return health.report(component, false, 'a worker is not running', { check });
    try {
      const [waiting, [next]] = await Promise.all([queue.getWaitingCount(), queue.getDelayed(0, 0)]);
      const overdue = next !== undefined && next.timestamp + (next.delay ?? 0) < now() - stallAfterMs;
      const idleMs = now() - lastFinishedAt;
      if ((waiting > 0 || overdue) && idleMs > stallAfterMs) {
        health.report(component, false, `${waiting} jobs due, none finished for ${Math.round(idleMs / 1000)} s`, { check });
      } else {
        health.report(component, true, waiting > 0 ? `${waiting} jobs due, working` : 'keeping up', { check });
      }
    } catch (err) {
      health.report(component, false, `cannot read the queue: ${errorMessage(err)}`, { check });
    }
  };
  // The first look once the workers had a moment to start running.
  const first = setTimeout(() => void look(), 1000).unref();
  const timer = setInterval(() => void look(), options.everyMs ?? 15_000);
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
    health.remove(component);
  };
}
