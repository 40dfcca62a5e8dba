/**
 * One item of each way feeds give a picture, written the way the outlets of the region write them (namespaces,
 * attribute order, sizes, CDATA). Each item's picture is `expected`.
 */
export interface PictureFeed {
  form: string;
  feedUrl: string;
  xml: string;
  expected: string;
}

const NS =
  'xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:content="http://purl.org/rss/1.0/modules/content/"';

export const pictureFeeds: PictureFeed[] = [
  {
    form: 'media:content',
    feedUrl: 'https://www.inform.kz/rss/eng.xml',
    expected: 'https://static.inform.kz/photos/2022/01/06/main_a1b2.jpg',
    xml: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" ${NS}><channel><title>Kazinform</title><link>https://www.inform.kz</link>
<item><title>Tokayev declares state of emergency in Almaty &amp; Mangystau</title><link>https://www.inform.kz/en/state-of-emergency_a3884512</link>
<guid isPermaLink="false">a3884512</guid><pubDate>Wed, 05 Jan 2022 03:12:00 +0600</pubDate>
<description>The state of emergency runs until 19 January. A curfew is in force from 23:00 to 07:00.</description>
<media:content url="https://static.inform.kz/photos/2022/01/06/main_a1b2.jpg" type="image/jpeg" width="1200" height="800"><media:title>Almaty, 5 January</media:title></media:content>
</item></channel></rss>`,
  },
  {
    form: 'media:thumbnail',
    feedUrl: 'https://feeds.bbci.co.uk/russian/rss.xml',
    expected: 'https://ichef.bbci.co.uk/news/240/cpsprodpb/1A2B/production/_122598_almaty.jpg',
    xml: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" ${NS}><channel><title><![CDATA[BBC News Русская служба]]></title><link>https://www.bbc.com/russian</link>
<item><title><![CDATA[Протесты в Казахстане: Токаев отправил правительство в отставку]]></title><description><![CDATA[Президент принял отставку кабмина после протестов из-за цен на газ.]]></description>
<link>https://www.bbc.com/russian/news-59876543</link><guid isPermaLink="false">https://www.bbc.com/russian/news-59876543</guid><pubDate>Wed, 05 Jan 2022 06:40:11 GMT</pubDate>
<media:thumbnail width="240" height="135" url="https://ichef.bbci.co.uk/news/240/cpsprodpb/1A2B/production/_122598_almaty.jpg"/></item></channel></rss>`,
  },
  {
    form: 'image enclosure',
    feedUrl: 'https://ria.ru/export/rss2/archive/index.xml',
    expected: 'https://cdnn21.img.ria.ru/images/07e6/01/05/1766666666_0:0:3072:1728_600x0_80_0_0_5f1e.jpg',
    xml: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>РИА Новости</title><link>https://ria.ru/</link>
<item><title>В Алма-Ате протестующие &lt;захватили&gt; здание акимата</title><link>https://ria.ru/20220105/almaty-1766666666.html</link>
<guid>https://ria.ru/20220105/almaty-1766666666.html</guid><pubDate>Wed, 05 Jan 2022 14:22:00 +0300</pubDate>
<description>Протестующие в Алма-Ате ворвались в здание городской администрации, сообщают местные СМИ.</description>
<enclosure url="https://cdnn21.img.ria.ru/images/07e6/01/05/1766666666_0:0:3072:1728_600x0_80_0_0_5f1e.jpg" type="image/jpeg" length="0"/>
</item></channel></rss>`,
  },
  {
    form: 'itunes:image',
    feedUrl: 'https://rus.azattyq.org/podcast/?zoneId=1234',
    expected: 'https://gdb.rferl.org/01000000-0aff-0242-fb7e-08d9d0a1b2c3_w1400_h1400.jpg',
    xml: `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" ${NS}><channel><title>Азаттык: подкаст</title><link>https://rus.azattyq.org</link>
<item><title>Кантар: что произошло в Казахстане в январе</title><link>https://rus.azattyq.org/a/31650001.html</link><guid>https://rus.azattyq.org/a/31650001.html</guid>
<pubDate>Fri, 14 Jan 2022 12:00:00 +0000</pubDate><description>Разговор о январских событиях, Токаеве и ОДКБ.</description>
<enclosure url="https://rfe-audio.akamaized.net/pangeavideo/2022/01/a/a1/a1b2c3.mp3" length="24000000" type="audio/mpeg"/>
<itunes:image href="https://gdb.rferl.org/01000000-0aff-0242-fb7e-08d9d0a1b2c3_w1400_h1400.jpg"/></item></channel></rss>`,
  },
  {
    form: 'first <img> of the content',
    feedUrl: 'https://kaztag.kz/ru/rss/',
    expected: 'https://kaztag.kz/upload/iblock/4d2/4d2f1e0a_almaty_akimat.jpg',
    xml: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" ${NS}><channel><title>КазТАГ</title><link>https://kaztag.kz</link>
<item><title>Тоқаев ҰҚШҰ-дан көмек сұрады</title><link>https://kaztag.kz/kz/news/tokaev-odkb</link><guid>https://kaztag.kz/kz/news/tokaev-odkb</guid>
<pubDate>Wed, 05 Jan 2022 23:50:00 +0600</pubDate><description>Мемлекет басшысы ҰҚШҰ елдерінің басшыларына үндеу жасады.</description>
<content:encoded><![CDATA[<p><img src="/upload/iblock/4d2/4d2f1e0a_almaty_akimat.jpg" alt="Алматы әкімдігі" width="800"></p><p>Мемлекет басшысы ҰҚШҰ елдерінің басшыларына үндеу жасады.</p>]]></content:encoded>
</item></channel></rss>`,
  },
];
