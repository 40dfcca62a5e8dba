import type { Queue } from 'bullmq';
import type { Logger } from '../log.js';
import { silentLogger } from '../log.js';
import { feedItems, storiesQueued } from '../metrics.js';
import { jobIdPart, storyJobSchema } from '../queue/contracts.js';
import { addJob } from '../queue/add-job.js';
import { storyJobOptions } from '../queue/queues.js';
import type { NewsItem, Story } from '../news/types.js';
import type { HandleNewItems } from '../feeds/poller.js';
import { countNotAlerted } from '../feeds/not-alerted.js';
import { htmlToText } from '../news/html-text.js';
import type { StoryVersions } from './story-versions.js';

/** What ingest needs from news understanding (src/news/understanding.ts). */
export interface Understanding {
  process(item: NewsItem): Promise<{ relevant: false } | { relevant: true; storyId: string; isNewStory: boolean; story: Story }>;
}

export interface IngestDeps {
  understanding: Understanding;
  stories: Queue;
  /** What each story's message showed when last handed to delivery (src/pipeline/story-versions.ts). */
  versions: StoryVersions;
  logger?: Logger;
}

/**
 * Job id of a new story's fan-out. A replay of the same story queues it again (a finished job with this id is run
 * again, src/queue/add-job.ts): fan-out and the delivered records make that add nothing already sent.
 */
export const newStoryJobId = (storyId: string) => `story-${jobIdPart(storyId)}`;
/** Job id of "more outlets joined this story": one per joining item. */
export const storyUpdateJobId = (storyId: string, itemId: string) => `story-update-${jobIdPart(storyId)}-${jobIdPart(itemId)}`;

/**
 * The one place that joins feeds and news: each new item is judged for relevance, joined to its story and
 * archived; a relevant item that starts a story queues one `stories` job (when it may alert), and one that
 * joins a story queues an update so delivered messages can list the new outlet — only when the story now shows
 * something it did not (an outlet already listed adds nothing, and edits nothing). Idempotent per item.
 *
 * Every alertable item that does not alert is counted and explained: `not_relevant`, or `joined_story`
 * (another outlet's report of a story already told). Items that may not alert were counted by the poller.
 */
export function createIngest(deps: IngestDeps): HandleNewItems {
  const log = (deps.logger ?? silentLogger).child({ module: 'ingest' });
  return async (items, alert) => {
    // Oldest first, so the first outlet of a story is the one that published first.
    const ordered = [...items].sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt));
    for (const item of ordered) {
      const understood = await deps.understanding.process({ ...item, text: htmlToText(item.text) });
      const alertable = alert(item);
      if (!understood.relevant) {
        if (alertable) countNotAlerted(log, [item], 'not_relevant');
        continue;
      }
      feedItems.inc({ stage: 'relevant' });
      if (!understood.isNewStory) feedItems.inc({ stage: 'duplicate' });
      const { storyId, story } = understood;
      if (!alertable) {
        // A backlog story: its first version is what an update will be compared with.
        if (understood.isNewStory) await deps.versions.record(story);
        continue;
      }
      if (understood.isNewStory) {
        await queueStory(storyId, 'new', newStoryJobId(storyId));
        await deps.versions.record(story);
        log.info({ storyId, kind: 'new', itemId: item.id, title: item.title }, 'story queued');
        continue;
      }
      countNotAlerted(log, [item], 'joined_story', { detail: { storyId } });
      // Queued before the version is recorded: a crash in between queues the same job again, not nothing.
      if (!(await deps.versions.changed(story))) {
        log.debug({ storyId, itemId: item.id, source: item.source }, 'item adds nothing the story shows; no update');
        continue;
      }
      await queueStory(storyId, 'update', storyUpdateJobId(storyId, item.id));
      await deps.versions.record(story);
      log.info({ storyId, kind: 'update', itemId: item.id, title: item.title }, 'story queued');
    }
  };

  async function queueStory(storyId: string, kind: 'new' | 'update', jobId: string): Promise<void> {
    const data = storyJobSchema.parse({ storyId, kind, queuedAt: Date.now() });
    await addJob(deps.stories, { name: kind, data, opts: { ...storyJobOptions, jobId } });
    storiesQueued.inc({ kind });
  }
}
