import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useRedis, type RedisTestContext } from '../support/redis.js';
import type { Redis } from 'ioredis';
import { createStoryClusterer, storyIdFor, type ClusterInput, type StoryAssignment, type StoryClusterer } from '../../src/news/clustering.js';
import { loadTopicPack } from '../../src/news/topic-pack.js';
import { compileMatcher } from '../../src/news/matcher.js';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/log.js';

const pack = loadTopicPack();
const matcher = compileMatcher(pack);
const T0 = Date.parse('2022-01-06T08:00:00Z');
const HOUR = 3_600_000;

let seq = 0;
function item(title: string, text = '', hoursLater = 0, feedId = `feed-${++seq}`): ClusterInput {
  return {
    itemId: `item-${++seq}`,
    feedId,
    title,
    text,
    entities: matcher.match(title, text).entities.map((e) => e.entityId),
    publishedAtMs: T0 + hoursLater * HOUR,
  };
}

describe('story clustering', () => {
  let ctx: RedisTestContext;
  let clusterer: StoryClusterer;
  beforeEach(async () => {
    ctx = await useRedis('cluster');
    clusterer = createStoryClusterer({ redis: ctx.redis, keys: ctx.keys, pack });
  });
  afterEach(() => ctx.cleanup());

  it('starts a new story named after its first item', async () => {
    const first = item('Kazakhstan government resigns amid fuel price protests');
    const result = await clusterer.assign(first);
    expect(result).toEqual({ storyId: storyIdFor(first.itemId), isNew: true });
  });

  it('joins the same event worded differently by two outlets', async () => {
    const a = await clusterer.assign(
      item('Kazakhstan government resigns after protests over LPG prices', 'The government of Kazakhstan resigned on Wednesday after protests.'),
    );
    const b = await clusterer.assign(
      item("Kazakh government resignation accepted as LPG price protests spread", 'President Tokayev accepted the government resignation.', 2),
    );
    expect(b).toEqual({ storyId: a.storyId, isNew: false });
  });

  it('joins an English and a Russian title that share names and numbers', async () => {
    const en = await clusterer.assign(item('CSTO to send 2,500 troops to Kazakhstan'));
    const ru = await clusterer.assign(item('ОДКБ направит 2500 военных в Казахстан', '', 1));
    expect(ru.storyId).toBe(en.storyId);
    expect(ru.isNew).toBe(false);
  });

  it('says in the debug log why an item joined a story or started one', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const logged = createStoryClusterer({ redis: ctx.redis, keys: ctx.keys, pack, logger: createLogger({ level: 'debug', format: 'json', stream }) });
    const landing = await logged.assign(item('SCAT plane makes emergency landing in Aktobe', 'The Astana-Antalya flight landed at Aktobe airport after an engine warning.'));
    await logged.assign(item('Самолет SCAT экстренно сел в Актобе', 'Рейс Астана - Анталья совершил вынужденную посадку в аэропорту Актобе.', 1));
    await logged.assign(item('Aktobe airport opens new passenger terminal', 'The terminal at Aktobe airport will handle 600 passengers an hour.', 2));
    const [, joined, started] = lines;
    expect(joined).toMatchObject({ msg: 'item joins a story', storyId: landing.storyId, joined: true, crossLanguage: true, threshold: 0.33 });
    expect(joined!.score as number).toBeGreaterThanOrEqual(0.33);
    expect(joined!.shared).toEqual(expect.arrayContaining(['c:emergency-landing', 'e:aktobe']));
    expect(started).toMatchObject({ msg: 'item starts a story', joined: false, bestStoryId: landing.storyId, whatConflict: true });
    expect(started!.score as number).toBeLessThan(0.33);
  });

  it('keeps two different Tokayev events of the same day apart', async () => {
    const fire = await clusterer.assign(item('Tokayev orders security forces to fire without warning'));
    const council = await clusterer.assign(item('Tokayev takes over Security Council chairmanship from Nazarbayev', '', 3));
    expect(council.storyId).not.toBe(fire.storyId);
    expect(council.isNew).toBe(true);
  });

  it('does not join items more than 48 hours apart', async () => {
    const title = 'CSTO peacekeepers begin withdrawal from Kazakhstan';
    const first = await clusterer.assign(item(title));
    const within = await clusterer.assign(item(title, '', 47));
    expect(within.storyId).toBe(first.storyId);
    // Measured from the story's first item, not from the latest one that joined.
    const later = await clusterer.assign(item(title, '', 49));
    expect(later.storyId).not.toBe(first.storyId);
    expect(later.isNew).toBe(true);
  });

  it('gives a replayed item the story it had, still marked as the one that started it', async () => {
    const first = item('Massimov detained on suspicion of high treason');
    const again = { ...first };
    const a = await clusterer.assign(first);
    const b = await clusterer.assign(again);
    expect(b).toEqual(a);
    const joiner = item('Former KNB chief Massimov detained on treason suspicion', '', 1);
    const j1 = await clusterer.assign(joiner);
    const j2 = await clusterer.assign(joiner);
    expect(j2).toEqual({ storyId: a.storyId, isNew: false });
    expect(j1).toEqual(j2);
  });

  it('creates one story when two processes assign near-duplicates at the same moment', async () => {
    const other = createStoryClusterer({ redis: ctx.connect(), keys: ctx.keys, pack });
    const x = item('Almaty airport seized by protesters, city hall set on fire');
    const y = item('Protesters seize Almaty airport and set city hall on fire', '', 0.5);
    const [rx, ry] = await Promise.all([clusterer.assign(x), other.assign(y)]);
    expect(rx.storyId).toBe(ry.storyId);
    expect([rx.isNew, ry.isNew].filter(Boolean)).toHaveLength(1);
  });
});

