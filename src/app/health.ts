import type { Logger } from '../log.js';
import { componentUp } from '../metrics.js';

/** What one component said last about itself. */
export interface ComponentState {
  /** Whether it can do its job now. */
  up: boolean;
  /** What is going on, in a few words (`connected`, `getUpdates failed: 502 Bad Gateway`). */
  detail: string;
  /** When `up` last changed (ISO 8601): how long it has been like this. */
  since: string;
}

/** What `/healthz` answers: `ok` only when every component is up. */
export interface HealthReport {
  status: 'ok' | 'unavailable';
  components: Record<string, ComponentState>;
}

/** Options of {@link Health.report}. */
export interface ReportOptions {
  /** What the operator should check when it goes down (logged with the warning, not kept in the report). */
  check?: string;
}

/**
 * The process's health: each component (`redis`, `discord`, `telegram`, `pollers`, `workers`...) reports its own
 * state; `/healthz` and the `kazwire_component_up` gauge read it. A change of state is logged once (a warning with
 * what to check when it goes down, an info line when it is back); a repeated report of the same state only
 * refreshes its detail.
 */
export interface Health {
  report(component: string, up: boolean, detail: string, options?: ReportOptions): void;
  /** Forgets a component (a role that stopped). */
  remove(component: string): void;
  snapshot(): HealthReport;
}

export function createHealth(logger: Logger, now: () => Date = () => new Date()): Health {
  const log = logger.child({ module: 'health' });
  const states = new Map<string, ComponentState>();
  return {
    report(component, up, detail, options = {}) {
      const previous = states.get(component);
      const changed = previous?.up !== up;
      states.set(component, { up, detail, since: changed || !previous ? now().toISOString() : previous.since });
      componentUp.set({ component }, up ? 1 : 0);
      if (!changed) return;
      if (!up) log.warn({ component, detail, ...(options.check ? { check: options.check } : {}) }, `${component} is down`);
      else if (previous) log.info({ component, detail, downSince: previous.since }, `${component} is back`);
    },
    remove(component) {
      states.delete(component);
      componentUp.remove({ component });
    },
    snapshot() {
      const components = Object.fromEntries([...states].sort(([a], [b]) => a.localeCompare(b)).map(([name, s]) => [name, { ...s }]));
      const up = [...states.values()].every((s) => s.up);
      return { status: up ? 'ok' : 'unavailable', components };
    },
  };
}
