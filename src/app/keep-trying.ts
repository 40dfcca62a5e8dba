import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { Health } from './health.js';

/** Options of {@link keepTrying}. */
export interface KeepTryingOptions {
  /** The health component the attempts report to, e.g. `discord`. */
  component: string;
  /** One try; resolves once connected. `signal` aborts when the caller stops trying. */
  attempt: (signal: AbortSignal) => Promise<void>;
  health: Health;
  log: Logger;
  /** What the operator should check while it fails (logged once when it goes down). */
  check: string;
  /** Wait after the first failure, in ms; doubled after each one. Default 1000. */
  firstDelayMs?: number;
  /** Longest wait between two tries, in ms. Default 60 000. */
  maxDelayMs?: number;
}

/** A connection being tried until it holds. */
export interface Trying {
  /** Resolves true once an attempt succeeded, false when stopped first. */
  readonly connected: Promise<boolean>;
  /** Stops trying (an attempt in flight is aborted); resolves at once. */
  stop(): void;
}

/**
 * Tries `attempt` until it succeeds, waiting `firstDelayMs`, then twice as long each time up to `maxDelayMs`
 * (with a little jitter, so replicas do not knock together). Each failure is reported to the health component
 * (`up: false`, the error as detail); the success reports it up. Never throws.
 */
export function keepTrying(options: KeepTryingOptions): Trying {
  const { component, health, log, check } = options;
  const first = options.firstDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 60_000;
  const abort = new AbortController();
  const connected = (async () => {
    let delay = first;
    for (let tries = 1; !abort.signal.aborted; tries++) {
      try {
        await options.attempt(abort.signal);
        if (abort.signal.aborted) return false;
        health.report(component, true, 'connected', { check });
        return true;
      } catch (err) {
        if (abort.signal.aborted) return false;
        const wait = Math.round(delay * (0.9 + Math.random() * 0.2));
        health.report(component, false, `cannot connect: ${errorMessage(err)}`, { check });
        log.debug({ component, tries, retryInMs: wait, err: errorMessage(err) }, 'connection attempt failed; trying again');
        await sleep(wait, undefined, { signal: abort.signal }).catch(() => undefined);
        delay = Math.min(delay * 2, max);
      }
    }
    return false;
  })();
  return { connected, stop: () => abort.abort() };
}
