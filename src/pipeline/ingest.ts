import type { Queue } from 'bullmq';
import type { Logger } from '../log.js';
import { silentLogger } from '../log.js';
import { feedItems, storiesQueued } from '../metrics.js';
import { jobIdPart, storyJobSchema } from '../queue/contracts.js';
import type { NewsItem } from '../news/types.js';
import type { HandleNewItems } from '../feeds/poller.js';
import { htmlToText } from '../news/html-text.js';

/** What ingest needs from news understanding (src/news/understanding.ts). */
export interface Understanding {
  process(item: NewsItem): Promise<{ relevant: false } | { relevant: true; storyId: string; isNewStory: boolean }>;
}

export interface IngestDeps {
  understanding: Understanding;
  stories: Queue;
  logger?: Logger;
}

/** Job id of a new story's fan-out: a replay of the same story adds nothing. */
export const newStoryJobId = (storyId: string) => `story-${jobIdPart(storyId)}`;
/** Job id of "more outlets joined this story": one per joining item. */
export const storyUpdateJobId = (storyId: string, itemId: string) => `story-update-${jobIdPart(storyId)}-${jobIdPart(itemId)}`;

/**
 * The one place that joins feeds and news: each new item is judged for relevance, joined to its story and
 * archived; a relevant item that starts a story queues one `stories` job (when it may alert), and one that
 * joins a story queues an update so delivered messages can list the new outlet. Idempotent per item.
 */
export function createIngest(deps: IngestDeps): HandleNewItems {
  const log = (deps.logger ?? silentLogger).child({ module: 'ingest' });
  return async (items, alert) => {
    // Oldest first, so the first outlet of a story is the one that published first.
    const ordered = [...items].sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt));
    for (const item of ordered) {
      const understood = await deps.understanding.process({ ...item, text: htmlToText(item.text) });
      if (!understood.relevant) continue;
      feedItems.inc({ stage: 'relevant' });
      if (!understood.isNewStory) feedItems.inc({ stage: 'duplicate' });
      if (!alert(item)) continue;
      const kind = understood.isNewStory ? 'new' : 'update';
      const data = storyJobSchema.parse({ storyId: understood.storyId, kind, queuedAt: Date.now() });
      const jobId = understood.isNewStory ? newStoryJobId(understood.storyId) : storyUpdateJobId(understood.storyId, item.id);
      await deps.stories.add(kind, data, { jobId });
      storiesQueued.inc({ kind });
      log.info({ storyId: understood.storyId, kind, itemId: item.id, title: item.title }, 'story queued');
    }
  };
}
