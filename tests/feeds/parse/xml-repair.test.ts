import { describe, expect, it } from 'vitest';
import { wrapMarkupText } from '../../../src/feeds/parse/markup-text.js';
import { repairCloseTags } from '../../../src/feeds/parse/xml-repair.js';

describe('repairCloseTags', () => {
  it('closes the current element with a close tag that matches no open element', () => {
    expect(repairCloseTags('<rss><channel><language>en</langauge></channel></rss>')).toEqual({
      xml: '<rss><channel><language>en</language></channel></rss>',
      repairs: 1,
      balanced: true,
    });
  });

  it('closes the elements left open inside the element a close tag names', () => {
    expect(repairCloseTags('<item><title>a<br></title><link>x</item>').xml).toBe('<item><title>a<br></br></title><link>x</link></item>');
  });

  it('drops a close tag when nothing is open, and says when the document is cut short', () => {
    expect(repairCloseTags('<a></a></b>')).toEqual({ xml: '<a></a>', repairs: 1, balanced: true });
    expect(repairCloseTags('<a><b>text')).toMatchObject({ repairs: 0, balanced: false });
  });

  it('finishes a close tag cut off at the very end when it closes the root', () => {
    expect(repairCloseTags('<rss><channel></channel></rss')).toEqual({ xml: '<rss><channel></channel></rss>', repairs: 1, balanced: true });
    expect(repairCloseTags('<rss><channel></chan')).toMatchObject({ repairs: 0, balanced: false });
  });

  it('leaves comments, CDATA, processing instructions, the DOCTYPE and quoted > in attributes alone', () => {
    const xml = '<!DOCTYPE rss [<!ENTITY x "y">]><?pi </x> ?><rss a="1>2"><!-- </b> --><t><![CDATA[</t>]]></t></rss>';
    expect(repairCloseTags(xml)).toEqual({ xml, repairs: 0, balanced: true });
  });

  it('mends nothing past 256 open elements', () => {
    expect(repairCloseTags(`${'<b>'.repeat(300)}</x>`)).toMatchObject({ repairs: 0, balanced: false });
  });
});

describe('wrapMarkupText', () => {
  it('wraps markup inside text elements in CDATA, in order, and marks the element', () => {
    expect(wrapMarkupText('<item><description><p>Text <a href="x">link</a> more</p></description></item>')).toBe(
      '<item><description kw-markup="1"><![CDATA[<p>Text <a href="x">link</a> more</p>]]></description></item>',
    );
    expect(wrapMarkupText('<entry><content type="xhtml"><div>a ]]> b<br></div></content></entry>')).toBe(
      '<entry><content type="xhtml" kw-markup="1"><![CDATA[<div>a ]]]]><![CDATA[> b<br></div>]]></content></entry>',
    );
  });

  it('leaves plain text, CDATA, media:content and elements whose end is lost as they are', () => {
    const untouched = [
      '<title>plain &amp; simple</title>',
      '<description><![CDATA[<p>already</p>]]></description>',
      '<media:content url="x"><media:thumbnail url="y"/></media:content>',
      '<item><title>a<b></item><item><title>b</title></item>',
      '<title>x<title>nested</title></title>',
      '<!-- <title><b>x</b></title> -->',
    ];
    for (const xml of untouched) expect(wrapMarkupText(xml)).toBe(xml);
  });
});
