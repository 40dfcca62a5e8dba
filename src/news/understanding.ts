import type { Logger } from '../log.js';
import { silentLogger } from '../log.js';
import type { Archive } from './archive.js';
import type { StoryClusterer } from './clustering.js';
import type { Matcher } from './matcher.js';
import { summarize } from './summary.js';
import type { TopicPack } from './topic-pack.js';
import type { NewsItem, Story } from './types.js';

/** What ingest learns about one item. */
export type Understood =
  | { relevant: false }
  | { relevant: true; storyId: string; isNewStory: boolean; story: Story };

export interface NewsUnderstanding {
  /** Judges, summarises, clusters and archives one item. Safe to call twice for the same item. */
  process(item: NewsItem): Promise<Understood>;
}

export interface NewsUnderstandingDeps {
  pack: TopicPack;
  matcher: Matcher;
  clusterer: StoryClusterer;
  archive: Archive;
  /** Default silentLogger. */
  logger?: Logger;
}

/** Longest summary kept with a story, in characters. */
const SUMMARY_CHARS = 300;

/**
 * The news stage of ingest: match → (relevant only) summarise → cluster → archive.
 * A replayed item gets its story back without adding its outlet again: the clusterer remembers item ids
 * and the archive adds an item to a story once.
 */
export function createNewsUnderstanding(deps: NewsUnderstandingDeps): NewsUnderstanding {
  const { matcher, clusterer, archive } = deps;
  const log = (deps.logger ?? silentLogger).child({ module: 'news', pack: deps.pack.id });

  return {
    async process(item) {
      const match = matcher.match(item.title, item.text);
      if (!match.relevant) return { relevant: false };
      const entities = match.entities.map((m) => m.entityId);
      const publishedAtMs = Date.parse(item.publishedAt);
      const { storyId, isNew } = await clusterer.assign({
        itemId: item.id,
        feedId: item.feedId,
        title: item.title,
        text: item.text,
        entities,
        publishedAtMs: Number.isFinite(publishedAtMs) ? publishedAtMs : Date.parse(item.seenAt),
      });

      if (!isNew) {
        const joined = await archive.addToStory(storyId, {
          id: item.id,
          source: item.source,
          ...(item.link ? { link: item.link } : {}),
          ...(item.image ? { image: item.image } : {}),
          title: item.title,
          publishedAt: item.publishedAt,
          entities,
        });
        if (joined) {
          log.debug({ itemId: item.id, storyId, source: item.source }, 'item joined a story');
          return { relevant: true, storyId, isNewStory: false, story: joined };
        }
        // The story's first item was clustered but never archived (a crash between the two): start it here.
        log.warn({ itemId: item.id, storyId }, 'clustered story missing from the archive; saving it from this item');
      }

      const story: Story = {
        id: storyId,
        title: item.title,
        ...(item.link ? { link: item.link } : {}),
        ...(item.image ? { image: item.image } : {}),
        source: item.source,
        summary: summarize(item.text, SUMMARY_CHARS),
        publishedAt: item.publishedAt,
        entities,
        score: match.score,
        alsoReportedBy: [],
        itemIds: [item.id],
      };
      await archive.saveNewStory(story);
      // On a replay the archived story may have gained outlets since; return what is stored.
      const stored = (await archive.getStory(storyId)) ?? story;
      log.debug({ itemId: item.id, storyId, score: match.score, entities }, 'new story');
      return { relevant: true, storyId, isNewStory: true, story: stored };
    },
  };
}
