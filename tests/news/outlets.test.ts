import { describe, expect, it } from 'vitest';
import { otherOutlets, outletCount } from '../../src/news/outlets.js';

const story = (source: string, others: string[]) => ({
  source,
  alsoReportedBy: others.map((name) => ({ source: name, title: `${name} headline` })),
});

describe('outlets of a story', () => {
  it('counts the first outlet and every one that joined', () => {
    expect(outletCount(story('Tengrinews', []))).toBe(1);
    expect(outletCount(story('Tengrinews', ['Reuters', 'Kursiv']))).toBe(3);
  });

  it('counts an outlet once, whatever its case or spacing', () => {
    const s = story('Tengrinews', ['tengrinews ', 'Reuters', 'REUTERS', 'Kursiv  Media', 'kursiv media']);
    expect(outletCount(s)).toBe(3);
    expect(otherOutlets(s).map((o) => o.source)).toEqual(['Reuters', 'Kursiv  Media']);
  });

  it('leaves out outlets without a name, keeping the others in the order they joined', () => {
    const s = story('Tengrinews', ['Vlast', ' ', '', 'Azattyq']);
    expect(otherOutlets(s).map((o) => o.source)).toEqual(['Vlast', 'Azattyq']);
    expect(outletCount(s)).toBe(3);
  });

  it('keeps each other outlet with its own headline and link', () => {
    const s = { source: 'A', alsoReportedBy: [{ source: 'B', title: 'B says', link: 'https://b.example/1' }] };
    expect(otherOutlets(s)).toEqual([{ source: 'B', title: 'B says', link: 'https://b.example/1' }]);
  });
});
