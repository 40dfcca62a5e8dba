/**
 * Feed management and health from the terminal:
 *   npm run feeds -- list [--failing]   (each feed's health, then a one-line summary)
 *   npm run feeds -- add URL            (kept even when it does not answer now: the poller retries it)
 *   npm run feeds -- remove URL         (for good: the default list does not bring it back)
 *   npm run feeds -- import FILE        (OPML or one URL a line; bulk, nothing fetched)
 *   npm run feeds -- export [FILE]      (OPML 2.0 with titles; standard output without FILE)
 *   npm run feeds -- check URL          (fetch and parse once; print each item's title, link, date and relevance)
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/env.js';
import { loadEnvironment } from '../config/load.js';
import { connectRedis } from '../redis/connection.js';
import { deploymentKeys } from '../redis/keys.js';
import { createRedisFeedRegistry, type FeedRecord } from '../feeds/registry.js';
import { createFeedAdmin, type FeedAdmin } from '../feeds/feed-admin.js';
import { feedStateOf } from '../feeds/feed-state.js';
import { OpmlError } from '../feeds/opml.js';
import { KazwireError } from '../errors.js';
import { writeFileAtomic } from '../backup/atomic-file.js';
import { userPath } from './user-path.js';
import { openFeedReader } from './feed-reader.js';

const USAGE =
  'usage: npm run feeds -- list [--failing] | add URL | remove URL | check URL | import FILE | export [FILE]';

/** Which arguments each action takes: [required, optional]. */
const ARITY: Record<string, [number, number]> = { list: [0, 1], add: [1, 0], remove: [1, 0], check: [1, 0], import: [1, 0], export: [0, 1] };

async function main(argv: string[]): Promise<number> {
  const [action, ...args] = argv;
  const arity = action ? ARITY[action] : undefined;
  if (!action || !arity || args.length < arity[0] || args.length > arity[0] + arity[1] || (action === 'list' && args[0] && args[0] !== '--failing')) {
    console.error(USAGE);
    return 2;
  }
  const { config } = loadEnvironment(process.env);
  if (action === 'check') {
    // Loaded only here: the fetcher, parser and matcher cost a second of start-up that list and import do without.
    const { runCheck } = await import('./feeds-check.js');
    return runCheck(config, args[0]!);
  }
  const reader = action === 'add' ? await openFeedReader(config) : undefined;
  const redis = connectRedis(config, 'client');
  try {
    const admin = createFeedAdmin({
      registry: createRedisFeedRegistry({ redis, keys: deploymentKeys(config) }),
      fetchFeed: reader?.fetchFeed ?? notNeeded,
      parseFeed: reader?.parseFeed ?? notNeeded,
    });
    return await run(admin, action, args);
  } finally {
    await reader?.close();
    await redis.quit().catch(() => redis.disconnect());
  }
}

const notNeeded = (): never => {
  throw new Error('this action reads no feed');
};

async function run(admin: FeedAdmin, action: string, args: string[]): Promise<number> {
  switch (action) {
    case 'list': {
      const failingOnly = args[0] === '--failing';
      const feeds = await admin.list();
      const shown = failingOnly ? feeds.filter(needsAttention) : feeds;
      if (feeds.length === 0) console.log('No feeds yet. The default list is loaded when the poller starts (npm start).');
      for (const feed of shown) console.log(formatHealth(feed));
      console.log(summaryLine(await admin.summary(), failingOnly ? shown.length : undefined));
      return 0;
    }
    case 'add': {
      const feed = await admin.add(args[0]!);
      if (!feed.lastSuccessAt && feed.lastError) {
        console.log(`Added ${feed.url} (${feed.id}), but it did not answer just now: ${feed.lastError}`);
        console.log('It is kept, pending, and a running poller keeps trying it (npm run feeds -- list --failing shows how it goes).');
      } else {
        console.log(`Added ${feed.url}${feed.title ? ` (${feed.title})` : ''} (${feed.id}). It will be polled within a minute by a running poller.`);
      }
      return 0;
    }
    case 'remove': {
      const removed = await admin.remove(args[0]!);
      console.log(
        removed
          ? `Removed ${args[0]}. The default list will not bring it back; \`npm run feeds -- add ${args[0]}\` restores it.`
          : `No feed ${args[0]} to remove (see: npm run feeds -- list).`,
      );
      return removed ? 0 : 1;
    }
    case 'import': {
      const file = userPath(args[0]!);
      const report = await admin.importList(readFileSync(file, 'utf8')).catch((err: unknown) => {
        throw err instanceof OpmlError ? new OpmlError(`${file}: ${err.message}`) : err;
      });
      console.log(admin.describeImport(report));
      return 0;
    }
    case 'export': {
      const { opml, count } = await admin.exportList();
      if (!args[0] || args[0] === '-') process.stdout.write(opml);
      else {
        writeFileAtomic(userPath(args[0]), opml);
        console.log(`Exported ${count} feeds to ${userPath(args[0])} (OPML 2.0).`);
      }
      return 0;
    }
  }
  return 2;
}

/** A feed whose last poll failed, or that could not be read when it was added. */
function needsAttention(feed: FeedRecord): boolean {
  const state = feedStateOf(feed);
  return state === 'failing' || state === 'retrying' || (state === 'never_polled' && !!feed.lastError);
}

function summaryLine({ counts, removed }: Awaited<ReturnType<FeedAdmin['summary']>>, shown?: number): string {
  const parts = [
    `${counts.total} feeds: ${counts.ok} ok, ${counts.failing} failing, ${counts.retrying} retrying, ${counts.never_polled} never polled`,
  ];
  if (shown !== undefined) parts.push(`${shown} shown (failing, retrying, or unreadable when added)`);
  if (removed.length > 0) parts.push(`${removed.length} removed by an operator (kept out of the default list)`);
  return parts.join('; ');
}

const STATE_LABEL = { ok: 'ok', retrying: 'retrying', failing: 'FAILING', never_polled: 'pending' } as const;

function formatHealth(feed: FeedRecord): string {
  const state = STATE_LABEL[feedStateOf(feed)];
  const lines = [`${state.padEnd(14)} ${feed.url}${feed.title ? `  (${feed.title})` : ''}  [${feed.source}]`];
  lines.push(
    `               last success: ${feed.lastSuccessAt ?? 'never'} · next poll: ${feed.nextPollAt ?? 'soon'} · items seen: ${feed.itemsSeen}` +
      (feed.consecutiveFailures > 0 ? ` · consecutive failures: ${feed.consecutiveFailures}` : ''),
  );
  if (feed.lastError) lines.push(`               last error: ${feed.lastError} (${feed.lastErrorAt ?? '?'})`);
  if (feed.lastResetAt) {
    lines.push(`               last reset: ${feed.lastResetAt} (${feed.resets} in all): every item came back under new ids; only the backfill alerted`);
  }
  if (feed.lastCappedAt) {
    lines.push(`               last capped poll: ${feed.lastCappedAt}: ${feed.lastCappedItems} new items recorded without alert (FEED_MAX_NEW_ITEMS_PER_POLL)`);
  }
  return lines.join('\n');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(`kazwire: ${err.message}`);
    else if (err instanceof KazwireError || err instanceof OpmlError) console.error(err.message);
    else if ((err as NodeJS.ErrnoException).code === 'ENOENT') console.error(`kazwire: ${(err as Error).message}`);
    else console.error(err);
    process.exit(1);
  },
);
