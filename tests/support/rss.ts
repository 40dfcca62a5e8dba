/** Builds small RSS 2.0 documents for tests. */
export interface TestItem {
  guid?: string;
  title: string;
  link?: string;
  description?: string;
  /** Date or ISO string; default now. */
  pubDate?: Date | string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rss(title: string, items: TestItem[], extra = ''): string {
  const body = items
    .map((i) => {
      const date = i.pubDate ? new Date(i.pubDate) : new Date();
      return (
        `<item><title>${esc(i.title)}</title>` +
        (i.link ? `<link>${esc(i.link)}</link>` : '') +
        (i.guid ? `<guid isPermaLink="false">${esc(i.guid)}</guid>` : '') +
        `<pubDate>${date.toUTCString()}</pubDate>` +
        (i.description ? `<description>${esc(i.description)}</description>` : '') +
        `</item>`
      );
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${esc(title)}</title><link>https://example.org/</link>${extra}\n${body}\n</channel></rss>`;
}
