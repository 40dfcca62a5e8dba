/**
 * The traps of real reporting, a few hand-picked cases each (the story-set benchmark measures the whole set):
 * templated headlines, one actor doing different things on one day, day-2 follow-ups, shared numbers,
 * outlet boilerplate, and one event told in three languages.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useRedis, type RedisTestContext } from '../support/redis.js';
import { createStoryClusterer, type StoryClusterer } from '../../src/news/clustering.js';
import { loadTopicPack } from '../../src/news/topic-pack.js';
import { compileMatcher } from '../../src/news/matcher.js';

const pack = loadTopicPack();
const matcher = compileMatcher(pack);
let seq = 0;

interface Report {
  feed: string;
  at: string;
  title: string;
  lead: string;
}

describe('story clustering on the traps of real reporting', () => {
  let ctx: RedisTestContext;
  let clusterer: StoryClusterer;
  beforeEach(async () => {
    ctx = await useRedis('cluster-traps');
    clusterer = createStoryClusterer({ redis: ctx.redis, keys: ctx.keys, pack, now: () => Date.parse('2022-01-01T00:00:00Z') });
  });
  afterEach(() => ctx.cleanup());

  async function storiesOf(reports: Report[]): Promise<string[]> {
    const out: string[] = [];
    for (const r of reports) {
      const entities = matcher.match(r.title, r.lead).entities.map((e) => e.entityId);
      const a = await clusterer.assign({ itemId: `trap-${++seq}`, feedId: r.feed, title: r.title, text: r.lead, entities, publishedAtMs: Date.parse(r.at) });
      out.push(a.storyId);
    }
    return out;
  }

  it('alerts each city of a templated series on its own, and joins another outlet to the right city', async () => {
    const [pavlodar, petropavl, karaganda, petropavlRu] = await storiesOf([
      { feed: 'astanatimes-en', at: '2022-11-28T06:10:00Z', title: 'Pavlodar: heating restored to 40 apartment blocks as frost deepens', lead: 'ASTANA – Utility crews restored heating to 40 apartment blocks in Pavlodar overnight after a pipe burst on Sunday, the city akimat said.' },
      { feed: 'astanatimes-en', at: '2022-11-28T09:20:00Z', title: 'Petropavl: 12 buildings without heating as pipeline bursts', lead: 'ASTANA – A burst heating main left 12 apartment buildings in Petropavl without heat on Wednesday morning; emergency crews expect to restore supply by the evening.' },
      { feed: 'astanatimes-en', at: '2022-11-28T11:40:00Z', title: 'Karaganda: eight buildings without heating as boiler house breaks down', lead: "ASTANA – Eight apartment buildings in Karaganda's Maikuduk district were left without heating after a breakdown at a local boiler house." },
      { feed: 'tengrinews-ru', at: '2022-11-28T10:45:00Z', title: 'Петропавловск: жильцы 12 домов остались без тепла в мороз', lead: 'Tengrinews.kz – В Петропавловске из-за порыва теплотрассы отключено отопление в 12 многоквартирных домах. Аварийные бригады обещают восстановить теплоснабжение к вечеру.' },
    ]);
    expect(new Set([pavlodar, petropavl, karaganda]).size).toBe(3);
    expect(petropavlRu).toBe(petropavl);
  });

  it('keeps apart two things one actor did on one day, and joins each one’s reports', async () => {
    const [premier, premierKk, withdrawal, withdrawalRu] = await storiesOf([
      { feed: 'reuters-en', at: '2022-01-11T06:30:00Z', title: 'Kazakh parliament approves Smailov as prime minister', lead: "ALMATY, Jan 11 (Reuters) - Kazakhstan's parliament on Tuesday approved Alikhan Smailov, who had been acting prime minister since the government resigned last week, as the country's new prime minister." },
      { feed: 'kazinform-kk', at: '2022-01-11T06:45:00Z', title: 'Әлихан Смайылов Премьер-Министр болып тағайындалды', lead: 'НҰР-СҰЛТАН. ҚазАқпарат – Мәжіліс депутаттары Мемлекет басшысы ұсынған Әлихан Смайыловтың Премьер-Министр лауазымына кандидатурасын бірауыздан қолдады.' },
      { feed: 'ap-en', at: '2022-01-11T08:05:00Z', title: 'Kazakh president says Russia-led troops will start leaving in 2 days', lead: "MOSCOW (AP) — Kazakhstan's president said Tuesday that a Russia-led military alliance that sent troops to help quell unrest will begin withdrawing them in two days, saying their mission had been completed." },
      { feed: 'interfax-ru', at: '2022-01-11T07:40:00Z', title: 'Токаев объявил о выводе миротворцев ОДКБ через два дня', lead: 'Нур-Султан. 11 января. ИНТЕРФАКС-КАЗАХСТАН - Главная миссия миротворческих сил ОДКБ успешно завершена, через два дня начнется поэтапный вывод контингента, заявил Касым-Жомарт Токаев в Мажилисе.' },
    ]);
    expect(premierKk).toBe(premier);
    expect(withdrawal).not.toBe(premier);
    expect(withdrawalRu).toBe(withdrawal);
  });

  it('tells a day-2 follow-up apart from the first day’s reports', async () => {
    const [day1, day1Kk, day2] = await storiesOf([
      { feed: 'ria-ru', at: '2022-01-02T15:40:00Z', title: 'В Жанаозене жители вышли на митинг против подорожания газа', lead: 'НУР-СУЛТАН, 2 янв — РИА Новости. Несколько сотен жителей города Жанаозен Мангистауской области собрались на площади, требуя снизить цену на сжиженный газ.' },
      { feed: 'azattyq-kk', at: '2022-01-02T16:10:00Z', title: 'Жаңаөзен тұрғындары газ бағасының қымбаттауына наразылық білдірді', lead: 'Жаңаөзенде жүздеген адам алаңға жиналып, жыл басынан бері екі есеге жуық қымбаттаған сұйытылған газдың бағасын төмендетуді талап етті.' },
      { feed: 'afp-en', at: '2022-01-03T11:20:00Z', title: 'Kazakh fuel protest enters second day, spreads across Mangystau', lead: "ALMATY (AFP) - Protests over a jump in gas prices in Kazakhstan's oil-rich Mangystau region entered a second day on Monday, with demonstrators in Zhanaozen joined by crowds in the regional capital Aktau." },
    ]);
    expect(day1Kk).toBe(day1);
    expect(day2).not.toBe(day1);
  });

  it('does not join two events of one day on a shared round count, and joins counts that differ slightly', async () => {
    const [rate, freeze, troopsEn, troopsKk] = await storiesOf([
      { feed: 'interfax-ru', at: '2022-07-25T09:00:00Z', title: 'Нацбанк Казахстана повысил базовую ставку до 14,5%', lead: 'Алматы. 25 июля. ИНТЕРФАКС-КАЗАХСТАН - Национальный банк повысил базовую ставку на 0,5 процентного пункта, до 14,5% годовых.' },
      { feed: 'astanatimes-en', at: '2022-07-25T11:30:00Z', title: 'Government extends freeze on fuel prices for another six months', lead: 'NUR-SULTAN – The Kazakh government has extended the moratorium on raising prices for petrol, diesel and liquefied gas, the Ministry of Energy said, as inflation reached 14.5 percent.' },
      { feed: 'bbc-en', at: '2022-07-26T10:30:00Z', title: 'Russian troops arrive in Kazakhstan for CSTO exercise', lead: 'Around 2,500 soldiers from the Russian-led CSTO alliance have arrived in Kazakhstan for a week of exercises, the defence ministry says.' },
      { feed: 'kazinform-kk', at: '2022-07-26T11:20:00Z', title: 'ҰҚШҰ әскерлері жаттығу үшін Қазақстанға келді', lead: 'Ұжымдық қауіпсіздік туралы шарт ұйымының 2 030 әскері апталық жаттығуға қатысу үшін Қазақстанға жетті.' },
    ]);
    expect(freeze).not.toBe(rate);
    expect(troopsKk).toBe(troopsEn);
  });

  it('joins an outlet’s report to another outlet’s although every lead of the first opens with the same long boilerplate', async () => {
    // The outlet opens every lead with the same long sentence, which no dateline rule knows.
    const intro = 'Steppe Courier brings news on government, parliament, elections, oil, gas prices, inflation, courts, police, troops and protests from Kazakhstan, Russia and China.';
    const stories = await storiesOf([
      { feed: 'courier-en', at: '2022-01-04T06:00:00Z', title: 'Gas price protest reported in Zhanaozen', lead: `${intro} Residents gathered on the square.` },
      { feed: 'courier-en', at: '2022-01-04T07:00:00Z', title: 'Kazakh tenge weakens against the dollar', lead: `${intro} The currency lost ground in morning trading.` },
      { feed: 'courier-en', at: '2022-01-04T08:00:00Z', title: 'Wheat harvest estimate cut in northern regions', lead: `${intro} Farmers blamed the dry autumn.` },
      { feed: 'courier-en', at: '2022-01-05T09:00:00Z', title: 'Almaty airport seized, flights cancelled', lead: `${intro} Protesters took control of the terminal.` },
      { feed: 'wire-en', at: '2022-01-05T09:30:00Z', title: 'Protesters take over Almaty airport', lead: 'Demonstrators seized the terminal; airlines cancelled flights.' },
    ]);
    expect(new Set(stories.slice(0, 4)).size).toBe(4);
    expect(stories[4]).toBe(stories[3]);
  });

  it('joins one event told in English, Russian and Kazakh, whatever the order', async () => {
    const [kk, en, ru] = await storiesOf([
      { feed: 'kazinform-kk', at: '2022-01-05T06:05:00Z', title: 'Мемлекет басшысы Үкіметтің отставкасын қабылдады', lead: 'НҰР-СҰЛТАН. ҚазАқпарат – Қасым-Жомарт Тоқаев Қазақстан Республикасы Үкіметінің отставкасын қабылдады.' },
      { feed: 'ap-en', at: '2022-01-05T06:25:00Z', title: "Kazakhstan's Cabinet resigns after protests over fuel price hike", lead: "MOSCOW (AP) — Kazakhstan's government resigned Wednesday following violent protests over a sharp rise in the price of liquefied gas." },
      { feed: 'ria-ru', at: '2022-01-05T06:40:00Z', title: 'Токаев отправил правительство Казахстана в отставку', lead: 'НУР-СУЛТАН, 5 янв — РИА Новости. Президент Казахстана Касым-Жомарт Токаев принял отставку правительства во главе с Аскаром Маминым.' },
    ]);
    expect(en).toBe(kk);
    expect(ru).toBe(kk);
  });
});
