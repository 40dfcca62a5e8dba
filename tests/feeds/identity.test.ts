import { describe, expect, it } from 'vitest';
import { assignItemIds, canonicalizeLink, identifyItems } from '../../src/feeds/identity.js';
import type { FeedEntry } from '../../src/feeds/types.js';

describe('canonicalizeLink', () => {
  it('lower-cases scheme and host, drops the default port and the fragment', () => {
    expect(canonicalizeLink('HTTPS://News.KZ:443/Politics/42#comments')).toBe('https://news.kz/Politics/42');
    expect(canonicalizeLink('http://news.kz:8080/a')).toBe('http://news.kz:8080/a');
  });

  it('strips tracking parameters and sorts the rest', () => {
    expect(canonicalizeLink('https://news.kz/a?utm_source=tg&b=2&UTM_Medium=x&a=1&fbclid=F&gclid=G&yclid=Y&mc_cid=C&mc_eid=E')).toBe(
      'https://news.kz/a?a=1&b=2',
    );
    expect(canonicalizeLink('https://news.kz/a?utm_campaign=x')).toBe('https://news.kz/a');
  });

  it('drops one trailing slash from a path, but keeps the root', () => {
    expect(canonicalizeLink('https://news.kz/a/b/')).toBe('https://news.kz/a/b');
    expect(canonicalizeLink('https://news.kz')).toBe('https://news.kz/');
    expect(canonicalizeLink('https://news.kz/')).toBe('https://news.kz/');
  });

  it('refuses what is not an absolute http(s) URL', () => {
    expect(canonicalizeLink('/relative/path')).toBeUndefined();
    expect(canonicalizeLink('mailto:a@b.kz')).toBeUndefined();
  });
});

describe('assignItemIds', () => {
  const entry = (e: Partial<FeedEntry>): FeedEntry => ({ title: '', ...e });

  it('uses guids when they are unique within the document', () => {
    const ids = assignItemIds([entry({ guid: 'a', link: 'https://x.kz/1' }), entry({ guid: 'b', link: 'https://x.kz/1' })]);
    expect(ids[0]?.id).toMatch(/^g:[A-Za-z0-9_-]{16}$/);
    expect(ids[0]?.id).not.toBe(ids[1]?.id);
  });

  it('falls back to links for the whole document when any guid repeats', () => {
    const ids = assignItemIds([
      entry({ guid: 'same', link: 'https://x.kz/1' }),
      entry({ guid: 'same', link: 'https://x.kz/2' }),
      entry({ guid: 'other', link: 'https://x.kz/3' }),
    ]);
    expect(ids.map((i) => i.id.slice(0, 2))).toEqual(['l:', 'l:', 'l:']);
    expect(new Set(ids.map((i) => i.id)).size).toBe(3);
  });

  it('gives the same link the same id whatever the tracking parameters and fragment', () => {
    const [a, b] = assignItemIds([
      entry({ link: 'https://x.kz/news/7/?utm_source=rss#top', title: 'A' }),
      entry({ link: 'HTTPS://X.KZ/news/7', title: 'B' }),
    ]);
    expect(a?.id).toBe(b?.id);
  });

  it('hashes title and date when there is neither guid nor link, stably across runs', () => {
    const [a] = assignItemIds([entry({ title: 'Президент провёл совещание', publishedAt: '2024-01-02T03:04:05.000Z' })]);
    const [b] = assignItemIds([entry({ title: 'Президент провёл совещание', publishedAt: '2024-01-02T03:04:06.000Z' })]);
    expect(a?.id).toMatch(/^h:/);
    expect(a?.id).not.toBe(b?.id);
    // Pinned: ids are stored in Redis seen-sets, so a change here would re-alert every item.
    expect(a?.id).toBe(assignItemIds([entry({ title: 'Президент провёл совещание', publishedAt: '2024-01-02T03:04:05.000Z' })])[0]?.id);
    // g: + the first 16 base64url characters of SHA-1 of the guid.
    expect(assignItemIds([entry({ guid: 'https://x.kz/?p=1' })])[0]?.id).toBe('g:FpKiTXPid5UhP194');
  });
});


