import type { FeedLanguage } from './news-feeds.js';

/** One item the end-to-end test publishes; `marker` is a phrase of its title found in whatever shows it. */
export interface Headline {
  language: FeedLanguage;
  /** The title as the feed's XML text (HTML in it is escaped once more, so readers see it as text). */
  title: string;
  marker: string;
  description: string;
}

/** In the feeds before the bot starts: its first poll records them as seen and alerts nothing. */
export const backlog: Headline[] = [
  {
    language: 'en',
    title: 'Tokayev chairs a session on grain exports to Afghanistan',
    marker: 'grain exports to Afghanistan',
    description: 'Wheat shipments through the Hairatan crossing were discussed with the ministers of agriculture.',
  },
  {
    language: 'ru',
    title: 'В Лиссабоне прошёл фестиваль уличных музыкантов',
    marker: 'фестиваль уличных музыкантов',
    description: 'Музыканты из двенадцати стран выступали на площадях города три дня подряд.',
  },
  {
    language: 'kk',
    title: 'Жапонияда жаңа жүрдек пойыз сынақтан өтті',
    marker: 'жүрдек пойыз',
    description: 'Пойыз сағатына төрт жүз шақырым жылдамдыққа жетті.',
  },
];

/** Relevant stories in three languages, each about something else, so none joins another's story. */
export const relevant: Headline[] = [
  {
    language: 'en',
    title: 'Tokayev opens an irrigation canal in the Turkistan region',
    marker: 'irrigation canal',
    description: 'The canal will water cotton fields downstream of the Shardara reservoir, officials said.',
  },
  {
    language: 'ru',
    title: 'Токаеву представили проект моста через Иртыш в Семее',
    marker: 'моста через Иртыш',
    description: 'Новый мост длиной полтора километра разгрузит старый подвесной переход.',
  },
  {
    language: 'kk',
    title: 'Тоқаевтың Маңғыстауға сапары: Құрықта жаңа теңіз паромы іске қосылды',
    marker: 'теңіз паромы',
    description: 'Паром Каспий арқылы жүк тасымалын екі есе арттырады.',
  },
];

/** Relevant, with text that must never ping anyone on Discord nor turn bold on Telegram. */
export const hostile: Headline = {
  language: 'en',
  title: 'Tokayev @everyone greets &lt;b&gt;tags&lt;/b&gt; delegation from Mongolia at the Akorda',
  marker: 'delegation from Mongolia',
  description: 'Talks covered a railway link between Ulaanbaatar and the Altai.',
};

/** Nothing to do with the topic pack. */
export const offTopic: Headline[] = [
  {
    language: 'en',
    title: 'Football club in Porto signs a new goalkeeper from Uruguay',
    marker: 'new goalkeeper',
    description: 'The goalkeeper joins on a three-year contract.',
  },
  {
    language: 'ru',
    title: 'В Бразилии открыли новый футбольный стадион на сорок тысяч мест',
    marker: 'футбольный стадион',
    description: 'Стадион построили за два года.',
  },
  {
    language: 'kk',
    title: 'Норвегияда солтүстік шұғыласы үш түн бойы көрінді',
    marker: 'солтүстік шұғыласы',
    description: 'Ғалымдар күн белсенділігінің артқанын айтты.',
  },
];

/** Published after /unsubscribe on both platforms: ingested, never alerted. */
export const afterUnsubscribe: Headline = {
  language: 'ru',
  title: 'Токаев подписал закон об охране степных сайгаков',
  marker: 'степных сайгаков',
  description: 'Закон ужесточает наказание за браконьерство в Бетпакдале.',
};
