/**
 * Scores a clustering of the story set the way a subscriber meets it: one alert per story (its first item),
 * so an event alerted twice is an extra alert, and an event whose every report joined other events' stories
 * was merged away (never alerted on its own).
 */
import type { StoryEvent } from './story-set.js';

/** Where each item went: its story and whether it started it. */
export type Assignments = Map<string, { storyId: string; isNew: boolean }>;

export interface StoryFigures {
  events: number;
  /** Events with no alert of their own. */
  mergedAway: number;
  /** Alerts beyond the first, summed over events. */
  extraAlerts: number;
  /** Events told by two outlets or more, and how many of them were alerted exactly once. */
  multiOutlet: number;
  alertedOnce: number;
  /** Reports placed in a story started by another event. */
  wrongJoins: number;
}

export function outletCount(e: StoryEvent): number {
  return new Set(e.reports.map((r) => r.outlet)).size;
}

export function languageMix(e: StoryEvent): 'single language' | 'across languages' {
  return new Set(e.reports.map((r) => r.lang)).size > 1 ? 'across languages' : 'single language';
}

export function scoreEvents(events: readonly StoryEvent[], assigned: Assignments, all: readonly StoryEvent[] = events): StoryFigures {
  const eventOfItem = new Map<string, string>();
  for (const e of all) for (const r of e.reports) eventOfItem.set(r.itemId, e.id);
  const starterEvent = new Map<string, string>();
  for (const [itemId, a] of assigned) if (a.isNew) starterEvent.set(a.storyId, eventOfItem.get(itemId)!);
  const f: StoryFigures = { events: events.length, mergedAway: 0, extraAlerts: 0, multiOutlet: 0, alertedOnce: 0, wrongJoins: 0 };
  for (const e of events) {
    const alerts = e.reports.filter((r) => assigned.get(r.itemId)?.isNew).length;
    if (alerts === 0) f.mergedAway++;
    f.extraAlerts += Math.max(0, alerts - 1);
    f.wrongJoins += e.reports.filter((r) => {
      const a = assigned.get(r.itemId);
      return a && !a.isNew && starterEvent.get(a.storyId) !== e.id;
    }).length;
    if (outletCount(e) > 1) {
      f.multiOutlet++;
      if (alerts === 1) f.alertedOnce++;
    }
  }
  return f;
}

const pct = (n: number, d: number) => (d === 0 ? '  n/a' : `${((100 * n) / d).toFixed(0).padStart(3)}%`);

/** One line of figures, each beside its aim. */
export function formatFigures(label: string, f: StoryFigures): string {
  const kept = f.events - f.mergedAway;
  return (
    `${label.padEnd(34)} ${String(f.events).padStart(3)} events | own alert ${pct(kept, f.events)} (aim >= 98%)` +
    ` | extra alerts/event ${(f.extraAlerts / Math.max(1, f.events)).toFixed(2)} (aim <= 0.05)` +
    ` | multi-outlet once ${f.alertedOnce}/${f.multiOutlet} ${pct(f.alertedOnce, f.multiOutlet)} (aim >= 90%)` +
    ` | wrong joins ${f.wrongJoins}`
  );
}
