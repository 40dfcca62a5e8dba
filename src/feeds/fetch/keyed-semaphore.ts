/** Releases a permit; calling it more than once is harmless. */
export type Release = () => void;

/** Limits how many holders of one key may run at a time, in this process. */
export interface KeyedSemaphore {
  /**
   * Waits for a permit for `key`. Waiters are served first come, first served.
   * Rejects with the signal's reason if `signal` aborts while waiting (the place in line is given up).
   */
  acquire(key: string, signal?: AbortSignal): Promise<Release>;
  /** Permits currently held for `key`. */
  held(key: string): number;
}

interface Slot {
  held: number;
  waiters: Array<() => void>;
}

/**
 * Creates an in-process semaphore with `permits` permits per key (at least 1).
 * Keys with no holder and no waiter are forgotten, so memory follows the number of busy keys.
 */
export function createKeyedSemaphore(permits: number): KeyedSemaphore {
  const limit = Math.max(1, Math.floor(permits));
  const slots = new Map<string, Slot>();

  const releaseFor = (key: string, slot: Slot): Release => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = slot.waiters.shift();
      // The permit passes straight to the next waiter, so a newcomer cannot jump the line.
      if (next) return next();
      slot.held -= 1;
      if (slot.held === 0) slots.delete(key);
    };
  };

  return {
    acquire(key, signal) {
      signal?.throwIfAborted();
      let slot = slots.get(key);
      if (!slot) {
        slot = { held: 0, waiters: [] };
        slots.set(key, slot);
      }
      const current = slot;
      if (current.held < limit) {
        current.held += 1;
        return Promise.resolve(releaseFor(key, current));
      }
      return new Promise<Release>((resolve, reject) => {
        const onAbort = () => {
          const index = current.waiters.indexOf(grant);
          if (index >= 0) current.waiters.splice(index, 1);
          reject(signal?.reason);
        };
        const grant = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(releaseFor(key, current));
        };
        current.waiters.push(grant);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    held(key) {
      return slots.get(key)?.held ?? 0;
    },
  };
}