describe('story clustering across languages', () => {
  let ctx: RedisTestContext;
  let clusterer: StoryClusterer;
  beforeEach(async () => {
    ctx = await useRedis('cluster-lang');
    clusterer = createStoryClusterer({ redis: ctx.redis, keys: ctx.keys, pack });
  });
  afterEach(() => ctx.cleanup());

  const csto = {
    en: item(
      "CSTO agrees to send about 2,500 troops to Kazakhstan at Tokayev's request",
      'The Russia-led Collective Security Treaty Organization agreed on 6 January to send a peacekeeping force to Kazakhstan after an appeal from President Tokayev. Armenian Prime Minister Nikol Pashinyan, chair of the CSTO council, announced the deployment.',
    ),
    ru: item(
      'ОДКБ направит в Казахстан около 2500 миротворцев по просьбе Токаева',
      'Совет коллективной безопасности ОДКБ принял решение направить в Казахстан миротворческие силы. Об этом объявил премьер-министр Армении Никол Пашинян.',
      2,
    ),
    kk: item(
      'ҰҚШҰ Тоқаевтың өтініші бойынша Қазақстанға 2500-ге жуық бітімгер жібереді',
      'ҰҚШҰ ұжымдық қауіпсіздік кеңесі Қазақстанға бітімгерлік күштерді жіберу туралы шешім қабылдады. Бұл туралы Армения премьер-министрі Никол Пашинян мәлімдеді.',
      3,
    ),
  };

  it('joins an English and a Russian report of one event whose leads share names and numbers', async () => {
    const en = await clusterer.assign(csto.en);
    const ru = await clusterer.assign(csto.ru);
    expect(ru).toEqual({ storyId: en.storyId, isNew: false });
  });

  it('joins a Kazakh report with the same names and numbers to the story', async () => {
    const en = await clusterer.assign(csto.en);
    const kk = await clusterer.assign(csto.kk);
    expect(kk).toEqual({ storyId: en.storyId, isNew: false });
    const ru = await clusterer.assign(csto.ru);
    expect(ru.storyId).toBe(en.storyId);
  });

  it('decides again when another process logged a story between its reading and its commit', async () => {
    // The second process reads the (empty) log, then, just before it commits, the first commits the English report.
    const conn = ctx.connect();
    let before: (() => Promise<unknown>) | undefined;
    let first: Promise<StoryAssignment> | undefined;
    const racing = new Proxy(conn, {
      get(target, prop) {
        if (prop === 'evalsha') {
          return async (...args: Parameters<Redis['evalsha']>) => {
            const run = before;
            before = undefined;
            if (run) await run();
            return target.evalsha(...args);
          };
        }
        const value: unknown = Reflect.get(target, prop);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const other = createStoryClusterer({ redis: racing, keys: ctx.keys, pack });
    before = () => (first = clusterer.assign(csto.en));
    const ru = await other.assign(csto.ru);
    const en = await first!;
    expect(ru).toEqual({ storyId: en.storyId, isNew: false });
    expect(en.isNew).toBe(true);
  });

  it('puts an English and a Russian report of one event, assigned at the same moment by two processes, in one story', async () => {
    const other = createStoryClusterer({ redis: ctx.connect(), keys: ctx.keys, pack });
    const [en, ru] = await Promise.all([clusterer.assign(csto.en), other.assign(csto.ru)]);
    expect(ru.storyId).toBe(en.storyId);
    expect([en.isNew, ru.isNew].filter(Boolean)).toHaveLength(1);
  });

  it('gives an item replayed in another process the story it had', async () => {
    const other = createStoryClusterer({ redis: ctx.connect(), keys: ctx.keys, pack });
    const first = await clusterer.assign(csto.en);
    const joined = await clusterer.assign(csto.ru);
    expect(await other.assign(csto.ru)).toEqual(joined);
    expect(await other.assign(csto.en)).toEqual(first);
  });

  it('keeps two different Tokayev events of the same day apart across languages', async () => {
    const sacks = await clusterer.assign(item('Tokayev sacks government on 5 January'));
    const meetingItem = item('5 января Токаев провёл совещание по экономике', '', 2);
    const meeting = await clusterer.assign(meetingItem);
    expect(meeting).toEqual({ storyId: storyIdFor(meetingItem.itemId), isNew: true });
    expect(meeting.storyId).not.toBe(sacks.storyId);
  });

  it('keeps apart reports naming the same actors with different numbers', async () => {
    const troops = await clusterer.assign(item('CSTO to send 2,500 troops to Kazakhstan, Tokayev says'));
    const dead = await clusterer.assign(item('Токаев: в Казахстане погибли 227 человек, миротворцы ОДКБ остаются', '', 4));
    expect(dead.isNew).toBe(true);
    expect(dead.storyId).not.toBe(troops.storyId);
  });

  it('does not join on a shared number and the country alone', async () => {
    const grain = await clusterer.assign(item('Kazakhstan exports 2,500 tonnes of grain to Afghanistan'));
    const troops = await clusterer.assign(item('ОДКБ направит в Казахстан около 2500 миротворцев по просьбе Токаева', '', 1));
    expect(troops.isNew).toBe(true);
    expect(troops.storyId).not.toBe(grain.storyId);
  });

  it('in a window full of Tokayev stories, joins on a rare shared name but not on Tokayev and a round number', async () => {
    const fillers = [
      'Tokayev meets wheat farmers in northern Kazakhstan',
      'Kazakhstan hosts regional water summit, Tokayev opens it',
      'Tokayev signs decree on school meals across Kazakhstan',
      'Kazakhstan railway upgrade praised by Tokayev during visit',
      'Tokayev names new ambassador; Kazakhstan envoy reshuffle continues',
      'Tokayev congratulates Kazakhstan chess champion',
    ];
    const filler = new Set<string>();
    for (const [i, title] of fillers.entries()) filler.add((await clusterer.assign(item(title, '', i * 0.1))).storyId);
    expect(filler.size).toBe(fillers.length);

    const schools = await clusterer.assign(item('Tokayev: Kazakhstan to build 100 schools this year', '', 1));
    const pensions = await clusterer.assign(item('Токаев: пенсии в Казахстане вырастут на 100 процентов', '', 2));
    expect(pensions.isNew).toBe(true);
    expect(pensions.storyId).not.toBe(schools.storyId);

    const en = await clusterer.assign({ ...csto.en, itemId: 'busy-en', publishedAtMs: T0 + 3 * HOUR });
    const ru = await clusterer.assign({ ...csto.ru, itemId: 'busy-ru', publishedAtMs: T0 + 4 * HOUR });
    expect(ru).toEqual({ storyId: en.storyId, isNew: false });
  });

  it('joins the story in its own language when a story in another language matches it too', async () => {
    const ruStory = await clusterer.assign(item('Пашинян: миротворцы ОДКБ прибудут в Казахстан'));
    const enStory = await clusterer.assign(item('CSTO leaders to hold online summit on Monday, Pashinyan says', '', 1));
    expect(enStory.storyId).not.toBe(ruStory.storyId);
    const ru = await clusterer.assign(item('Пашинян: миротворцы ОДКБ прибудут в Казахстан, всего 2500 военных', '', 2));
    expect(ru).toEqual({ storyId: ruStory.storyId, isNew: false });
  });
});
