import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../../src/commands/reply.js';
import { markdownUrl, renderDiscordReply } from '../../../../src/platforms/discord/bot/render-reply.js';
import { embedCharacters, validateMessageBody, ErrorCollector } from '../../../fakes/discord/validate.js';

/** What the fake Discord would say about this body: undefined when it accepts it. */
function refusal(body: Record<string, unknown>) {
  const errors = new ErrorCollector();
  validateMessageBody(body, errors);
  return errors.result();
}

const codePoints = (s: string | undefined) => [...(s ?? '')].length;

describe('rendering a reply for Discord', () => {
  it('puts the title, text and fields in one embed and each heading in its own', () => {
    const out = renderDiscordReply({
      title: 'Kassym-Jomart Tokayev',
      blocks: [
        { kind: 'text', text: 'President since 2019.' },
        { kind: 'fields', fields: [{ name: 'Role', value: 'President' }] },
        { kind: 'heading', text: 'Latest headlines' },
        { kind: 'links', items: [{ label: 'Fuel prices', url: 'https://news.example/1', meta: '2 outlets' }] },
      ],
    });
    expect(out.embeds.map((e) => [e.title, e.description, e.fields])).toEqual([
      ['Kassym-Jomart Tokayev', 'President since 2019.', [{ name: 'Role', value: 'President' }]],
      ['Latest headlines', '• [Fuel prices](https://news.example/1) (2 outlets)', undefined],
    ]);
    expect(out).toMatchObject({ components: [], allowed_mentions: { parse: [] }, ephemeral: false });
  });

  it('shows text that follows fields below them, in a new embed', () => {
    const out = renderDiscordReply({
      blocks: [
        { kind: 'text', text: 'Subscribed.' },
        { kind: 'fields', fields: [{ name: 'Subscription id', value: 'abc' }] },
        { kind: 'text', text: 'To stop it: /unsubscribe abc' },
      ],
    });
    expect(out.embeds.map((e) => e.description)).toEqual(['Subscribed.', 'To stop it: /unsubscribe abc']);
  });

  it('never makes a masked link of an unsafe address, and escapes labels so they cannot close the link', () => {
    const out = renderDiscordReply({
      blocks: [
        {
          kind: 'links',
          items: [
            { label: 'Click [here](https://evil.example)', url: 'javascript:alert(1)' },
            { label: 'Prices ] up *50%*', url: 'https://news.example/a (b)' },
          ],
        },
      ],
    });
    const [first, second] = (out.embeds[0]?.description ?? '').split('\n');
    expect(first).toBe('• Click \\[here\\](https://evil.example)');
    expect(first).not.toContain('javascript');
    expect(second).toBe('• [Prices \\] up \\*50%\\*](https://news.example/a%20%28b%29)');
  });

  it('accepts only absolute http(s) addresses for links', () => {
    expect(markdownUrl('https://kaz.example/a)b')).toBe('https://kaz.example/a%29b');
    expect(markdownUrl('ftp://kaz.example/')).toBeUndefined();
    expect(markdownUrl('/relative')).toBeUndefined();
  });

  it('escapes markdown in text, so a reply cannot format or hide links', () => {
    const out = renderDiscordReply({ title: '**Loud**', blocks: [{ kind: 'text', text: '# Heading\n[x](https://evil.example) ||spoiler||' }] });
    expect(out.embeds[0]?.title).toBe('\\*\\*Loud\\*\\*');
    expect(out.embeds[0]?.description).toBe('\\# Heading\n\\[x\\](https://evil.example) \\|\\|spoiler\\|\\|');
  });

  it('keeps a huge reply within every Discord limit, cutting with an ellipsis', () => {
    const long = 'Қазақстан 🇰🇿 news '.repeat(600);
    const reply: Reply = {
      title: long,
      blocks: [
        { kind: 'text', text: long },
        { kind: 'fields', fields: Array.from({ length: 40 }, (_, i) => ({ name: `${i} ${long}`, value: long })) },
        ...Array.from({ length: 12 }, (_, i) => [
          { kind: 'heading' as const, text: `Day ${i}` },
          { kind: 'links' as const, items: [{ label: long, url: `https://news.example/${i}` }] },
        ]).flat(),
      ],
      pages: { page: 2, total: 5, token: 'tok' },
    };
    const out = renderDiscordReply(reply);
    expect(refusal({ embeds: out.embeds })).toBeUndefined();
    expect(out.embeds.length).toBeLessThanOrEqual(10);
    expect(out.embeds.reduce((n, e) => n + embedCharacters(e), 0)).toBeLessThanOrEqual(6000);
    expect(codePoints(out.embeds[0]?.title)).toBeLessThanOrEqual(256);
    expect(out.embeds[0]?.title?.endsWith('…')).toBe(true);
    expect(out.embeds[0]?.description?.endsWith('…')).toBe(true);
    // A cut never splits the flag emoji (two code points) into halves.
    expect(out.embeds[0]?.description).not.toMatch(/\uD83C(?![\uDC00-\uDFFF])/);
    expect(out.embeds.at(-1)?.footer?.text).toBe('Page 2 of 5');
  });

  it('folds headings into bold lines when a reply has more than ten of them', () => {
    const blocks = Array.from({ length: 12 }, (_, i) => [
      { kind: 'heading' as const, text: `Day ${i + 1}` },
      { kind: 'links' as const, items: [{ label: `Story ${i + 1}`, url: `https://news.example/${i}` }] },
    ]).flat();
    const out = renderDiscordReply({ title: 'Timeline', blocks });
    expect(out.embeds).toHaveLength(1);
    expect(out.embeds[0]?.description).toContain('**Day 12**\n\n• [Story 12](https://news.example/11)');
  });

  it('adds Previous and Next buttons to a paged reply, and marks a private one ephemeral', () => {
    const out = renderDiscordReply({ private: true, blocks: [{ kind: 'text', text: 'Page 3' }], pages: { page: 3, total: 3, token: 'AbC_-1' } });
    expect(out.ephemeral).toBe(true);
    expect(out.components[0]?.components.map((b) => ('custom_id' in b ? [b.custom_id, b.disabled] : []))).toEqual([
      ['pg:AbC_-1:2', false],
      ['pg-none:next', true],
    ]);
  });

  it('says something rather than nothing for an empty reply', () => {
    expect(renderDiscordReply({ blocks: [] }).embeds).toEqual([expect.objectContaining({ description: 'Done.' })]);
  });
});
