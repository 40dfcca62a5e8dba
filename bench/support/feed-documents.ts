/** Generates RSS 2.0 documents for benchmarks: realistic sizes, some items about the watched topic. */

const TOPICAL = [
  'Tokayev orders security forces to restore order in Almaty',
  'CSTO peacekeepers begin withdrawal from Kazakhstan',
  'Токаев заявил о попытке государственного переворота',
  'Протесты в Жанаозене из-за цен на газ',
  'Kazakhstan lifts state of emergency in Mangystau region',
  'Назарбаев лишился поста председателя Совбеза',
];
const OTHER = [
  'Football: late goal settles the derby',
  'New smartphone sales beat expectations',
  'Weather: heavy snow expected in the north',
  'Central bank keeps its key rate unchanged',
];

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One RSS document: `items` items whose guids are unique across feeds (`feed` index). */
export function rssDocument(feed: number, items: number, round = 0): string {
  const now = Date.now();
  const parts: string[] = [];
  for (let i = 0; i < items; i++) {
    const topical = (feed + i) % 3 === 0;
    const pool = topical ? TOPICAL : OTHER;
    const title = `${pool[(feed * 7 + i) % pool.length]} (${feed}-${i}-${round})`;
    const body = `${title}. ` + 'Officials said the situation remained tense as reporters gathered outside. '.repeat(8);
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
