import { describe, expect, it } from 'vitest';
import { HtmlParseError, parseHtml } from './html.js';

const error = (html: string, options = {}) => {
  try {
    parseHtml(html, options);
  } catch (err) {
    if (err instanceof HtmlParseError) return err.message;
    throw err;
  }
  return undefined;
};

describe('Telegram HTML parsing', () => {
  it('turns supported tags into entities with UTF-16 offsets', () => {
    const { text, entities } = parseHtml('🏟 <b>bold</b> <a href="https://example.kz/a?b=1&amp;c=2">link</a>');
    expect(text).toBe('🏟 bold link');
    expect(entities).toEqual([
      { type: 'bold', offset: 3, length: 4 },
      { type: 'text_link', offset: 8, length: 4, url: 'https://example.kz/a?b=1&c=2' },
    ]);
  });

  it('decodes the four named entities and numeric references', () => {
    expect(parseHtml('&lt;&gt;&amp;&quot;&#65;&#x42;').text).toBe('<>&"AB');
  });

  it('refuses an unknown tag with the byte offset Telegram reports', () => {
    expect(error('🏟 🏟&lt;<abac>')).toBe('Unsupported start tag "abac" at byte offset 13');
    expect(error('<script>alert(1)</script>')).toBe('Unsupported start tag "script" at byte offset 0');
  });

  it('refuses a bare < as an empty start tag', () => {
    expect(error('a < b')).toBe('Unsupported start tag "" at byte offset 2');
    expect(error('x <b')).toBe('Unclosed start tag at byte offset 2');
  });

  it('refuses unclosed and misnested tags', () => {
    expect(error('<b>bold')).toBe('Can\'t find end tag corresponding to start tag "b"');
    expect(error('🏟 🏟&lt;<i>a</em   >')).toBe('Unmatched end tag at byte offset 17, expected "</i>", found "</em>"');
    expect(error('<b><i>x</b></i>')).toBe('Unmatched end tag at byte offset 7, expected "</i>", found "</b>"');
    expect(error('x</b>')).toBe('Unexpected end tag at byte offset 1');
  });

  it('refuses malformed attributes like Telegram', () => {
    expect(error('🏟 🏟&lt;<i   =aba>')).toBe('Empty attribute name in the tag "i" at byte offset 13');
    expect(error('🏟 🏟&lt;<i    aba>')).toBe('Expected equal sign in declaration of an attribute of the tag "i" at byte offset 13');
    expect(error('<a href="x"')).toBe('Unclosed start tag at byte offset 0');
    expect(error('<span class="x">y</span>')).toBe('Tag "span" must have class "tg-spoiler" at byte offset 0');
  });

  it('refuses a bare & unless told to keep it like Telegram does', () => {
    expect(error('AT&T')).toBe('Unescaped "&" at byte offset 2');
    expect(parseHtml('AT&T', { strictAmpersands: false }).text).toBe('AT&T');
  });

  it('knows spoilers, expandable quotes, and pre with a language', () => {
    const { entities } = parseHtml(
      '<tg-spoiler>a</tg-spoiler><span class="tg-spoiler">b</span><blockquote expandable>c</blockquote><pre><code class="language-ts">d</code></pre>',
    );
    expect(entities).toEqual([
      { type: 'spoiler', offset: 0, length: 1 },
      { type: 'spoiler', offset: 1, length: 1 },
      { type: 'expandable_blockquote', offset: 2, length: 1 },
      { type: 'pre', offset: 3, length: 1, language: 'ts' },
    ]);
  });

  it('drops a link whose URL Telegram would not accept, keeping its text', () => {
    expect(parseHtml('<a href="javascript:alert(1)">x</a>')).toEqual({ text: 'x', entities: [] });
  });
});
