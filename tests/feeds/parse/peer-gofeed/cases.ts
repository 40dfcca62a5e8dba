import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * gofeed's test suite (inputs beside their expected JSON) lives beside the project, in
 * `../shared/corpus/peer-gofeed/testdata`; `KAZWIRE_PEER_GOFEED_DIR` overrides the location.
 */
export const peerDir = process.env.KAZWIRE_PEER_GOFEED_DIR ?? path.resolve(projectRoot, '../shared/corpus/peer-gofeed/testdata');
export const peerAvailable = existsSync(path.join(peerDir, 'parser', 'rss'));
export const peerSkipReason = `peer parser suite (gofeed testdata) not found at ${peerDir} (set KAZWIRE_PEER_GOFEED_DIR); skipping the peer comparison`;

/** What the peer says of one item, in the fields Kazwire keeps. `undefined`: the peer gives no value. */
export interface ExpectedItem {
  title?: string;
  link?: string;
  guid?: string;
  /** The instant, as an ISO string (published, else updated). */
  date?: string;
  summary: boolean;
  content: boolean;
  /** The item's picture; null when the peer's model has one and it is empty, undefined when its model has none. */
  image?: string | null;
}

/** What the peer says of one document. */
export interface ExpectedFeed {
  title?: string;
  link?: string;
  /** Undefined when the peer states only the feed's title (its `parser/universal` table). */
  items?: ExpectedItem[];
}

/** One input of the suite with the peer's result: a feed, or a refusal. */
export interface PeerCase {
  /** Path of the input under testdata, e.g. `parser/rss/rss_channel_item_title.xml`. */
  file: string;
  input: Buffer;
  expected: ExpectedFeed | 'error';
}

type Json = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const obj = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {});
const arr = (value: unknown): Json[] => (Array.isArray(value) ? value.map(obj) : []);
const instant = (value: unknown): string | undefined => {
  const text = str(value);
  return text === undefined ? undefined : new Date(text).toISOString();
};

/** The link a reader follows among Atom `links` (alternate, else the first without a rel), as gofeed's translator picks. */
function atomLink(links: Json[]): string | undefined {
  const alternate = links.find((l) => (str(l.rel) ?? 'alternate') === 'alternate');
  return str(alternate?.href);
}

/** gofeed's RSS parser model (`rss.Feed`). */
function fromRss(json: Json): ExpectedFeed {
  return {
    title: str(json.title),
    link: str(json.link),
    items: arr(json.items).map((i) => ({
      title: str(i.title),
      link: str(i.link),
      guid: str(obj(i.guid).value),
      date: instant(i.pubDateParsed),
      summary: str(i.description) !== undefined,
      content: str(i.content) !== undefined,
    })),
  };
}

/** gofeed's Atom parser model (`atom.Feed`). */
function fromAtom(json: Json): ExpectedFeed {
  return {
    title: str(json.title),
    link: atomLink(arr(json.links)),
    items: arr(json.entries).map((e) => ({
      title: str(e.title),
      link: atomLink(arr(e.links)),
      guid: str(e.id),
      date: instant(e.publishedParsed) ?? instant(e.updatedParsed),
      summary: str(e.summary) !== undefined,
      content: str(obj(e.content).value) !== undefined,
    })),
  };
}

/** gofeed's JSON Feed parser model (`json.Feed`). */
function fromJsonFeed(json: Json): ExpectedFeed {
  return {
    title: str(json.title),
    link: str(json.home_page_url),
    items: arr(json.items).map((i) => ({
      title: str(i.title),
      link: str(i.url) ?? str(i.external_url),
      guid: str(i.id),
      date: instant(i.date_published) ?? instant(i.date_modified),
      summary: str(i.summary) !== undefined,
      content: (str(i.content_html) ?? str(i.content_text)) !== undefined,
      image: str(i.image) ?? str(i.banner_image) ?? null,
    })),
  };
}

/** gofeed's universal model (`gofeed.Feed`), what its translators make of every format. */
function fromUniversal(json: Json): ExpectedFeed {
  return {
    title: str(json.title),
    link: str(json.link),
    items: arr(json.items).map((i) => ({
      title: str(i.title),
      link: str(i.link),
      guid: str(i.guid),
      date: instant(i.publishedParsed) ?? instant(i.updatedParsed),
      summary: str(i.description) !== undefined,
      content: str(i.content) !== undefined,
      image: str(obj(i.image).url) ?? null,
    })),
  };
}

/**
 * `parser/universal` has no expected JSON: gofeed's parser_test.go states each file's type and feed title in a
 * table, copied here (null: gofeed refuses the document).
 */
const UNIVERSAL: Record<string, string | null> = {
  'atom03_feed.xml': 'Feed Title',
  'atom10_feed.xml': 'Feed Title',
  'rss_feed.xml': 'Feed Title',
  'rss_feed_bom.xml': 'Feed Title',
  'rss_feed_leading_spaces.xml': 'Feed Title',
  'rdf_feed.xml': 'Feed Title',
  'sample.json': 'title',
  'json10_feed.json': 'title',
  'json11_feed.json': 'title',
  'unknown_feed.xml': null,
  'empty_feed.xml': null,
  'invalid.json': null,
};

const readJson = (file: string): Json => obj(JSON.parse(readFileSync(file, 'utf8')));
const inputsIn = (dir: string, ext: string): string[] =>
  existsSync(path.join(peerDir, dir))
    ? readdirSync(path.join(peerDir, dir))
        .filter((f) => f.endsWith(ext) && !f.endsWith('_expected.json'))
        .sort()
    : [];

/** Every case of the suite, with its expectation in Kazwire's terms. */
export function loadPeerCases(): PeerCase[] {
  const cases: PeerCase[] = [];
  const add = (dir: string, name: string, expected: (file: string) => ExpectedFeed | 'error') => {
    const file = `${dir}/${name}`;
    cases.push({ file, input: readFileSync(path.join(peerDir, file)), expected: expected(path.join(peerDir, file)) });
  };
  const xmlBeside = (to: (json: Json) => ExpectedFeed) => (file: string) => to(readJson(file.replace(/\.xml$/, '.json')));
  const jsonBeside = (to: (json: Json) => ExpectedFeed) => (file: string) => to(readJson(file.replace(/\.json$/, '_expected.json')));

  for (const name of inputsIn('parser/rss', '.xml')) add('parser/rss', name, xmlBeside(fromRss));
  for (const name of inputsIn('parser/atom', '.xml')) add('parser/atom', name, xmlBeside(fromAtom));
  for (const name of inputsIn('parser/json', '.json')) add('parser/json', name, jsonBeside(fromJsonFeed));
  for (const name of inputsIn('parser/json/invalid', '.json')) add('parser/json/invalid', name, () => 'error');
  for (const dir of ['translator/rss', 'translator/atom']) for (const name of inputsIn(dir, '.xml')) add(dir, name, xmlBeside(fromUniversal));
  for (const name of inputsIn('translator/json', '.json')) add('translator/json', name, jsonBeside(fromUniversal));
  for (const dir of ['extensions/dublincore', 'extensions/itunes', 'extensions/media']) for (const name of inputsIn(dir, '.xml')) add(dir, name, xmlBeside(fromUniversal));
  for (const [name, title] of Object.entries(UNIVERSAL)) {
    if (existsSync(path.join(peerDir, 'parser/universal', name))) add('parser/universal', name, () => (title === null ? 'error' : { title }));
  }
  return cases;
}
