import { describe, expect, it } from 'vitest';
import { actorKeys, decodeFeatures, encodeFeatures, storyFeatures, type FeatureContext } from '../../src/news/story-features.js';
import { compileConcepts } from '../../src/news/story-concepts.js';
import { loadTopicPack } from '../../src/news/topic-pack.js';
import { compileMatcher } from '../../src/news/matcher.js';

const pack = loadTopicPack();
const matcher = compileMatcher(pack);
const context: FeatureContext = { concepts: compileConcepts(pack.conceptVocabulary), actors: actorKeys(pack.entities) };
const features = (title: string, text = '') => storyFeatures({ title, text, entities: matcher.match(title, text).entities.map((e) => e.entityId) }, context);
const keys = (title: string, text = '', prefix = '') => [...features(title, text).terms.keys()].filter((k) => k.startsWith(prefix));

describe('story features', () => {
  it('gives an English and a Russian report of one event the same concepts, entities and count buckets', () => {
    const en = new Set(keys("CSTO agrees to send about 2,500 troops to Kazakhstan at Tokayev's request"));
    const ru = keys('ОДКБ направит в Казахстан около 2 030 военнослужащих по просьбе Токаева');
    const shared = ru.filter((k) => en.has(k)).sort();
    expect(shared).toEqual(expect.arrayContaining(['c:deploy', 'c:troops', 'c:appeal-help', 'e:csto', 'e:kazakhstan', 'e:tokayev']));
    expect(shared.some((k) => k.startsWith('n:'))).toBe(true);
  });

  it('leaves counts far apart in different buckets, and days and years out', () => {
    const troops = keys('CSTO to send 2,500 troops', '', 'n:');
    const dead = keys('227 killed in unrest', '', 'n:');
    expect(troops.filter((k) => dead.includes(k))).toEqual([]);
    expect(keys('Tokayev speaks on 7 January 2022', '', 'n:')).toEqual([]);
  });

  it('reads a headline that opens with a source, not a place, as having no head', () => {
    expect(features('Генпрокуратура: во время январских событий погибли 225 человек').head).toBeUndefined();
    expect(features('Prosecutors: 225 killed in January violence').head).toBeUndefined();
    expect(features('Кызылорда. Из-за затора льда эвакуированы жители').head).toBeDefined();
  });

  it('weighs what follows "after" or "после" in a title as background, like the lead', () => {
    const en = features('Almaty schools go online after the earthquake').terms;
    expect(en.get('c:school')).toBe(2);
    expect(en.get('c:earthquake')).toBe(1);
    const ru = features('Школы Алматы перевели на дистанционку после ночного землетрясения').terms;
    expect(ru.get('c:distance-learning')).toBe(2);
    expect(ru.get('c:earthquake')).toBe(1);
    expect(features('After the earthquake, schools reopen').terms.get('c:earthquake')).toBe(2);
  });

  it('says what each title count counts, by the nearest concepts, and leaves shares out', () => {
    expect(features('Генпрокуратура: пострадали 225 детей, погибли четверо').counted?.['n:24']).toEqual(['c:injured', 'c:children']);
    expect(features('Kazakhstan raises unrest death toll to 225').counted?.['n:24']).toEqual(['c:killed']);
    expect(features('Voters back reform with 77% support').counted).toBeUndefined();
    expect(features('За поправки проголосовали 77,18 процента').counted).toBeUndefined();
    const f = features('225 killed in January violence');
    expect(decodeFeatures(encodeFeatures(f))?.counted).toEqual(f.counted);
  });

  it("writes the pack's people and places once, as entity ids, not as words", () => {
    const ru = keys('Тоқаевтың жарлығы Қазақстанда күшіне енді');
    expect(ru).toContain('e:tokayev');
    expect(ru.some((k) => k.startsWith('w:') && k.includes('тоқа'))).toBe(false);
  });

  it('keys other names the same in every script', () => {
    expect(keys('Fire at Kostenko mine', '', 'p:')).toEqual(keys('Пожар на шахте Костенко', '', 'p:'));
  });

  it('reads the name a templated headline opens with as its head', () => {
    expect(features('Pavlodar: heating restored to 40 apartment blocks as frost deepens').head).toBe(features('Павлодар. Отопление восстановлено').head);
    expect(features('Semey – bridge closes for repairs').head).toBeDefined();
    expect(features('Protesters seize Almaty airport, flights cancelled').head).toBeUndefined();
  });

  it('reads the head as the entity when it names one of the pack’s actors', () => {
    expect(features('Токаев: конституционный порядок восстановлен').head).toBe('tokayev');
  });

  it('reads the sites a title names (the airport, the city hall) in every language, not those of its lead', () => {
    expect(features('Almaty airport seized, flights suspended').titleNames).toContain('c:airport');
    expect(features('Аэропорт Алматы захвачен протестующими').titleNames).toContain('c:airport');
    expect(features('Алматы әкімдігінің ғимараты өртеніп жатыр').titleNames).toContain('c:city-hall');
    const lead = features('Protesters clash with police in Almaty', 'Crowds gathered near the airport.');
    expect(lead.titleNames).not.toContain('c:airport');
    expect(lead.terms.has('c:airport')).toBe(true);
  });

  it('weighs title words above lead words and drops the dateline', () => {
    const f = features('Almaty airport seized', 'ALMATY, Jan 5 (Reuters) - Flights were cancelled.');
    expect(f.terms.get('w:en:airport')).toBe(2);
    expect(f.terms.get('w:en:flight')).toBe(1);
    expect([...f.terms.keys()].some((k) => k.includes('reuter'))).toBe(false);
  });

  it('survives encoding for the cluster log, and refuses anything else', () => {
    const f = features('Kazakhstan declares state of emergency in Almaty', 'A curfew runs from 23:00.');
    expect(decodeFeatures(encodeFeatures(f))).toEqual(f);
    expect(decodeFeatures('not json')).toBeUndefined();
    expect(decodeFeatures('{"l":"xx","t":[],"n":[]}')).toBeUndefined();
  });
});
