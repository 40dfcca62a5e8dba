import type { Story } from '../../../src/news/types.js';

let counter = 0;

/** A story with plausible defaults; override what the test is about. */
export function makeStory(overrides: Partial<Story> = {}): Story {
  counter++;
  return {
    id: `story-${counter}`,
    title: `Tokayev meets regional leaders in Astana (${counter})`,
    link: `https://news.example.kz/articles/${counter}`,
    source: 'Kazinform',
    summary: 'The president discussed trade and water with neighbouring states. Talks continue tomorrow.',
    publishedAt: '2022-01-06T14:05:00Z',
    entities: ['tokayev', 'astana'],
    score: 5,
    alsoReportedBy: [],
    itemIds: [`item-${counter}`],
    ...overrides,
  };
}
