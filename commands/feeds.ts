import { privateReply, type Reply } from '../src/commands/reply.js';
import type { FeedHealth, FeedImportSummary } from '../src/commands/services.js';
import { option } from '../src/commands/options.js';
import { plural } from './support/text.js';
import { defineCommand } from '../src/commands/command.js';

/** Invalid lines of an import listed in the reply, at most. */
const MAX_PROBLEMS_SHOWN = 10;

/** Lists the feeds and their health; owners may add or remove one, or import a list of them from a file. */
export const feeds = defineCommand({
  name: 'feeds',
  description: 'List the news feeds and their health; owners can add, remove or import feeds',
  options: {
    action: option.choice('list (default), add, remove or import', ['list', 'add', 'remove', 'import'], 'list'),
    url: option.text('The feed address, for add and remove', { max: 2000 }),
    file: option.file('For import: an OPML file, or feed addresses one a line'),
  },
  check(args, problem) {
    if (args.action === 'list') return;
    if (args.action === 'import') {
      if (!args.file) problem('file', 'attach an OPML file (or a text file with one feed address a line) to import');
      return;
    }
    if (!args.url) problem('url', `is needed to ${args.action} a feed`);
    else if (!/^https?:\/\/[^\s/]+/i.test(args.url)) problem('url', 'must be an http(s) address, like https://example.kz/rss');
  },
  permission: 'everyone',
  examples: ['/feeds', '/feeds add https://example.kz/rss', '/feeds remove https://example.kz/rss', '/feeds import (with an OPML file attached)'],
  async run({ args, caller, services, now }): Promise<Reply> {
    if (args.action === 'list') return listFeeds(await services.feeds.list(), now());
    if (!caller.isOwner) return privateReply(`Only the bot's owners can ${args.action} feeds.`);
    if (args.action === 'import' && args.file) {
      // Read only now, for an owner: nobody else makes the bot download anything.
      const name = args.file.name;
      return importReply(name, await services.feeds.importList(await args.file.read()));
    }
    const url = args.url ?? '';
    if (args.action === 'remove') {
      const removed = await services.feeds.remove(url);
      return removed
        ? { title: 'Feed removed', blocks: [{ kind: 'text', text: `Removed ${url}; it will not be polled again.` }] }
        : privateReply(`No feed has the address ${url}. Use /feeds to see them.`);
    }
    // The registry refuses what the poller would refuse (private networks, bad schemes, not a feed) with a
    // TellUserError saying why, which the dispatcher answers privately. A feed that does not answer now is kept
    // (never polled yet) and retried by the poller: say so.
    const feed = await services.feeds.add(url);
    const waiting = !feed.lastSuccessAt && feed.lastError;
    const text = waiting
      ? `Added ${feed.url}, but it did not answer just now (${feed.lastError}). It is kept and the poller keeps trying it; /feeds shows how it goes.`
      : `Added ${feed.title ?? feed.url}. Its new stories will appear after the next poll.`;
    return { title: 'Feed added', blocks: [{ kind: 'text', text }] };
  },
});

function importReply(fileName: string, report: FeedImportSummary): Reply {
  const { added, existing, problems } = report;
  const counts = `${added.length} added, ${existing.length} already present, ${problems.length} invalid.`;
  const lines = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `line ${p.line}: ${p.reason}: ${p.text}`);
  if (problems.length > MAX_PROBLEMS_SHOWN) lines.push(`… and ${problems.length - MAX_PROBLEMS_SHOWN} more`);
  return {
    title: `Feeds imported from ${fileName}`,
    blocks: [
      { kind: 'text', text: counts },
      ...(lines.length > 0 ? [{ kind: 'fields' as const, fields: [{ name: 'Invalid lines', value: lines.join('\n') }] }] : []),
      ...(added.length > 0 ? [{ kind: 'text' as const, text: 'New feeds are polled within a few minutes; /feeds shows how they do.' }] : []),
    ],
  };
}

function listFeeds(list: FeedHealth[], now: Date): Reply {
  if (list.length === 0) {
    return { blocks: [{ kind: 'text', text: 'No feeds yet. An owner can add one with /feeds add <url>.' }] };
  }
  const failing = list.filter((f) => f.failing).length;
  const sorted = [...list].sort((a, b) => Number(b.failing) - Number(a.failing) || a.url.localeCompare(b.url));
  return {
    title: `Feeds (${list.length})`,
    blocks: [
      { kind: 'text', text: failing > 0 ? `${plural(failing, 'feed is', 'feeds are')} failing.` : 'Every feed is healthy.' },
      { kind: 'links', items: sorted.map((f) => ({ label: f.title ?? f.url, url: f.url, meta: health(f, now) })) },
    ],
  };
}

function health(f: FeedHealth, now: Date): string {
  if (f.failing) {
    const error = f.lastError ? `: ${f.lastError}` : '';
    return `failing, ${plural(f.consecutiveFailures, 'failure', 'failures')} in a row${error}`;
  }
  const last = f.lastSuccessAt ? `last read ${ago(Date.parse(f.lastSuccessAt), now.getTime())}` : 'not read yet';
  return `ok, ${last}, ${plural(f.itemsSeen, 'item', 'items')} seen`;
}

function ago(thenMs: number, nowMs: number): string {
  const minutes = Math.max(0, Math.round((nowMs - thenMs) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 120) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}
