/**
 * The hand-written story set (bench/data/stories/*.json): events, each told by one or more outlets.
 * Each file is one part (`dev`, tuned on; `heldout`, only measured; `fresh`, written after the rules and
 * measured before any change made for it; `late`, written after the rules were settled again, measured once);
 * zod checks every file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../src/paths.js';

export const TRAP_KINDS = ['templated-series', 'same-actor-same-day', 'follow-up', 'shared-number', 'boilerplate'] as const;

const reportSchema = z.object({
  outlet: z.string().regex(/^[a-z0-9-]+$/),
  lang: z.enum(['en', 'ru', 'kk']),
  at: z.string().datetime(),
  title: z.string().min(1),
  lead: z.string(),
});

const fileSchema = z.object({
  split: z.enum(['dev', 'heldout', 'fresh', 'late']),
  description: z.string(),
  events: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9-]+$/),
      traps: z.array(z.enum(TRAP_KINDS)),
      reports: z.array(reportSchema).min(1),
    }),
  ),
});

export type StorySplit = z.infer<typeof fileSchema>['split'];

/** One report, flattened, with the event it belongs to. */
export interface StoryReport {
  itemId: string;
  eventId: string;
  /** One feed per outlet and language (Kazinform's Kazakh and Russian feeds are two feeds). */
  feedId: string;
  outlet: string;
  lang: 'en' | 'ru' | 'kk';
  publishedAtMs: number;
  title: string;
  lead: string;
}

export interface StoryEvent {
  id: string;
  traps: readonly string[];
  reports: StoryReport[];
}

export const storySetDir = path.join(projectRoot, 'bench', 'data', 'stories');

/** The events of one part, their reports in publication order within each event. */
export function loadStorySet(split: StorySplit, dir = storySetDir): StoryEvent[] {
  const events: StoryEvent[] = [];
  const ids = new Set<string>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = fileSchema.parse(JSON.parse(readFileSync(path.join(dir, name), 'utf8')));
    if (file.split !== split) continue;
    for (const e of file.events) {
      if (ids.has(e.id)) throw new Error(`${name}: event id ${e.id} used twice`);
      ids.add(e.id);
      const reports = e.reports.map((r, i) => ({
        itemId: `${e.id}#${i}`,
        eventId: e.id,
        feedId: `${r.outlet}-${r.lang}`,
        outlet: r.outlet,
        lang: r.lang,
        publishedAtMs: Date.parse(r.at),
        title: r.title,
        lead: r.lead,
      }));
      events.push({ id: e.id, traps: e.traps, reports });
    }
  }
  return events;
}
