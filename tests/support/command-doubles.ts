import { parseFeedList } from '../../src/feeds/feed-list.js';
import { TellUserError } from '../../src/errors.js';
import { destinationKey, type Destination, type Subscription } from '../../src/delivery/core/types.js';
import type { Story } from '../../src/news/types.js';
import type {
  ActorProfile,
  ArchiveReader,
  CommandServices,
  EntityDirectory,
  FeedHealth,
  FeedRegistryLike,
  PageStoreLike,
  ProfileDirectory,
  SubscriptionStoreLike,
  TopicEntity,
} from '../../src/commands/services.js';
import type { Caller } from '../../src/commands/command.js';
import type { ChatLanguageStore } from '../../src/i18n/chat-languages.js';
import type { Language } from '../../src/i18n/languages.js';

/** In-memory doubles of the command services (our own ports), small enough to read in a test failure. */

export const entities: TopicEntity[] = [
  {
    id: 'tokayev',
    kind: 'person',
    name: 'Kassym-Jomart Tokayev',
    display: { ru: 'Касым-Жомарт Токаев', kk: 'Қасым-Жомарт Тоқаев' },
    names: { en: ['Kassym-Jomart Tokayev', 'Tokayev', 'Tokaev'], ru: ['Касым-Жомарт Токаев', 'Токаев'], kk: ['Қасым-Жомарт Тоқаев', 'Тоқаев'] },
  },
  { id: 'nazarbayev', kind: 'person', name: 'Nursultan Nazarbayev', display: { ru: 'Нурсултан Назарбаев', kk: 'Нұрсұлтан Назарбаев' }, names: { en: ['Nursultan Nazarbayev', 'Nazarbayev'], ru: ['Назарбаев'], kk: ['Назарбаев'] } },
  { id: 'smailov', kind: 'person', name: 'Alikhan Smailov', names: { en: ['Alikhan Smailov', 'Smailov'], ru: ['Смаилов'], kk: ['Смайылов'] } },
  { id: 'csto', kind: 'organisation', name: 'CSTO', display: { ru: 'ОДКБ', kk: 'ҰҚШҰ' }, names: { en: ['CSTO'], ru: ['ОДКБ'], kk: ['ҰҚШҰ'] } },
  { id: 'almaty', kind: 'place', name: 'Almaty', display: { ru: 'Алматы', kk: 'Алматы' }, names: { en: ['Almaty'], ru: ['Алматы'], kk: ['Алматы'] } },
];

const norm = (s: string) => s.toLowerCase().replace(/ё/g, 'е').trim();

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** Exact alias match in any language; otherwise entities with an alias within 2 edits as suggestions. */
export function entityDirectory(list: TopicEntity[] = entities): EntityDirectory {
  const aliases = (e: TopicEntity) => [...e.names.en, ...e.names.ru, ...e.names.kk].map(norm);
  return {
    find(query) {
      const q = norm(query);
      const entity = list.find((e) => aliases(e).includes(q));
      if (entity) return { entity, suggestions: [] };
      return { suggestions: list.filter((e) => aliases(e).some((a) => distance(a, q) <= 2)) };
    },
    get: (id) => list.find((e) => e.id === id),
    all: () => list,
  };
}

export function profileDirectory(profiles: ActorProfile[] = []): ProfileDirectory {
  return { get: (id) => profiles.find((p) => p.id === id) };
}

/** Stories filtered like the real archive: by time, entity, keyword; oldest first; paged. */
export function archiveOf(stories: Story[], extra: Partial<ArchiveReader> = {}): ArchiveReader {
  const at = (s: Story) => Date.parse(s.publishedAt);
  return {
    async listStories(q) {
      const found = stories
        .filter((s) => at(s) >= q.fromMs && at(s) <= q.toMs)
        .filter((s) => !q.entityIds || s.entities.some((e) => q.entityIds!.includes(e)))
        .filter((s) => !q.keyword || `${s.title} ${s.summary}`.toLowerCase().includes(q.keyword.toLowerCase()))
        .sort((a, b) => at(a) - at(b));
      const offset = q.offset ?? 0;
      return { stories: found.slice(offset, offset + (q.limit ?? 50)), total: found.length };
    },
    async countMentions(id, sinceMs) {
      return stories.filter((s) => s.entities.includes(id) && at(s) >= sinceMs).length;
    },
    async coMentions() {
      return [];
    },
    async latestForEntity(id, limit) {
      return stories.filter((s) => s.entities.includes(id)).sort((a, b) => at(b) - at(a)).slice(0, limit);
    },
    ...extra,
  };
}

