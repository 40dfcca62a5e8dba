/**
 * Feed management and health from the terminal:
 *   npm run feeds -- list
 *   npm run feeds -- add URL
 *   npm run feeds -- remove URL
 *   npm run feeds -- check URL      (fetch and parse once; print each item's title, link, date and relevance)
 */
import { ConfigError, loadConfig } from '../config/env.js';
import { createRedis } from '../redis/connection.js';
import { createKeys } from '../redis/keys.js';
import { createRedisFeedRegistry, type FeedRecord } from '../feeds/registry.js';
import { checkFeed, createFeedAdmin, type FeedCheck } from '../feeds/feed-admin.js';
import { createFeedFetcher } from '../feeds/fetch/index.js';
import { createFeedParserPool } from '../feeds/parse/index.js';
import { loadTopicPack } from '../news/topic-pack.js';
import { compileMatcher } from '../news/matcher.js';
import { htmlToText } from '../news/html-text.js';
import { KazwireError } from '../errors.js';

const USAGE = 'usage: npm run feeds -- list | add URL | remove URL | check URL';

async function main(argv: string[]): Promise<number> {
  const [action, url, ...rest] = argv;
  if (!action || !['list', 'add', 'remove', 'check'].includes(action) || (action !== 'list' && !url) || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig(process.env);
  const fetcher = createFeedFetcher({ allowPrivateNetwork: config.ALLOW_PRIVATE_NETWORK_FEEDS, maxBytes: config.FEED_MAX_BYTES });
  const parser = createFeedParserPool({ size: 1 });
  const redis = action === 'check' ? undefined : createRedis(config.REDIS_URL, 'client');
  try {
    const io = { fetchFeed: fetcher.fetch.bind(fetcher), parseFeed: parser.parse.bind(parser) };
    if (action === 'check') return await printCheck(url!, await checkFeed(io, url!), config.TOPIC_PACK);
    const admin = createFeedAdmin({ registry: createRedisFeedRegistry({ redis: redis!, keys: createKeys(config.REDIS_PREFIX) }), ...io });
    switch (action) {
      case 'list': {
        const feeds = await admin.list();
        if (feeds.length === 0) console.log('No feeds yet. The default list is loaded when the poller starts (npm start).');
        for (const feed of feeds) console.log(formatHealth(feed));
        return 0;
      }
      case 'add': {
        const feed = await admin.add(url!);
        console.log(`Added ${feed.url} (${feed.id}). It will be polled within a minute by a running poller.`);
        return 0;
      }
      case 'remove': {
        const removed = await admin.remove(url!);
        console.log(removed ? `Removed ${url}.` : `No feed ${url} to remove (see: npm run feeds -- list).`);
        return removed ? 0 : 1;
      }
    }
    return 2;
  } finally {
    await parser.close();
    await fetcher.close();
    await redis?.quit().catch(() => redis.disconnect());
  }
}

async function printCheck(url: string, result: FeedCheck, topicPackPath?: string): Promise<number> {
  if (!result.ok) {
    console.error(`✗ ${url}: ${result.kind}: ${result.message}`);
    return 1;
  }
  const matcher = compileMatcher(topicPackPath ? loadTopicPack(topicPackPath) : loadTopicPack());
  const feed = result.feed;
  console.log(`✓ ${feed.title ?? '(untitled)'} — ${feed.format}, ${feed.entries.length} items (${result.finalUrl})\n`);
  for (const entry of feed.entries) {
    const m = matcher.match(entry.title, htmlToText([entry.summary, entry.content].filter(Boolean).join(' ')));
    const mark = m.relevant ? `RELEVANT ${m.score.toFixed(1)}` : `-        ${m.score.toFixed(1)}`;
    const entities = [...new Set(m.entities.map((e) => e.entityId))].join(', ');
    console.log(`${mark}  ${entry.title || '(no title)'}`);
    console.log(`          ${entry.link ?? '(no link)'}  ${entry.publishedAt ?? '(no date)'}${entities ? `  [${entities}]` : ''}`);
  }
  return 0;
}

function formatHealth(feed: FeedRecord): string {
  const state = feed.failing ? 'FAILING' : feed.lastError && !feed.lastSuccessAt ? 'ERROR' : feed.lastSuccessAt ? 'ok' : 'not polled yet';
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
    else if (err instanceof KazwireError) console.error(err.message);
    else console.error(err);
    process.exit(1);
  },
);
