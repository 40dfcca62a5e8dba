import type { Story } from '../../src/news/types.js';
import type { StoryLookup } from '../../src/delivery/core/types.js';

/** A story with sensible defaults. */
export function makeStory(id: string, fields: Partial<Story> = {}): Story {
  return {
    id,
    title: `Headline ${id}`,
    link: `https://news.example/${id}`,
    source: 'Example News',
    summary: `Summary of ${id}.`,
    publishedAt: '2022-01-06T10:00:00.000Z',
    entities: ['kazakhstan'],
    score: 1,
    alsoReportedBy: [],
    itemIds: [`item-${id}`],
    ...fields,
  };
}

/** An in-memory archive. */
export function memoryStories(stories: Story[] = []): StoryLookup & { put(story: Story): void } {
  const byId = new Map(stories.map((s) => [s.id, s]));
  return {
    put(story) {
      byId.set(story.id, story);
    },
    async getStory(id) {
      return byId.get(id);
    },
    async getStories(ids) {
      return ids.map((id) => byId.get(id)).filter((s): s is Story => s !== undefined);
    },
  };
}

/** Polls `check` until it returns true, failing after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
