import { describe, expect, it } from 'vitest';
import { createConsoleSender } from '../../../src/platforms/console/sender.js';
import { makeStory } from '../../delivery/helpers.js';

describe('console sender', () => {
  it('prints headline, source, time, summary, link and other outlets of each story', async () => {
    const out: string[] = [];
    const sender = createConsoleSender({ write: (t) => out.push(t) });
    const story = makeStory('a', {
      title: 'Тоқаев met the CSTO',
      source: 'Kazinform',
      summary: 'A short summary.',
      alsoReportedBy: [{ source: 'Tengrinews', title: 'x' }, { source: 'Reuters', title: 'y' }],
    });
    const ref = await sender.send({ platform: 'console', chatId: 'stdout' }, { kind: 'alert', stories: [story, makeStory('b')] }, 'k');
    const text = out.join('');
    expect(text).toContain('Тоқаев met the CSTO');
    expect(text).toContain('Kazinform · 2022-01-06 10:00 UTC');
    expect(text).toContain('A short summary.');
    expect(text).toContain('https://news.example/a');
    expect(text).toContain('Also reported by: Tengrinews, Reuters');
    expect(text).toContain('Headline b');
    expect(ref.messageIds).toHaveLength(1);
  });

  it('prints a digest heading and marks edits as updates', async () => {
    const out: string[] = [];
    const sender = createConsoleSender({ write: (t) => out.push(t) });
    const dest = { platform: 'console', chatId: 'stdout' } as const;
    await sender.send(dest, { kind: 'digest', heading: 'Daily digest, 6 Jan 2022', stories: [makeStory('a')] }, 'k');
    await sender.edit(dest, { messageIds: ['1'] }, { kind: 'alert', stories: [makeStory('a')] });
    expect(out[0]).toContain('(message 1)\n== Daily digest, 6 Jan 2022 ==');
    expect(out[1]).toContain('update of message 1');
  });
});
