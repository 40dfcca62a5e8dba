import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../../src/commands/reply.js';
import { pageCallbackData, pageKeyboard, readPageCallback } from '../../../../src/platforms/telegram/bot/paging.js';
import { renderTelegramReply } from '../../../../src/platforms/telegram/bot/render-reply.js';
import { telegramCommandMenu } from '../../../../src/platforms/telegram/bot/command-menu.js';
import { translator } from '../../../../src/i18n/translator.js';
import { commandList } from '../../../../commands/index.js';
import { parseHtml } from '../../../fakes/telegram/html.js';

describe('Telegram reply rendering', () => {
  it('escapes every piece of text and bolds the title, headings and field names', () => {
    const reply: Reply = {
      title: 'A <b> & "title"',
      blocks: [
        { kind: 'heading', text: '<i>heading</i>' },
        { kind: 'text', text: 'x < y && y > z' },
        { kind: 'fields', fields: [{ name: '<name>', value: '</b>value' }] },
      ],
    };
    const out = renderTelegramReply(reply);
    const parsed = parseHtml(out.html);
    expect(parsed.text).toBe('A <b> & "title"\n\n<i>heading</i>\n\nx < y && y > z\n\n<name>: </b>value');
    expect(out.text).toBe(parsed.text);
    expect(parsed.entities.map((e) => e.type)).toEqual(['bold', 'bold', 'bold']);
  });

  it('links only http(s) addresses and shows other links as their label alone', () => {
    const out = renderTelegramReply({
      blocks: [
        {
          kind: 'links',
          items: [
            { label: 'Good', url: 'https://news.example/a?x=1&y=2', meta: 'Tengrinews' },
            { label: 'Bad', url: 'javascript:alert(1)' },
            { label: 'Deep', url: 'tg://resolve?domain=x' },
          ],
        },
      ],
    });
    const parsed = parseHtml(out.html);
    expect(parsed.text).toBe('• Good (Tengrinews)\n• Bad\n• Deep');
    expect(parsed.entities).toEqual([{ type: 'text_link', offset: 2, length: 4, url: 'https://news.example/a?x=1&y=2' }]);
  });

  it('cuts a long reply to 4096 visible characters with valid HTML, keeping the page line', () => {
    const fields = Array.from({ length: 200 }, (_, i) => ({ name: `Field ${i}`, value: `<value> ${'é'.repeat(40)}` }));
    const out = renderTelegramReply({ title: 'Long', blocks: [{ kind: 'fields', fields }], pages: { page: 2, total: 9, token: 'tok' } });
    const parsed = parseHtml(out.html);
    expect(parsed.text.length).toBeLessThanOrEqual(4096);
    expect(parsed.text.length).toBeGreaterThan(4000);
    expect(parsed.text.endsWith('\n\nPage 2 of 9')).toBe(true);
  });

  it('puts multi-line and long field names on their own line', () => {
    const out = renderTelegramReply({
      blocks: [{ kind: 'fields', fields: [{ name: '/timeline [query] [days=7]', value: 'Stories.\nExample: /timeline tokayev' }] }],
    });
    expect(out.text).toBe('/timeline [query] [days=7]\nStories.\nExample: /timeline tokayev');
  });
});

describe('Telegram paging buttons', () => {
  it('offers Previous and Next as they apply, with callback data within 64 bytes', () => {
    const token = 'A'.repeat(16);
    expect(pageKeyboard({ page: 1, total: 1, token })).toBeUndefined();
    expect(pageKeyboard({ page: 1, total: 3, token })?.inline_keyboard).toEqual([[{ text: 'Next »', callback_data: `pg:${token}:2` }]]);
    expect(pageKeyboard({ page: 3, total: 3, token })?.inline_keyboard[0]?.map((b) => b.text)).toEqual(['« Previous']);
    expect(readPageCallback(`pg:${token}:2`)).toEqual({ token, page: 2 });
  });

  it('leaves the buttons out rather than exceed 64 bytes, and ignores foreign callback data', () => {
    expect(pageCallbackData('B'.repeat(60), 2)).toBeUndefined();
    expect(pageKeyboard({ page: 1, total: 2, token: 'B'.repeat(60) })).toBeUndefined();
    expect(readPageCallback('city:astana')).toBeUndefined();
    expect(readPageCallback('pg:abc:0')).toBeUndefined();
    expect(readPageCallback(undefined)).toBeUndefined();
  });
});

describe('Telegram command menu', () => {
  it('lists every command once with a description Telegram accepts', () => {
    const menu = telegramCommandMenu(commandList);
    expect(menu.map((c) => c.command)).toEqual(commandList.map((c) => c.name));
    for (const c of menu) expect([...c.description].length).toBeLessThanOrEqual(256);
    expect(menu.find((c) => c.command === 'who')?.description).toBe(translator('en').t('who.description'));
  });
});
