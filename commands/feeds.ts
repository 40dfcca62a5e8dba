import { privateReply, type Reply } from '../src/commands/reply.js';
import type { FeedHealth, FeedImportSummary } from '../src/commands/services.js';
import { option } from '../src/commands/options.js';
import type { Translator } from '../src/i18n/translator.js';
import { defineCommand } from '../src/commands/command.js';

/** Invalid lines of an import listed in the reply, at most. */
const MAX_PROBLEMS_SHOWN = 10;

/** Lists the feeds and their health; owners may add or remove one, or import a list of them from a file. */
export const feeds = defineCommand({
  name: 'feeds',
  description: 'feeds.description',
  options: {
    action: option.choice('feeds.option.action', ['list', 'add', 'remove', 'import'], 'list'),
    url: option.text('feeds.option.url', { max: 2000 }),
    file: option.file('feeds.option.file'),
  },
  check(args, problem) {
    if (args.action === 'list') return;
    if (args.action === 'import') {
      if (!args.file) problem('file', 'feeds.fileNeeded');
      return;
    }
    if (!args.url) problem('url', 'feeds.urlNeeded', { action: args.action });
    else if (!/^https?:\/\/[^\s/]+/i.test(args.url)) problem('url', 'feeds.urlInvalid');
  },
  permission: 'everyone',
  examples: ['/feeds', '/feeds add https://example.kz/rss', '/feeds remove https://example.kz/rss', '/feeds import (with an OPML file attached)'],
  async run({ args, caller, services, now, t }): Promise<Reply> {
    if (args.action === 'list') return listFeeds(await services.feeds.list(), now(), t);
    if (!caller.isOwner) return privateReply(t.t('feeds.ownersOnly', { action: args.action }));
    if (args.action === 'import' && args.file) {
      // Read only now, for an owner: nobody else makes the bot download anything.
      const name = args.file.name;
      return importReply(name, await services.feeds.importList(await args.file.read()), t);
    }
    const url = args.url ?? '';
    if (args.action === 'remove') {
      const removed = await services.feeds.remove(url);
      return removed
        ? { title: t.t('feeds.removedTitle'), blocks: [{ kind: 'text', text: t.t('feeds.removed', { url }) }] }
        : privateReply(t.t('feeds.noSuchFeed', { url }));
    }
    // The registry refuses what the poller would refuse (private networks, bad schemes, not a feed) with a
    // TellUserError saying why, which the dispatcher answers privately. A feed that does not answer now is kept
    // (never polled yet) and retried by the poller: say so.
    const feed = await services.feeds.add(url);
    const waiting = !feed.lastSuccessAt && feed.lastError;
    const text = waiting
      ? t.t('feeds.addedWaiting', { url: feed.url, error: feed.lastError ?? '' })
      : t.t('feeds.added', { name: feed.title ?? feed.url });
    return { title: t.t('feeds.addedTitle'), blocks: [{ kind: 'text', text }] };
  },
});

function importReply(fileName: string, report: FeedImportSummary, t: Translator): Reply {
  const { added, existing, problems } = report;
  const counts = t.t('feeds.importCounts', { added: added.length, existing: existing.length, invalid: problems.length });
  const lines = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => t.t('feeds.importLine', { line: p.line, reason: p.reason, text: p.text }));
  if (problems.length > MAX_PROBLEMS_SHOWN) lines.push(t.t('feeds.importMore', { count: problems.length - MAX_PROBLEMS_SHOWN }));
  return {
    title: t.t('feeds.importTitle', { file: fileName }),
    blocks: [
      { kind: 'text', text: counts },
      ...(lines.length > 0 ? [{ kind: 'fields' as const, fields: [{ name: t.t('feeds.invalidLines'), value: lines.join('\n') }] }] : []),
      ...(added.length > 0 ? [{ kind: 'text' as const, text: t.t('feeds.importNext') }] : []),
    ],
  };
}

/** Never polled: no poll, no success, no error yet (a configured feed the poller has not reached). */
function notPolled(f: FeedHealth): boolean {
  return !f.lastPollAt && !f.lastSuccessAt && !f.lastError && !f.failing;
}

function listFeeds(list: FeedHealth[], now: Date, t: Translator): Reply {
  if (list.length === 0) return { blocks: [{ kind: 'text', text: t.t('feeds.none') }] };
  const failing = list.filter((f) => f.failing).length;
  const waiting = list.filter(notPolled).length;
  const sorted = [...list].sort((a, b) => Number(b.failing) - Number(a.failing) || a.url.localeCompare(b.url));
  const summary = [failing > 0 ? t.t('feeds.failingCount', { count: failing }) : waiting < list.length ? t.t('feeds.allHealthy') : ''];
  if (waiting > 0) summary.push(t.t('feeds.notPolledCount', { count: waiting }));
  return {
    title: t.t('feeds.title', { count: list.length }),
    blocks: [
      { kind: 'text', text: summary.filter(Boolean).join(' ') },
      { kind: 'links', items: sorted.map((f) => ({ label: f.title ?? f.url, url: f.url, meta: health(f, now, t) })) },
    ],
  };
}

function health(f: FeedHealth, now: Date, t: Translator): string {
  if (f.failing) {
    const error = f.lastError ? `: ${f.lastError}` : '';
    return `${t.t('feeds.failing', { count: f.consecutiveFailures })}${error}`;
  }
  if (notPolled(f)) return t.t('feeds.notPolled');
  if (!f.lastSuccessAt) return f.lastError ? `${t.t('feeds.notPolled')}: ${f.lastError}` : t.t('feeds.notPolled');
  return t.t('feeds.ok', { ago: ago(Date.parse(f.lastSuccessAt), now.getTime(), t), count: f.itemsSeen });
}

function ago(thenMs: number, nowMs: number, t: Translator): string {
  const minutes = Math.max(0, Math.round((nowMs - thenMs) / 60_000));
  if (minutes < 1) return t.t('ago.justNow');
  if (minutes < 120) return t.t('ago.minutes', { count: minutes });
  const hours = Math.round(minutes / 60);
  return hours < 48 ? t.t('ago.hours', { count: hours }) : t.t('ago.days', { count: Math.round(hours / 24) });
}
