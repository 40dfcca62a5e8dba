import { describe, expect, it } from 'vitest';
import { formatTime, renderTelegramMessages, telegramTextLimit } from '../../../src/platforms/telegram/render.js';
import { parseHtml } from '../../fakes/telegram/html.js';
import { makeStory } from './stories.js';

const alert = (overrides = {}) => ({ kind: 'alert' as const, stories: [makeStory(overrides)] });

describe('renderTelegramMessages', () => {
  it('renders one story as a linked headline, summary, source line and time', () => {
    const [msg] = renderTelegramMessages(
      alert({
        title: 'Floods in Atyrau',
        link: 'https://news.example.kz/floods',
        summary: 'Water levels rose overnight.',
        alsoReportedBy: [
          { source: 'Tengrinews', link: 'https://tengrinews.example/1', title: 'x' },
          { source: 'Vlast', title: 'y' },
        ],
      }),
    );
    expect(msg?.html).toBe(
      '<b><a href="https://news.example.kz/floods">Floods in Atyrau</a></b>\nWater levels rose overnight.\n\n' +
        'Kazinform · also reported by <a href="https://tengrinews.example/1">Tengrinews</a>, Vlast\n6 Jan 2022, 14:05 UTC',
    );
    expect(msg?.plain).toBe(
      'Floods in Atyrau\nWater levels rose overnight.\n\nKazinform · also reported by Tengrinews, Vlast\n6 Jan 2022, 14:05 UTC',
    );
  });

  it("writes its own labels in the chat's language, feed text as it came", () => {
    const story = makeStory({ alsoReportedBy: [{ source: 'Tengrinews', title: 'x' }] });
    const [kk] = renderTelegramMessages({ kind: 'alert', stories: [story], language: 'kk' });
    expect(kk?.plain).toContain('Kazinform · сондай-ақ хабарлады: Tengrinews');
    expect(kk?.plain).toMatch(/2022 ж\. 6 қаң\.?, 14:05 UTC$/);
    const [ru] = renderTelegramMessages({ kind: 'alert', stories: [story, makeStory({ title: 'Second' })], language: 'ru' });
    expect(ru?.plain.split('\n')[0]).toBe('2 свежие новости');
    expect(ru?.plain).toContain('6 янв. 2022 г., 14:05 UTC');
  });

  it('escapes every <, >, & and " from feed text so it reads as written', () => {
    const title = '<script>alert("x")</script> a < b & c > d';
    const [msg] = renderTelegramMessages(alert({ title, summary: '"quotes" & <i>tags</i>', source: 'A&B <News>' }));
    expect(msg?.html).not.toMatch(/<script|<i>/);
    const parsed = parseHtml(msg?.html ?? '');
    expect(parsed.text).toBe(msg?.plain);
    expect(parsed.text).toContain(title);
    expect(parsed.text).toContain('"quotes" & <i>tags</i>');
    expect(parsed.text).toContain('A&B <News>');
  });

  it('escapes the link and refuses links that are not http(s)', () => {
    const [quoted] = renderTelegramMessages(alert({ link: 'https://news.example.kz/a?b=1&c="2"' }));
    expect(parseHtml(quoted?.html ?? '').entities.find((e) => e.type === 'text_link')).toMatchObject({ type: 'text_link', url: 'https://news.example.kz/a?b=1&c=%222%22' });
    for (const link of ['javascript:alert(1)', 'tg://resolve?domain=x', '/relative/path', 'not a url']) {
      const [msg] = renderTelegramMessages(alert({ link, title: 'Headline' }));
      expect(msg?.html.startsWith('<b>Headline</b>')).toBe(true);
    }
  });

  it('names at most five other outlets, then says how many more', () => {
    const alsoReportedBy = Array.from({ length: 8 }, (_, i) => ({ source: `Outlet ${i}`, title: 't' }));
    const [msg] = renderTelegramMessages(alert({ alsoReportedBy }));
    expect(msg?.plain).toContain('also reported by Outlet 0, Outlet 1, Outlet 2, Outlet 3, Outlet 4 and 3 more');
  });

  it('cuts an oversized story to fit 4096 visible characters, summary first', () => {
    const [msg] = renderTelegramMessages(alert({ summary: 'word '.repeat(5000), title: 'T'.repeat(5000) }));
    const parsed = parseHtml(msg?.html ?? '');
    expect(parsed.text.length).toBeLessThanOrEqual(telegramTextLimit);
    expect(msg?.length).toBe(parsed.text.length);
    expect(parsed.text).toContain('…');
    const [tiny] = renderTelegramMessages(alert({ summary: 'word '.repeat(100) }), { maxLength: 200 });
    expect(parseHtml(tiny?.html ?? '').text.length).toBeLessThanOrEqual(200);
    expect(tiny?.plain).toContain('Kazinform');
  });

  it('lists several stories with their headline links under a heading', () => {
    const stories = Array.from({ length: 3 }, () => makeStory());
    const [msg, ...rest] = renderTelegramMessages({ kind: 'alert', stories });
    expect(rest).toEqual([]);
    expect(msg?.plain.startsWith('3 new stories\n\n')).toBe(true);
    const links = parseHtml(msg?.html ?? '').entities.filter((e) => e.type === 'text_link').map((e) => e.url);
    expect(links).toEqual(stories.map((s) => s.link));
  });

  it('splits a long digest into parts that each fit, keeping every story and the heading', () => {
    const stories = Array.from({ length: 60 }, (_, i) => makeStory({ title: `Story ${i} ${'long title '.repeat(25)}` }));
    const parts = renderTelegramMessages({ kind: 'digest', heading: 'Daily digest, 6 Jan 2022', stories });
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, part] of parts.entries()) {
      const parsed = parseHtml(part.html);
      expect(parsed.text.length).toBeLessThanOrEqual(telegramTextLimit);
      expect(parsed.text.startsWith(`Daily digest, 6 Jan 2022 (${i + 1}/${parts.length})`)).toBe(true);
    }
    const all = parts.map((p) => p.plain).join('\n');
    for (let i = 0; i < 60; i++) expect(all).toContain(`Story ${i} `);
  });

  it('always produces HTML Telegram parses back to the plain text', () => {
    const alphabet = ['<', '>', '&', '"', "'", 'a', ' ', '\n', '🏟', 'ж', '&amp;', '</b>', '\u0000', '\uD800'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const noise = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let i = 0; i < 300; i++) {
      const stories = Array.from({ length: 1 + (i % 3) }, () =>
        makeStory({ title: noise(20), summary: noise(60), source: noise(8), link: `https://x.example/${noise(5)}` }),
      );
      for (const part of renderTelegramMessages({ kind: 'alert', stories })) {
        expect(parseHtml(part.html).text).toBe(part.plain);
      }
    }
  });

  it('formats times in UTC and leaves out a date that does not parse', () => {
    expect(formatTime('2024-12-31T23:59:00+05:00')).toBe('31 Dec 2024, 18:59 UTC');
    expect(formatTime('yesterday')).toBe('');
  });
});