describe('identifyItems', () => {
  const entry = (e: Partial<FeedEntry>): FeedEntry => ({ title: '', ...e });
  const story = (n: number, e: Partial<FeedEntry> = {}) =>
    entry({ guid: `guid-${n}`, link: `https://x.kz/news/${n}`, title: `Tokayev signs decree number ${n} on fuel prices`, publishedAt: '2022-01-05T10:00:00.000Z', ...e });

  it('knows an item by its id, its guid, its canonical link and its headline with its day', () => {
    const { items } = identifyItems([story(1)]);
    expect(items[0]!.id).toBe(assignItemIds([story(1)])[0]!.id); // the id of seen-sets written before identities
    expect(items[0]!.identities.map((i) => i.slice(0, 2))).toEqual(['g:', 'l:', 't:']);
    expect(items[0]!.identities[0]).toBe(items[0]!.id);
  });

  it('gives the same link and headline identities when only the guid changed', () => {
    const before = identifyItems([story(1)]).items[0]!;
    const after = identifyItems([story(1, { guid: 'rewritten-every-poll-123' })]).items[0]!;
    expect(after.id).not.toBe(before.id);
    expect(after.identities.slice(1)).toEqual(before.identities.slice(1));
  });

  it('gives the same headline identity however the headline is punctuated or cased', () => {
    const a = identifyItems([story(1, { guid: 'a', link: 'https://x.kz/a', title: 'Токаев: «Огонь без предупреждения» — приказ' })]).items[0]!;
    const b = identifyItems([story(1, { guid: 'b', link: 'https://x.kz/b', title: 'токаев огонь без предупреждения, приказ' })]).items[0]!;
    expect(a.identities.at(-1)).toMatch(/^t:/);
    expect(a.identities.at(-1)).toBe(b.identities.at(-1));
  });

  it('makes a headline that recurs every day a new identity each day', () => {
    const monday = identifyItems([story(1, { title: 'Курс валют на сегодня в Казахстане', publishedAt: '2022-01-03T06:00:00Z' })]).items[0]!;
    const tuesday = identifyItems([story(2, { title: 'Курс валют на сегодня в Казахстане', publishedAt: '2022-01-04T06:00:00Z' })]).items[0]!;
    expect(monday.identities.at(-1)).not.toBe(tuesday.identities.at(-1));
  });

  it('does not use a generic headline, nor a link to the site rather than an article', () => {
    const { items } = identifyItems(
      [
        story(1, { title: 'News', link: 'https://x.kz/' }),
        story(2, { title: 'Untitled', link: 'https://x.kz/latest?utm_source=rss' }),
      ],
      { siteLink: 'https://x.kz/latest', feedUrl: 'https://x.kz/rss' },
    );
    expect(items.map((i) => i.identities.map((x) => x.slice(0, 2)))).toEqual([['g:'], ['g:']]);
    const permalink = identifyItems([story(3, { link: 'https://x.kz/?p=42' })]).items[0]!;
    expect(permalink.identities.map((x) => x.slice(0, 2))).toEqual(['g:', 'l:', 't:']);
  });

  it('uses no identity that two items of the document share', () => {
    const { items } = identifyItems([
      story(1, { link: 'https://x.kz/section/politics' }),
      story(2, { link: 'https://x.kz/section/politics', title: 'Tokayev signs decree number 1 on fuel prices' }),
    ]);
    expect(items).toHaveLength(2);
    expect(items.map((i) => i.identities.map((x) => x.slice(0, 2)))).toEqual([['g:'], ['g:']]);
  });

  it('takes entries with the same id for one item, and says which were repeated', () => {
    const { items, duplicates } = identifyItems([story(1), story(2), story(1, { title: 'Tokayev signs decree (updated)' })]);
    expect(items.map((i) => i.entry.title)).toEqual([story(1).title, story(2).title]);
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]!.id).toBe(items[0]!.id);
  });

  it('still knows items by their own guids in a document where some guids repeat', () => {
    const { items } = identifyItems([story(1, { guid: 'same' }), story(2, { guid: 'same' }), story(3)]);
    expect(items.map((i) => i.id.slice(0, 2))).toEqual(['l:', 'l:', 'l:']);
    const guid3 = identifyItems([story(3)]).items[0]!.id;
    expect(items[2]!.identities).toContain(guid3);
    expect(items[0]!.identities.some((i) => i.startsWith('g:'))).toBe(false);
  });
});
