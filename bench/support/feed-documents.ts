/** Generates RSS 2.0 documents for benchmarks: realistic sizes, some items about the watched topic. */

// Headlines are built from varied parts, as real news is: a few actors and places, many different verbs,
// objects and numbers. (Six fixed phrases repeated across 1,000 feeds would make every item a near-duplicate of
// hundreds of others, a worst case for story clustering that no real feed mix produces.)
const ACTORS = ['Tokayev', 'Nazarbayev', 'the CSTO', 'Kazakhstan', 'Almaty officials', 'Smailov', 'the KNB', 'Токаев', 'ОДКБ', 'Казахстан'];
const VERBS = ['announces', 'rejects', 'reviews', 'signs', 'delays', 'approves', 'criticises', 'expands', 'cuts', 'backs', 'questions', 'plans'];
const OBJECTS = [
  'fuel price rules', 'a grain export deal', 'pension reform', 'new border checks', 'a rail link to China', 'bank capital rules',
  'water sharing talks', 'a uranium contract', 'media licensing', 'a road-building plan', 'wage rises for teachers',
  'an anti-corruption probe', 'a gas pipeline', 'election rules', 'coal plant upgrades', 'internet regulation',
];
const OTHER = [
  'Football: late goal settles the derby', 'New smartphone sales beat expectations', 'Weather: heavy snow expected in the north',
  'Central bank keeps its key rate unchanged', 'Film festival opens with a premiere', 'Marathon draws record field',
];

const LEAD = [
  'Officials gave few details.', 'The ministry said talks would continue next week.', 'Critics called the move rushed.',
  'Markets reacted calmly.', 'Regional governors were asked to report by Friday.', 'The decision follows months of debate.',
  'Opposition groups plan to respond.', 'Analysts expect further changes.', 'A spokesman declined to comment.',
  'Local media reported long queues.', 'The plan needs parliamentary approval.', 'Business groups welcomed it.',
  'Farmers say costs keep rising.', 'Prices have risen sharply this year.', 'Residents gathered in the main square.',
  'The government promised compensation.', 'Experts warn of delays.', 'Neighbouring states are watching closely.',
];

/** A small deterministic generator, so every run serves the same bytes. */
function pick<T>(list: readonly T[], n: number): T {
  return list[Math.abs(Math.imul(n ^ (n >>> 7), 2654435761)) % list.length]!;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One RSS document: `items` items whose guids are unique across feeds (`feed` index). */
export function rssDocument(feed: number, items: number, round = 0): string {
  const now = Date.now();
  const parts: string[] = [];
  for (let i = 0; i < items; i++) {
    const topical = (feed + i) % 3 === 0;
    const n = feed * 1009 + i * 7919 + round * 104729;
    const title = topical
      ? `${pick(ACTORS, n)} ${pick(VERBS, n + 1)} ${pick(OBJECTS, n + 2)}, ${(n % 9000) + 100} affected`
      : `${pick(OTHER, n)} (${feed}-${i})`;
    const body = `${title}. ` + Array.from({ length: 8 }, (_, k) => LEAD[(n + k * 31) % LEAD.length]).join(' ');
    parts.push(
      `<item><title>${escapeXml(title)}</title><link>https://news${feed % 20}.example/${feed}/${round}/${i}</link>` +
        `<guid isPermaLink="false">bench-${feed}-${round}-${i}</guid><pubDate>${new Date(now - i * 60_000).toUTCString()}</pubDate>` +
        `<description><![CDATA[<p>${escapeXml(body)}</p>]]></description></item>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench feed ${feed}</title>` +
    `<link>https://news${feed % 20}.example/</link><description>bench</description>${parts.join('')}</channel></rss>`
  );
}

/** A single large feed of `items` items. */
export function bigRssDocument(items: number): string {
  return rssDocument(0, items);
}
