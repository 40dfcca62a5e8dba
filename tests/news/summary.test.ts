import { describe, expect, it } from 'vitest';
import { summarize, truncateAtWord } from '../../src/news/summary.js';
import { decodeEntities, htmlToText } from '../../src/news/html-text.js';

describe('summaries', () => {
  it('gives an empty summary for empty or blank input', () => {
    expect(summarize('')).toBe('');
    expect(summarize('   \n ')).toBe('');
    expect(summarize('<p> </p><script>alert(1)</script>')).toBe('');
  });

  it('strips HTML, drops scripts and styles, and keeps blocks apart', () => {
    const html = '<style>p{color:red}</style><p>Protests began in <b>Zhanaozen</b>.</p><script>var x = "Tokayev";</script><p>They spread to Aktau.</p>';
    expect(summarize(html)).toBe('Protests began in Zhanaozen. They spread to Aktau.');
  });

  it('decodes named and numeric entities', () => {
    expect(decodeEntities('A &amp; B &laquo;x&raquo; &#1058;&#x43E;&#x43a; &nbsp;&unknown; &#0;')).toBe('A & B «x» Ток \u00A0&unknown; \uFFFD');
    expect(summarize('Price &mdash; doubled &hellip; Tokayev&#8217;s order.')).toBe('Price — doubled … Tokayev’s order.');
  });

  it('takes at most three sentences within the limit', () => {
    const text = 'One is here. Two is here. Three is here. Four is here.';
    expect(summarize(text)).toBe('One is here. Two is here. Three is here.');
    expect(summarize(text, 30)).toBe('One is here. Two is here.');
  });

  it('splits Russian sentences', () => {
    expect(summarize('Токаев выступил. Он объявил траур. Войска ушли. Конец.')).toBe('Токаев выступил. Он объявил траур. Войска ушли.');
  });

  it('cuts one over-long sentence at a word with an ellipsis', () => {
    const long = `${'word '.repeat(100)}end.`;
    const s = summarize(long, 50);
    expect(s.length).toBeLessThanOrEqual(50);
    expect(s.endsWith('word…')).toBe(true);
  });

  it('never cuts inside a grapheme when there is no space', () => {
    const flags = '🇰🇿'.repeat(40);
    const s = truncateAtWord(flags, 11);
    expect(s.endsWith('…')).toBe(true);
    expect(s.slice(0, -1)).toBe('🇰🇿'.repeat(2));
  });

  it('drops feed boilerplate', () => {
    expect(summarize('<p>CSTO troops leave.</p><p>The post CSTO troops leave appeared first on The Astana Times.</p>')).toBe('CSTO troops leave.');
  });

  it('turns blocks into sentences', () => {
    expect(htmlToText('<h2>Breaking</h2><ul><li>one</li><li>two</li></ul>')).toBe('Breaking\n\none\n\ntwo');
    expect(summarize('<h2>Breaking</h2><p>Troops arrive.</p>')).toBe('Breaking. Troops arrive.');
  });
});
