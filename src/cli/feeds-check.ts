import type { Config } from '../config/env.js';
import { checkFeed, type FeedCheck } from '../feeds/feed-admin.js';
import { loadTopicPack } from '../news/topic-pack.js';
import { compileMatcher } from '../news/matcher.js';
import { htmlToText } from '../news/html-text.js';
import { openFeedReader } from './feed-reader.js';

/** `npm run feeds -- check URL`: fetches and parses the feed once and prints each item with its relevance. */
export async function runCheck(config: Config, url: string): Promise<number> {
  const reader = await openFeedReader(config);
  try {
    return await printCheck(url, await checkFeed(reader, url), config.TOPIC_PACK);
  } finally {
    await reader.close();
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

