import type { Story } from '../../../src/news/types.js';

/** A plausible story; override what a test is about. */
export function story(overrides: Partial<Story> = {}): Story {
  return {
    id: 's1',
    title: 'Tokayev signs law on local elections',
    link: 'https://example.kz/news/1',
    source: 'Astana Times',
    summary: 'The president signed the law. Akims of districts will be elected.',
    publishedAt: '2022-01-06T10:00:00.000Z',
    entities: ['tokayev'],
    score: 3,
    alsoReportedBy: [],
    itemIds: ['i1'],
    ...overrides,
  };
}
