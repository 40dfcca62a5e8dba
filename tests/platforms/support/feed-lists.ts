/**
 * Feed lists as operators export them from a feed reader (hand-written, with the quirks real exports have: a
 * folder outline, titles in Russian and Kazakh, an outline whose xmlUrl is not a web address).
 */

/** Four outlines in a folder: three feeds (one of them Tengrinews, often already listed) and one broken entry. */
export const readerExportOpml = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>Қазақстан жаңалықтары — подписки</title>
    <dateCreated>Tue, 04 Jan 2022 18:20:00 GMT</dateCreated>
  </head>
  <body>
    <outline text="Kazakhstan" title="Kazakhstan">
      <outline type="rss" text="Tengrinews.kz" title="Tengrinews.kz" xmlUrl="https://tengrinews.kz/news.rss" htmlUrl="https://tengrinews.kz/"/>
      <outline type="rss" text="Азаттық радиосы" title="Азаттық радиосы" xmlUrl="https://www.azattyq.org/api/zrqiteuuir" htmlUrl="https://www.azattyq.org/"/>
      <outline type="rss" text="Курсив" title="Курсив" xmlUrl="https://kz.kursiv.media/feed/" htmlUrl="https://kz.kursiv.media/"/>
      <outline type="rss" text="Old bookmark" title="Old bookmark" xmlUrl="javascript:void(0)"/>
    </outline>
  </body>
</opml>
`;

/** The feed of {@link readerExportOpml} that a test registers beforehand, to be counted as already present. */
export const alreadyListedFeed = 'https://tengrinews.kz/news.rss';

/** The two feeds of {@link readerExportOpml} that an import adds. */
export const importedFeeds = ['https://www.azattyq.org/api/zrqiteuuir', 'https://kz.kursiv.media/feed/'];
