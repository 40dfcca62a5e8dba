import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../src/news/html-text.js';

describe('htmlToText', () => {
  it('drops tags, keeps inline text together and blocks apart', () => {
    expect(htmlToText('<p>Protests in <b>Zhan</b>aozen</p><div>Troops<br>arrive</div>')).toBe('Protests in Zhanaozen\n\nTroops\n\narrive');
    expect(htmlToText('<P CLASS="x">Upper</P><Li>case</LI>')).toBe('Upper\n\ncase');
  });

  it('drops comments, declarations, processing instructions, scripts and styles with their content', () => {
    expect(htmlToText('<!DOCTYPE html><?xml version="1.0"?>A<!-- hidden -->B<script>var x = "<p>no</p>";</script>C<style>p{}</style>D')).toBe('A B C D');
    expect(htmlToText('<SCRIPT type="text/javascript">alert(1)</Script >after')).toBe('after');
    expect(htmlToText('<noscript>enable JS</noscript><template><p>t</p></template>kept')).toBe('kept');
  });

  it('keeps a < that starts no tag, and CDATA text', () => {
    expect(htmlToText('x < 5 and 3 <= y, <<<')).toBe('x < 5 and 3 <= y, <<<');
    expect(htmlToText('<![CDATA[Tokayev & co]]> spoke')).toBe('Tokayev & co spoke');
  });

  it('drops markup cut off by the end of the text, as a browser does', () => {
    expect(htmlToText('Tokayev spoke. <a href="https://example.kz/very-long-li')).toBe('Tokayev spoke.');
    expect(htmlToText('Tokayev spoke.<!-- cut')).toBe('Tokayev spoke.');
    expect(htmlToText('Tokayev spoke.<script>var cut =')).toBe('Tokayev spoke.');
  });

  it('decodes every HTML entity, windows-1252 numeric references and invalid ones, and drops soft hyphens', () => {
    expect(htmlToText('&alefsym; &hellip; Tokayev&#146;s &#x2014; To&shy;kayev &NotEqualTilde;')).toBe('ℵ … Tokayev’s — Tokayev ≂̸');
    expect(htmlToText('&lt;b&gt;not a tag&lt;/b&gt;')).toBe('<b>not a tag</b>');
    expect(decodeEntities('&copy 2022 &unknown; &#0; &#xD800;')).toBe('© 2022 &unknown; \uFFFD \uFFFD');
  });

  describe('pathological input returns the right text (in time linear in its length)', () => {
    it('8,000 unclosed <p', () => {
      expect(htmlToText(`Tokayev spoke.${'<p'.repeat(8000)}`)).toBe('Tokayev spoke.');
      expect(htmlToText(`${'<p'.repeat(8000)}>Tokayev spoke.`)).toBe('Tokayev spoke.');
    });

    it('deeply nested tags', () => {
      expect(htmlToText(`${'<div><span>'.repeat(50_000)}deep${'</span></div>'.repeat(50_000)}`)).toBe('deep');
    });

    it('a megabyte of <, of unclosed comments and of unclosed scripts', () => {
      expect(htmlToText('<'.repeat(1_000_000))).toBe('<'.repeat(1_000_000));
      expect(htmlToText(`kept${'<!--'.repeat(100_000)}`)).toBe('kept');
      expect(htmlToText(`kept${'<script>'.repeat(100_000)}`)).toBe('kept');
      expect(htmlToText(`kept${'<!'.repeat(100_000)}`)).toBe('kept');
      expect(htmlToText('&'.repeat(100_000) + 'amp;')).toBe('&'.repeat(100_000));
    });
  });
});
