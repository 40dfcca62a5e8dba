import { startHttpServer, type TestHttpServer } from '../../support/http-server.js';
import { rss, type TestItem } from '../../support/rss.js';

export type FeedLanguage = 'en' | 'ru' | 'kk';

const FEED_TITLES: Record<FeedLanguage, string> = {
  en: 'Steppe Herald',
  ru: 'Степной вестник',
  kk: 'Дала хабаршысы',
};

/** Three RSS feeds (English, Russian, Kazakh) on 127.0.0.1 whose items a test publishes step by step. */
export interface NewsFeeds {
  /** Feed URLs for FEED_URLS, in the order en, ru, kk. */
  readonly urls: string[];
  /** Adds an item to the top of a feed; the next fetch serves it. `link` and `guid` are filled in when absent. */
  publish(language: FeedLanguage, item: TestItem): void;
  /** How many times the bot fetched a feed so far. */
  fetches(language: FeedLanguage): number;
  close(): Promise<void>;
}

/** Starts the feed server; every fetch answers 200 with the whole current feed (no validators, so no 304). */
export async function startNewsFeeds(): Promise<NewsFeeds> {
  const items: Record<FeedLanguage, TestItem[]> = { en: [], ru: [], kk: [] };
  const languages = Object.keys(items) as FeedLanguage[];
  let counter = 0;
  const server: TestHttpServer = await startHttpServer(
    Object.fromEntries(
      languages.map((language) => [
        `/${language}.xml`,
        (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
          res.end(rss(FEED_TITLES[language], items[language]));
        },
      ]),
    ),
  );
  const fetchCount = (language: FeedLanguage) =>
    server.requests.filter((r) => r.path.split('?')[0] === `/${language}.xml`).length;

  return {
    urls: languages.map((language) => server.url(`/${language}.xml`)),
    publish(language, item) {
      counter += 1;
      const slug = `${language}-${counter}`;
      items[language].unshift({
        guid: `e2e-${slug}`,
        link: `https://news.example.org/${language}/${slug}`,
        ...item,
      });
    },
    fetches: fetchCount,
    close: () => server.close(),
  };
}
