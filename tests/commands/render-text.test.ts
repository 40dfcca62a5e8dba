import { describe, expect, it } from 'vitest';
import { renderReplyText } from '../../src/commands/render-text.js';

describe('renderReplyText', () => {
  it('renders title, text, headings, fields, links and the paging hint as plain text', () => {
    const text = renderReplyText({
      title: 'Timeline',
      blocks: [
        { kind: 'text', text: '2 stories.' },
        { kind: 'heading', text: 'Thursday 6 January 2022' },
        { kind: 'links', items: [{ label: 'Troops arrive', url: 'https://a.example/1', meta: '03:00 UTC' }, { label: 'No meta', url: 'https://a.example/2' }] },
        { kind: 'fields', fields: [{ name: 'Usage', value: '/timeline\n/timeline tokayev' }] },
      ],
      pages: { page: 1, total: 2, token: 't' },
    });
    expect(text).toBe(
      [
        'Timeline',
        '========',
        '',
        '2 stories.',
        '',
        '── Thursday 6 January 2022 ──',
        '',
        '- Troops arrive (03:00 UTC)',
        '  https://a.example/1',
        '- No meta',
        '  https://a.example/2',
        '',
        'Usage: /timeline',
        '  /timeline tokayev',
        '',
        'Page 1 of 2. Add page=2 for the next.',
        '',
      ].join('\n'),
    );
  });

  it('says nothing about pages on the last page beyond where it is', () => {
    expect(renderReplyText({ blocks: [], pages: { page: 2, total: 2, token: 't' } })).toBe('Page 2 of 2.\n');
  });
});
