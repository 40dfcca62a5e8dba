import { describe, expect, it } from 'vitest';
import { embedSize, renderDiscordMessage, storyEmbed } from '../../../src/platforms/discord/render.js';
import { escapeFeedText, truncate } from '../../../src/platforms/discord/text.js';
import { story } from './story.js';


describe('truncate', () => {
  it('leaves short text alone', () => {
    expect(truncate('Алматы', 10)).toBe('Алматы');
  });

  it('cuts at a grapheme boundary and ends with an ellipsis', () => {
    const flags = '🇰🇿'.repeat(10); // each flag is one grapheme of 4 UTF-16 units
    const cut = truncate(flags, 10);
    expect(cut).toBe('🇰🇿🇰🇿…');
    expect(cut.length).toBeLessThanOrEqual(10);
  });

  it('cuts long text near the end at a grapheme boundary even without spaces', () => {
    const word = 'e\u0301'.repeat(300); // "é" as a letter and a combining accent: one grapheme, two units
    const cut = truncate(word, 101);
    expect(cut).toBe(`${'e\u0301'.repeat(50)}…`);
    const spaced = `${'слово '.repeat(100)}🇰🇿🇰🇿🇰🇿`;
    expect(truncate(spaced, 599)).toBe(`${'слово '.repeat(99)}слов…`);
  });

  it('does not leave a dangling escape backslash before the ellipsis', () => {
    expect(truncate('ab\\*cdef', 4)).toBe('ab…');
  });
});

describe('escapeFeedText', () => {
  it('escapes formatting characters anywhere and block markdown at line starts only', () => {
    expect(escapeFeedText('a*b_c~d`e|f[g]h\\i')).toBe('a\\*b\\_c\\~d\\`e\\|f\\[g\\]h\\\\i');
    expect(escapeFeedText('# Head\n> quote\n-# small\n- item\n12. item\nmid # no - no 3. no')).toBe(
      '\\# Head\n\\> quote\n\\-# small\n\\- item\n12\\. item\nmid # no - no 3. no',
    );
  });
});

describe('storyEmbed', () => {
  it("labels the actors and the other outlets in the chat's language", () => {
    const [body] = renderDiscordMessage({ kind: 'alert', stories: [story({ alsoReportedBy: [{ source: 'Kursiv', title: 'x' }] })], language: 'ru' });
    expect(body?.embeds[0]?.fields?.[0]?.name).toBe('Упомянуты');
    expect(body?.embeds[0]?.footer?.text).toBe('Astana Times · Также сообщают: Kursiv');
  });

  it('puts the headline with its link, the summary, source, actors and time in one embed', () => {
    const embed = storyEmbed(story({ alsoReportedBy: [{ source: 'Kursiv', title: 'x' }, { source: 'Vlast', title: 'y' }] }));
    expect(embed).toEqual({
      title: 'Tokayev signs law on local elections',
      url: 'https://example.kz/news/1',
      description: 'The president signed the law. Akims of districts will be elected.',
      fields: [{ name: 'Actors', value: 'tokayev', inline: true }],
      footer: { text: 'Astana Times · Also reported by: Kursiv, Vlast' },
      timestamp: '2022-01-06T10:00:00.000Z',
    });
  });

  it('cuts very long headlines and summaries to Discord limits with "…"', () => {
    const embed = storyEmbed(story({ title: 'T'.repeat(1000), summary: 'S '.repeat(5000) }));
    expect(embed.title).toHaveLength(256);
    expect(embed.title.endsWith('…')).toBe(true);
    expect(embed.description?.length).toBeLessThanOrEqual(4096);
    expect(embed.description?.endsWith('…')).toBe(true);
    expect(embedSize(embed)).toBeLessThanOrEqual(6000);
  });

  it('escapes markdown and masked links in feed text and never links a non-http url', () => {
    const embed = storyEmbed(story({ summary: '# Big [click me](https://evil.example) **now**', link: 'javascript:alert(1)' }));
    expect(embed.description).toBe('\\# Big \\[click me\\](https://evil.example) \\*\\*now\\*\\*');
    expect(embed.url).toBeUndefined();
  });

  it('leaves out a timestamp that does not parse', () => {
    expect(storyEmbed(story({ publishedAt: 'yesterday' })).timestamp).toBeUndefined();
  });
});

describe('renderDiscordMessage', () => {
  it('sends one embed for an alert, with mentions disabled', () => {
    const [body, ...rest] = renderDiscordMessage({ kind: 'alert', stories: [story()] });
    expect(rest).toEqual([]);
    expect(body?.embeds).toHaveLength(1);
    expect(body?.content).toBeUndefined();
    expect(body?.allowed_mentions).toEqual({ parse: [] });
  });

  it('keeps a combined message of 10 long stories within 10 embeds and 6000 characters', () => {
    const stories = Array.from({ length: 10 }, (_, i) =>
      story({ id: `s${i}`, title: `Headline ${i} `.repeat(40), summary: 'Long summary. '.repeat(300), entities: ['a', 'b'] }),
    );
    const bodies = renderDiscordMessage({ kind: 'alert', stories });
    expect(bodies).toHaveLength(1);
    const embeds = bodies[0]?.embeds ?? [];
    expect(embeds).toHaveLength(10);
    expect(embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(6000);
    expect(embeds.every((e) => e.title.startsWith('Headline'))).toBe(true);
  });

  it('splits more than 10 stories into several messages', () => {
    const stories = Array.from({ length: 12 }, (_, i) => story({ id: `s${i}` }));
    expect(renderDiscordMessage({ kind: 'digest', stories, heading: 'Daily digest' }).map((b) => b.embeds.length)).toEqual([10, 2]);
  });

  it('puts an escaped digest heading in the first message content', () => {
    const [first, second] = renderDiscordMessage({
      kind: 'digest',
      heading: 'Daily digest, 6 Jan 2022 @everyone _hi_',
      stories: Array.from({ length: 11 }, (_, i) => story({ id: `s${i}` })),
    });
    expect(first?.content).toBe('**Daily digest, 6 Jan 2022 @everyone \\_hi\\_**');
    expect(second?.content).toBeUndefined();
  });
});
