import { describe, expect, it } from 'vitest';
import { createStoryIndex, type LogEntry } from '../../src/news/story-index.js';
import type { StoryFeatures } from '../../src/news/story-features.js';

const HOUR = 3_600_000;
let seq = 0;

function entry(feedId: string, terms: string[], storyId = `s-${++seq}`, publishedAtMs = 0): LogEntry {
  const features: StoryFeatures = { language: 'en', terms: new Map(terms.map((t) => [t, 1])), titleNames: [] };
  return { itemId: `i-${++seq}`, feedId, publishedAtMs, features, storyId, loggedAtMs: publishedAtMs };
}

describe('story index', () => {
  it("learns a feed's boilerplate from its own items, not from other feeds'", () => {
    const index = createStoryIndex(48 * HOUR);
    for (const topic of ['w:en:tenge', 'w:en:wheat', 'w:en:airport']) index.apply(entry('courier', ['w:en:subscrib', topic]));
    expect(index.stats.boilerplate('courier', 'w:en:subscrib')).toBeLessThan(0.5);
    expect(index.stats.boilerplate('courier', 'w:en:airport')).toBe(1);
    expect(index.stats.boilerplate('wire', 'w:en:subscrib')).toBe(1);
  });

  it('does not call anything boilerplate before a feed has three items', () => {
    const index = createStoryIndex(48 * HOUR);
    index.apply(entry('courier', ['w:en:subscrib', 'w:en:tenge']));
    index.apply(entry('courier', ['w:en:subscrib', 'w:en:wheat']));
    expect(index.stats.boilerplate('courier', 'w:en:subscrib')).toBe(1);
  });

  it('rates a feature rarer the fewer items carry it', () => {
    const index = createStoryIndex(48 * HOUR);
    for (let i = 0; i < 5; i++) index.apply(entry(`f${i}`, ['e:kazakhstan', i === 0 ? 'c:coup' : 'c:price']));
    expect(index.stats.idf('c:coup')).toBeGreaterThan(index.stats.idf('c:price'));
    expect(index.stats.idf('c:price')).toBeGreaterThan(index.stats.idf('e:kazakhstan'));
  });

  it('remembers which story each item went to, and forgets stories once their entries are trimmed', () => {
    const index = createStoryIndex(48 * HOUR);
    const e = entry('f', ['c:coup'], 's-old', 1_000);
    index.apply(e);
    expect(index.storyOfItem(e.itemId)).toBe('s-old');
    index.evictLoggedBefore(2_000);
    expect(index.storyOfItem(e.itemId)).toBeUndefined();
    expect(index.size).toBe(0);
  });

  it('never proposes a story whose first item is outside the window', () => {
    const index = createStoryIndex(48 * HOUR);
    index.apply(entry('a', ['c:coup', 'e:tokayev', 'w:en:coup'], 's-early', 0));
    const late = entry('b', ['c:coup', 'e:tokayev', 'w:en:coup'], 'unused', 49 * HOUR);
    expect(index.decide(late).storyId).toBeUndefined();
    const soon = entry('b', ['c:coup', 'e:tokayev', 'w:en:coup'], 'unused', 2 * HOUR);
    expect(index.decide(soon).storyId).toBe('s-early');
  });
});
