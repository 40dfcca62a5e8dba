import { startHttpServer, type TestHttpServer } from '../../support/http-server.js';
import { rss, type TestItem } from '../../support/rss.js';

/** One outlet's feed: its channel title, and whether its CMS rewrites every guid on every request. */
export interface OutletFeed {
  title: string;
  host: string;
  rewritesGuids?: boolean;
}

/** Local RSS feeds of several outlets, whose items a test publishes step by step. */
export interface OutletFeeds<Id extends string> {
  /** Feed URL of each outlet, for FEED_URLS. */
  readonly urls: Record<Id, string>;
  /**
   * Adds an item to the top of an outlet's feed; every later fetch serves it. Its link is the outlet's
   * article page for `slug`; its guid is `slug`, or a fresh one on every fetch for an outlet that rewrites guids.
   */
  publish(outlet: Id, slug: string, item: Omit<TestItem, 'guid' | 'link'>): void;
  /** The article link of `slug` at `outlet`, as the feed serves it. */
  linkOf(outlet: Id, slug: string): string;
  /** How many times the bot fetched an outlet's feed so far. */
  fetches(outlet: Id): number;
  /** Items served so far, counting each item once per fetch that served it: what the bot has read. */
  itemsServed(): number;
  /** Fetches whose response has not finished yet. */
  readonly inFlight: number;
  close(): Promise<void>;
}

/** Starts one HTTP server with a feed per outlet at `/<id>.xml`; every fetch answers 200 with the whole feed. */
export async function startOutletFeeds<Id extends string>(outlets: Record<Id, OutletFeed>): Promise<OutletFeeds<Id>> {
  const ids = Object.keys(outlets) as Id[];
  const items = new Map<Id, Array<{ slug: string; item: Omit<TestItem, 'guid' | 'link'> }>>(ids.map((id) => [id, []]));
  const fetchCount = new Map<Id, number>(ids.map((id) => [id, 0]));
  let served = 0;
  const linkOf = (outlet: Id, slug: string) => `https://${outlets[outlet].host}/news/${slug}`;
  const server: TestHttpServer = await startHttpServer(
    Object.fromEntries(
      ids.map((id) => [
        `/${id}.xml`,
        (_req, res) => {
          const fetchNo = (fetchCount.get(id) ?? 0) + 1;
          fetchCount.set(id, fetchNo);
          const list = items.get(id) ?? [];
          const doc = list.map(({ slug, item }) => ({
            ...item,
            link: linkOf(id, slug),
            guid: outlets[id].rewritesGuids ? `${slug}-r${fetchNo}` : slug,
          }));
          served += doc.length;
          res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
          res.end(rss(outlets[id].title, doc));
        },
      ]),
    ),
  );
  return {
    urls: Object.fromEntries(ids.map((id) => [id, server.url(`/${id}.xml`)])) as Record<Id, string>,
    publish(outlet, slug, item) {
      items.get(outlet)!.unshift({ slug, item });
    },
    linkOf,
    fetches: (outlet) => fetchCount.get(outlet) ?? 0,
    itemsServed: () => served,
    get inFlight() {
      return server.inFlight;
    },
    close: () => server.close(),
  };
}
