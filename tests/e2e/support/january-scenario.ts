import type { Archive } from '../../../src/news/archive.js';
import type { Story } from '../../../src/news/types.js';
import type { FakeDiscord } from '../../fakes/discord/server.js';
import type { FakeTelegram } from '../../fakes/telegram/server.js';
import { discordText } from './chat-helpers.js';
import { events } from './january-events.js';
import type { OutletId, Report } from './january-outlets.js';
import { series } from './january-series.js';
import { backlog, traps } from './january-traps.js';

/** A report of the scenario with what the test knows about it. */
export interface Entry {
  report: Report;
  /** Its article's slug at its outlet (the link's last part, and its guid unless the outlet rewrites guids). */
  slug: string;
  kind: 'event' | 'series' | 'trap' | 'backlog';
  /** The event it reports, for kind 'event'. */
  eventId?: string;
}

export const eventEntries: Entry[] = events.flatMap((e) =>
  e.reports.map((report): Entry => ({ report, slug: `${e.id}-${report.outlet}`, kind: 'event', eventId: e.id })),
);
export const seriesEntries: Entry[] = series.map((report, i): Entry => ({ report, slug: `series-${i + 1}`, kind: 'series' }));
export const trapEntries: Entry[] = traps.map((report, i): Entry => ({ report, slug: `other-${i + 1}`, kind: 'trap' }));
export const backlogEntries: Entry[] = backlog.map((report, i): Entry => ({ report, slug: `earlier-${i + 1}`, kind: 'backlog' }));

/**
 * What is published once the bot runs, in the order the outlets published it (their clocks), cut into runs of
 * one outlet: the bot reads each run in one poll of that outlet, and every run after the one before.
 */
export function publishingRuns(dateOf: (r: Report) => Date): Entry[][] {
  const ordered = [...eventEntries, ...seriesEntries, ...trapEntries]
    .map((entry, i) => ({ entry, i, at: dateOf(entry.report).getTime() }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((x) => x.entry);
  const runs: Entry[][] = [];
  for (const entry of ordered) {
    const last = runs[runs.length - 1];
    if (last && last[0]!.report.outlet === entry.report.outlet) last.push(entry);
    else runs.push([entry]);
  }
  return runs;
}

/** Every archived story of the last `days` days, by the link of each of its items. */
export async function storiesByLink(archive: Archive, days = 30): Promise<Map<string, Story>> {
  const now = Date.now();
  const { stories } = await archive.listStories({ fromMs: now - days * 86_400_000, toMs: now + 60_000, limit: 10_000 });
  const byLink = new Map<string, Story>();
  for (const story of stories) {
    for (const link of [story.link, ...story.alsoReportedBy.map((o) => o.link)]) if (link) byLink.set(link, story);
  }
  return byLink;
}

/** Where the test looks for alerts: the subscribed Discord channel and Telegram group. */
export interface AlertPlaces {
  discord: FakeDiscord;
  channelId: string;
  tg: FakeTelegram;
  chatId: number;
}

/** How many messages the bot posted that show a headline, on each platform (an alert, alone or in a list). */
export function messagesShowing(places: AlertPlaces, headline: string): { discord: number; telegram: number } {
  // Discord messages are searched as JSON (content and embeds): the headline as a JSON string's inside.
  const inJson = JSON.stringify(headline).slice(1, -1);
  return {
    discord: places.discord.messages(places.channelId).filter((m) => discordText(m).includes(inJson)).length,
    telegram: places.tg.botReplies(places.chatId).filter((m) => m.text.includes(headline)).length,
  };
}

export type { OutletId };
