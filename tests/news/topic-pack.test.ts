import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTopicPack, parseTopicPack } from '../../src/news/topic-pack.js';
import { loadActorProfiles, unknownActorIds } from '../../src/news/actors.js';

// The reference sheet the pack is written from lives beside the project; a fresh clone skips these checks.
const referenceUrl = new URL('../../../shared/reference/kazakhstan-topic.md', import.meta.url);
const hasReference = existsSync(referenceUrl);
const reference = hasReference ? readFileSync(referenceUrl, 'utf8') : '';
if (!hasReference) {
  console.warn(`reference sheet not found at ${referenceUrl.pathname}; skipping the checks of facts against it`);
}
const pack = loadTopicPack();
const profiles = loadActorProfiles();

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

describe('the bundled Kazakhstan topic pack', () => {
  it('holds every person, organisation and place the reference names', () => {
    const ids = new Set(pack.entities.map((e) => e.id));
    for (const id of ['tokayev', 'nazarbayev', 'massimov', 'abish', 'mamin', 'smailov', 'ablyazov', 'putin', 'xi', 'pashinyan', 'lukashenko', 'serdyukov', 'zas', 'csto', 'knb', 'security-council', 'nur-otan', 'kazakhstan', 'almaty', 'astana', 'zhanaozen', 'aktau', 'aktobe', 'mangystau', 'taldykorgan', 'shymkent', 'january-2022-unrest']) {
      expect(ids, id).toContain(id);
    }
  });

  it.skipIf(!hasReference)('lists only feed URLs that the reference gives, or that topics/kazakhstan/feeds.md derives', () => {
    expect(pack.feeds.length).toBeGreaterThanOrEqual(9);
    // A feed of an outlet the sheet does not name is allowed only where feeds.md says how its address was derived.
    const derived = readFileSync(new URL('../../topics/kazakhstan/feeds.md', import.meta.url), 'utf8');
    const isDerived = (u: string) => derived.includes(`| ${u} |`) && !reference.includes(new URL(u).host);
    for (const url of pack.feeds.filter((u) => !isDerived(u))) {
      const host = new URL(url).host;
      expect(reference, url).toContain(host);
      if (!url.includes('news.google.com')) expect(reference).toContain(url);
    }
  });

  it('refuses vetoes that could never apply or would veto everything, naming each problem', () => {
    const raw = JSON.parse(JSON.stringify(pack)) as { entities: Array<{ id: string; vetoes?: unknown[] }> };
    raw.entities.find((e) => e.id === 'astana')!.vetoes = [
      { reason: 'none', within: 2 },
      { reason: 'not a name', forms: ['Paris'], near: ['team'] },
      { reason: 'itself', near: ['Astana'] },
      { reason: 'elsewhere', partOf: ['Paris Saint-Germain'] },
    ];
    const error = (() => {
      try {
        parseTopicPack(raw, 'vetoes.json');
      } catch (err) {
        return (err as Error).message;
      }
      return '';
    })();
    expect(error).toMatch(/vetoes\.json/);
    expect(error).toMatch(/veto "none" of astana lists neither near words nor partOf names/);
    expect(error).toMatch(/veto "none" of astana sets within but has no near words/);
    expect(error).toMatch(/veto form "Paris" is not a name of astana/);
    expect(error).toMatch(/near word "Astana" is a name of astana itself/);
    expect(error).toMatch(/partOf "Paris Saint-Germain" contains no name of astana/);
  });

  it('refuses a veto with a field it does not know, so a typo is not silently ignored', () => {
    const raw = JSON.parse(JSON.stringify(pack)) as { entities: Array<{ id: string; vetoes?: unknown[] }> };
    raw.entities.find((e) => e.id === 'astana')!.vetoes = [{ reason: 'typo', nearby: ['team'] }];
    expect(() => parseTopicPack(raw, 'typo.json')).toThrow(/typo\.json[\s\S]*nearby/);
  });

  it('accepts the vetoes of the bundled pack, each naming names it has', () => {
    const withVetoes = pack.entities.filter((e) => (e.vetoes?.length ?? 0) > 0).map((e) => e.id);
    expect(withVetoes).toEqual(expect.arrayContaining(['astana', 'kazakhstan', 'knb', 'mamin', 'nazarbayev']));
    expect(pack.givenNames.length).toBeGreaterThan(50);
  });

  it('refuses a pack with a duplicate entity id, naming the problem', () => {
    const raw = JSON.parse(JSON.stringify(pack)) as { entities: unknown[] };
    raw.entities.push(raw.entities[0]);
    expect(() => parseTopicPack(raw, 'dup.json')).toThrow(/dup\.json[\s\S]*duplicate entity id tokayev/);
  });
});

describe('the /who profiles', () => {
  it('describe only entities of the pack and relate only to them', () => {
    expect(unknownActorIds(profiles, pack)).toEqual([]);
    for (const id of ['tokayev', 'nazarbayev', 'massimov', 'csto', 'knb']) expect(profiles.has(id), id).toBe(true);
  });

  it.skipIf(!hasReference)('state only dates that appear in the reference', () => {
    for (const p of profiles.values()) {
      for (const { when } of p.keyDates) expect(reference, `${p.id}: ${when}`).toContain(when);
      const text = `${p.role} ${p.bio}`;
      for (const [year] of text.matchAll(/\b(?:19|20)\d\d\b/g)) expect(reference, `${p.id}: ${year}`).toContain(year);
      for (const m of text.matchAll(/\b(\d{1,2}(?:-\d{1,2})?) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b/g)) {
        const [, day, month] = m;
        const inReference = new RegExp(`\\b${day} ${month}`).test(reference);
        expect(inReference, `${p.id}: ${m[0]}`).toBe(true);
        expect(MONTHS).toContain(month);
      }
    }
  });

  it.skipIf(!hasReference)('give only numbers that the reference gives', () => {
    for (const p of profiles.values()) {
      for (const [n] of `${p.bio}`.matchAll(/\b\d[\d,]*\b/g)) expect(reference, `${p.id}: ${n}`).toContain(n);
    }
  });
});
