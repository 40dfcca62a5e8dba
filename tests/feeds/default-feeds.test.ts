import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTopicPack } from '../../src/news/topic-pack.js';

/** The table of topics/kazakhstan/feeds.md: feed URL -> language. */
function documentedFeeds(): Map<string, string> {
  const text = readFileSync(new URL('../../topics/kazakhstan/feeds.md', import.meta.url), 'utf8');
  const rows = new Map<string, string>();
  for (const line of text.split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    if (cells.length >= 5 && /^https?:\/\//.test(cells[1]!)) rows.set(cells[1]!, cells[3]!);
  }
  return rows;
}

describe('the default feed list of the Kazakhstan pack', () => {
  const pack = loadTopicPack();
  const documented = documentedFeeds();

  it('documents every feed with its language and the origin of its address', () => {
    expect(pack.feeds.filter((url) => !documented.has(url))).toEqual([]);
    expect([...documented.keys()].filter((url) => !pack.feeds.includes(url))).toEqual([]);
    for (const [url, language] of documented) expect(['en', 'ru', 'kk'], url).toContain(language);
  });

  it('reads all three languages, with several Kazakh- and Russian-language outlets', () => {
    const count = (language: string) => [...documented.values()].filter((l) => l === language).length;
    expect(count('kk')).toBeGreaterThanOrEqual(3);
    expect(count('ru')).toBeGreaterThanOrEqual(3);
    expect(count('en')).toBeGreaterThanOrEqual(3);
  });
});
