import { describe, expect, it } from 'vitest';
import { commandList, timeline } from '../../commands/index.js';
import { runCommand, runPage } from '../../src/commands/dispatch.js';
import { createCommandRegistry } from '../../src/commands/registry.js';
import { renderReplyText } from '../../src/commands/render-text.js';
import type { Reply } from '../../src/commands/reply.js';
import { archiveOf, channel, makeServices, member, story } from '../support/command-doubles.js';

const now = () => new Date('2022-01-08T12:00:00Z');

async function ask(services: ReturnType<typeof makeServices>, args: Record<string, unknown> | string[]): Promise<Reply> {
  const reply = await runCommand(timeline, args, member, channel, services, { now });
  if (!reply) throw new Error('no reply');
  return reply;
}

describe('/timeline', () => {
  const stories = [
    story('2022-01-07T10:00:00Z', 'Tokayev addresses the nation', ['tokayev'], ['Tengrinews', 'Reuters', 'Azattyq', 'Reuters']),
    story('2022-01-05T20:30:00Z', 'Tokayev dismisses the government', ['tokayev'], ['Kursiv']),
    story('2022-01-06T03:00:00Z', 'CSTO troops arrive', ['csto', 'tokayev'], ['Interfax', 'TASS']),
    story('2021-12-20T09:00:00Z', 'Tokayev at the year-end summit', ['tokayev']),
    story('2022-01-06T08:00:00Z', 'Fuel prices in Mangystau', ['almaty']),
  ];

  it('lists the stories oldest first, grouped by Almaty day, with UTC and Almaty times and outlet counts', async () => {
    const reply = await ask(makeServices({ archive: archiveOf(stories) }), { query: 'tokayev' });
    expect(reply.title).toBe('Timeline about Kassym-Jomart Tokayev, the last 7 days');
    const layout = reply.blocks.slice(1).map((b) => (b.kind === 'heading' ? b.text : b.kind === 'links' ? b.items.map((i) => `${i.label} | ${i.meta}`) : b.kind));
    expect(layout).toEqual([
      // 20:30 UTC on the 5th is already the 6th in Almaty (UTC+6 in 2022).
      'Thursday 6 January 2022',
      ['Tokayev dismisses the government | 20:30 UTC · 02:30 Almaty · 1 outlet', 'CSTO troops arrive | 03:00 UTC · 09:00 Almaty · 2 outlets'],
      'Friday 7 January 2022',
      ['Tokayev addresses the nation | 10:00 UTC · 16:00 Almaty · 3 outlets'],
    ]);
    const links = reply.blocks.flatMap((b) => (b.kind === 'links' ? b.items.map((i) => i.url) : []));
    expect(links.every((u) => u.startsWith('https://news.example/'))).toBe(true);
    expect(reply.pages).toBeUndefined();
  });

  it('understands an alias in Cyrillic, positional days, and a longer period', async () => {
    const reply = await ask(makeServices({ archive: archiveOf(stories) }), ['Токаев', '30']);
    expect(reply.title).toBe('Timeline about Kassym-Jomart Tokayev, the last 30 days');
    expect(renderReplyText(reply)).toContain('Tokayev at the year-end summit');
    expect(renderReplyText(reply)).toContain('4 stories, oldest first.');
  });

  it('searches a word that is not an actor or topic as a keyword', async () => {
    const reply = await ask(makeServices({ archive: archiveOf(stories) }), { query: 'fuel' });
    expect(reply.title).toBe('Timeline mentioning "fuel", the last 7 days');
    expect(renderReplyText(reply)).toContain('Fuel prices in Mangystau');
    expect(renderReplyText(reply)).not.toContain('CSTO troops arrive');
  });

  it('says so when the period is empty, and whether the archive has any such story at all', async () => {
    const reply = await ask(makeServices({ archive: archiveOf(stories) }), { query: 'nazarbayev' });
    expect(reply.blocks).toEqual([
      { kind: 'text', text: 'No stories about Nursultan Nazarbayev in the last 7 days.' },
      { kind: 'text', text: 'The archive has none yet.' },
    ]);
    const day = await ask(makeServices(), { days: 1 });
    expect(day.blocks).toEqual([
      { kind: 'text', text: 'No stories in the last day.' },
      { kind: 'text', text: 'The archive is still empty: stories appear once the feeds have been read (see /feeds).' },
    ]);
  });

  it('says when the last story came and offers the days= that reaches it', async () => {
    const reply = await ask(makeServices({ archive: archiveOf(stories) }), { query: 'tokayev', days: 1 });
    expect(renderReplyText(reply)).toContain('No stories about Kassym-Jomart Tokayev in the last day.');
    expect(renderReplyText(reply)).toContain('The last one came on 7 January 2022: /timeline tokayev days=2 shows it.');
    const word = await ask(makeServices({ archive: archiveOf(stories) }), ['fuel prices', 'days=1']);
    expect(renderReplyText(word)).toContain('The last one came on 6 January 2022: /timeline "fuel prices" days=3 shows it.');
    const old = await ask(makeServices({ archive: archiveOf([story('2021-06-01T10:00:00Z', 'Old news')]) }), {});
    expect(renderReplyText(old)).toContain('The last one came on 1 June 2021, longer ago than /timeline looks back (90 days).');
  });

  it('offers close names when a misspelt query finds nothing', async () => {
    const reply = await ask(makeServices({ archive: archiveOf(stories) }), { query: 'Nazarbaev' });
    expect(renderReplyText(reply)).toContain('No stories mentioning "Nazarbaev" in the last 7 days. No actor or topic named "Nazarbaev". Did you mean: Nursultan Nazarbayev?');
  });

  it('pages long results and serves the other pages from the token', async () => {
    const many = Array.from({ length: 23 }, (_, i) => story(new Date(Date.UTC(2022, 0, 3, i)).toISOString(), `Story ${i + 1}`));
    const services = makeServices({ archive: archiveOf(many) });
    const first = await ask(services, { query: 'tokayev' });
    expect(first.pages).toMatchObject({ page: 1, total: 3 });
    expect(renderReplyText(first)).toContain('Story 10');
    expect(renderReplyText(first)).not.toContain('Story 11 ');
    expect(renderReplyText(first)).toContain('Page 1 of 3. Add page=2 for the next.');

    const registry = createCommandRegistry(commandList);
    const third = await runPage(registry, first.pages!.token, 3, member, channel, services, { now });
    expect(third?.pages).toEqual({ page: 3, total: 3, token: first.pages!.token });
    const labels = third!.blocks.flatMap((b) => (b.kind === 'links' ? b.items.map((i) => i.label) : []));
    expect(labels).toEqual(['Story 21', 'Story 22', 'Story 23']);

    const byName = await ask(services, ['tokayev', 'page=2']);
    expect(byName.pages?.page).toBe(2);
  });

  it('refuses a page past the end privately, and an unknown token asks to run the command again', async () => {
    const services = makeServices({ archive: archiveOf(stories) });
    const late = await ask(services, { query: 'tokayev', page: 5 });
    expect(late.private).toBe(true);
    expect(renderReplyText(late)).toContain('There is only 1 page of results.');
    const expired = await runPage(createCommandRegistry(commandList), 'gone', 2, member, channel, services);
    expect(expired).toMatchObject({ private: true, blocks: [{ text: 'These results have expired. Please run the command again.' }] });
  });
});
