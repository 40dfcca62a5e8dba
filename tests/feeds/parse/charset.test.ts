import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from '../../../src/feeds/parse/charset.js';
import { FeedParseError } from '../../../src/feeds/parse/errors.js';

const RUSSIAN = 'Новости Казахстана: президент провёл совещание о развитии сельского хозяйства и новых дорогах';
const rss = (title: string, declaration = '') => `${declaration}<rss version="2.0"><channel><title>${title}</title></channel></rss>`;

describe('decodeFeedBytes', () => {
  it('tells KOI8-R from windows-1251 without any declaration', () => {
    const koi8 = decodeFeedBytes(iconv.encode(rss(RUSSIAN), 'koi8-r'));
    const cp1251 = decodeFeedBytes(iconv.encode(rss(RUSSIAN), 'windows-1251'));
    expect(koi8).toMatchObject({ encoding: 'koi8-r', source: 'detected' });
    expect(cp1251).toMatchObject({ encoding: 'windows-1251', source: 'detected' });
    expect(koi8.text).toContain(RUSSIAN);
    expect(cp1251.text).toContain(RUSSIAN);
  });

  it('reads UTF-16 with a BOM, little- and big-endian', () => {
    const text = rss(RUSSIAN, '<?xml version="1.0" encoding="utf-16"?>');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
    expect(decodeFeedBytes(le)).toMatchObject({ encoding: 'utf-16le', source: 'bom' });
    expect(decodeFeedBytes(be).text).toContain(RUSSIAN);
  });

  it('reads UTF-16 without a BOM from the layout of its first characters', () => {
    const decoded = decodeFeedBytes(iconv.encode(rss(RUSSIAN, '<?xml version="1.0" encoding="utf-16"?>'), 'utf-16le'));
    expect(decoded.encoding).toBe('utf-16le');
    expect(decoded.text).toContain(RUSSIAN);
  });

  it('drops the declared encoding from the text, so a parser does not decode it twice', () => {
    const decoded = decodeFeedBytes(iconv.encode(rss(RUSSIAN, '<?xml version="1.0" encoding="windows-1251"?>'), 'windows-1251'));
    expect(decoded).toMatchObject({ encoding: 'windows-1251', source: 'declaration' });
    expect(decoded.text).toMatch(/^<\?xml version="1.0"\?>/);
  });

  it('falls back to detection on a bogus declared name instead of throwing', () => {
    const decoded = decodeFeedBytes(iconv.encode(rss(RUSSIAN, '<?xml version="1.0" encoding="invalid"?>'), 'windows-1251'));
    expect(decoded).toMatchObject({ encoding: 'windows-1251', source: 'detected' });
    expect(decoded.text).toContain(RUSSIAN);
  });

  it('prefers UTF-8 when a legacy declaration contradicts valid multi-byte UTF-8 bytes', () => {
    const decoded = decodeFeedBytes(Buffer.from(rss('Euro €', '<?xml version="1.0" encoding="windows-1252"?>'), 'utf8'));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('Euro €');
  });

  it('takes the Content-Type charset before the XML declaration', () => {
    const bytes = iconv.encode(rss(RUSSIAN, '<?xml version="1.0" encoding="koi8-r"?>'), 'windows-1251');
    expect(decodeFeedBytes(bytes, 'application/rss+xml; charset=windows-1251')).toMatchObject({ encoding: 'windows-1251', source: 'header' });
  });

  it('keeps letters when declared UTF-8 has a few stray legacy bytes', () => {
    const bytes = Buffer.concat([Buffer.from('<rss version="2.0"><channel><title>Казахстан — Espa', 'utf8'), Buffer.from([0xf1]), Buffer.from('a</title></channel></rss>')]);
    const decoded = decodeFeedBytes(bytes, 'text/xml; charset=utf-8');
    expect(decoded.text).toContain('Казахстан — España');
    expect(decoded.text).not.toContain('\uFFFD');
  });

  it('gunzips a raw gzip body, and refuses one that inflates past the cap', () => {
    const bytes = gzipSync(Buffer.from(rss(RUSSIAN), 'utf8'));
    expect(decodeFeedBytes(bytes).text).toContain(RUSSIAN);
    const bomb = gzipSync(Buffer.alloc(1024 * 1024, 0x20));
    expect(() => decodeFeedBytes(bomb, undefined, { maxBytes: 64 * 1024 })).toThrow(FeedParseError);
    expect(() => decodeFeedBytes(bomb, undefined, { maxBytes: 64 * 1024 })).toThrow(/too large/);
  });

  it.each([
    ['shift_jis', '日本のニュースを読みます。カザフスタンの首都はアスタナです。'],
    ['big5', '哈薩克斯坦的新聞。我們今天在這個國家看到了很多變化。'],
    ['euc-kr', '카자흐스탄 뉴스입니다. 오늘 대통령이 회의를 열었습니다.'],
    ['windows-1255', 'חדשות קזחסטן: הנשיא קיים היום ישיבה על פיתוח החקלאות'],
    ['tis-620', 'ข่าวคาซัคสถาน ประธานาธิบดีจัดการประชุมเกี่ยวกับการเกษตร'],
    ['windows-1252', 'Notícias do Cazaquistão: o presidente fez uma reunião sobre agricultura'],
  ])('guesses undeclared %s', (encoding, text) => {
    const decoded = decodeFeedBytes(iconv.encode(rss(text), encoding));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toContain(text);
  });
});