/** A feed registry that refuses private addresses the way the feed admin does (src/feeds/feed-admin.ts). */
export function feedRegistry(initial: FeedHealth[] = []): FeedRegistryLike & { feeds: FeedHealth[] } {
  const feeds = [...initial];
  return {
    feeds,
    async list() {
      return feeds;
    },
    async add(url) {
      if (/\/\/(127\.|10\.|localhost)/.test(url)) {
        const reason = 'the address points into a private network, which feeds may not use';
        throw new TellUserError(`Not added: ${url} — ${reason}`, { key: 'feeds.notAdded', values: { url, reason } });
      }
      const feed: FeedHealth = { id: `f${feeds.length + 1}`, url, consecutiveFailures: 0, itemsSeen: 0, failing: false };
      feeds.push(feed);
      return feed;
    },
    async remove(url) {
      const i = feeds.findIndex((f) => f.url === url);
      if (i < 0) return false;
      feeds.splice(i, 1);
      return true;
    },
    async importList(text) {
      const parsed = parseFeedList(text);
      const added: string[] = [];
      const existing: string[] = [];
      for (const { url } of parsed.entries) {
        if (feeds.some((f) => f.url === url)) existing.push(url);
        else {
          added.push(url);
          feeds.push({ id: `f${feeds.length + 1}`, url, consecutiveFailures: 0, itemsSeen: 0, failing: false });
        }
      }
      return { added, existing, problems: parsed.problems };
    },
  };
}

/** Same destination and same entities means the same subscription, updated in place. */
export function subscriptionStore(): SubscriptionStoreLike & { all: Subscription[] } {
  const all: Subscription[] = [];
  let next = 1;
  const same = (a: Destination, b: Destination) => destinationKey(a) === destinationKey(b);
  return {
    all,
    async subscribe(input) {
      const existing = all.find((s) => same(s.destination, input.destination) && s.entities.join() === input.entities.join());
      if (existing) {
        const { destination: _d, entities: _e, createdBy: _c, ...terms } = input;
        for (const key of ['digestHour', 'digestHourUtc', 'timeZone', 'quiet', 'preview'] as const) delete existing[key];
        Object.assign(existing, terms);
        return { subscription: existing, created: false };
      }
      const subscription: Subscription = { id: `s${next++}`, ...input, createdAt: new Date(Date.UTC(2022, 0, next)).toISOString() };
      all.push(subscription);
      return { subscription, created: true };
    },
    async unsubscribe(destination, id) {
      const gone = all.filter((s) => same(s.destination, destination) && (id === undefined || s.id === id));
      for (const s of gone) all.splice(all.indexOf(s), 1);
      return gone.length;
    },
    async listForDestination(destination) {
      return all.filter((s) => same(s.destination, destination));
    },
  };
}

export function pageStore(): PageStoreLike {
  const saved = new Map<string, string>();
  return {
    async save(state) {
      const json = JSON.stringify(state);
      const token = `t${saved.size + 1}`;
      for (const [t, j] of saved) if (j === json) return t;
      saved.set(token, json);
      return token;
    },
    async load(token) {
      const json = saved.get(token);
      return json ? JSON.parse(json) : undefined;
    },
  };
}

/** Chat languages in a Map, keyed like the Redis store (one per chat, threads share it). */
export function chatLanguages(initial: Record<string, Language> = {}): ChatLanguageStore {
  const chosen = new Map<string, Language>(Object.entries(initial));
  const key = (d: Destination) => `${d.platform}:${d.chatId}`;
  return {
    async get(destination) {
      return chosen.get(key(destination));
    },
    async set(destination, language) {
      if (language) chosen.set(key(destination), language);
      else chosen.delete(key(destination));
    },
  };
}

export function makeServices(overrides: Partial<CommandServices> = {}): CommandServices {
  return {
    topicName: 'Kazakhstan',
    topicDisplay: { ru: 'Казахстан', kk: 'Қазақстан' },
    languages: chatLanguages(),
    archive: archiveOf([]),
    entities: entityDirectory(),
    profiles: profileDirectory(),
    subscriptions: subscriptionStore(),
    feeds: feedRegistry(),
    pages: pageStore(),
    ...overrides,
  };
}

export const member: Caller = { platform: 'discord', userId: '111', isChannelAdmin: false, isOwner: false };
export const admin: Caller = { platform: 'discord', userId: '222', isChannelAdmin: true, isOwner: false };
export const owner: Caller = { platform: 'telegram', userId: '333', isChannelAdmin: false, isOwner: true };
export const channel: Destination = { platform: 'discord', chatId: '9001' };

let storySeq = 0;
/** A story published at `publishedAt` about `entities`, reported by `outlets` (first one first). */
export function story(publishedAt: string, title: string, entityIds: string[] = ['tokayev'], outlets = ['Tengrinews']): Story {
  storySeq++;
  return {
    id: `st${storySeq}`,
    title,
    link: `https://news.example/${storySeq}`,
    source: outlets[0] ?? 'Tengrinews',
    summary: title,
    publishedAt,
    entities: entityIds,
    score: 1,
    alsoReportedBy: outlets.slice(1).map((source) => ({ source, title, link: `https://${source.toLowerCase()}.example/${storySeq}` })),
    itemIds: [`i${storySeq}`],
  };
}
