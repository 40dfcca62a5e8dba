import { describe, expect, it } from 'vitest';
import { loadActorProfiles } from '../../src/news/actors.js';

describe('bundled /who profiles', () => {
  const profiles = [...loadActorProfiles().values()];

  it('have a Russian and a Kazakh role, biography and the same key dates as the English', () => {
    const cyrillic = /[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/;
    const problems = profiles.flatMap((p) =>
      (['ru', 'kk'] as const).flatMap((language) => {
        const t = p.translations[language];
        if (!t?.role || !t.bio) return [`${p.id} ${language}: no role or biography`];
        const out: string[] = [];
        if (!cyrillic.test(t.role) || !cyrillic.test(t.bio)) out.push(`${p.id} ${language}: not written in Cyrillic`);
        if ((t.keyDates ?? []).length !== p.keyDates.length) out.push(`${p.id} ${language}: ${(t.keyDates ?? []).length} key dates, English ${p.keyDates.length}`);
        return out;
      }),
    );
    expect(profiles.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
