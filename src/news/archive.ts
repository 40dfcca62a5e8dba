import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type { Story } from './types.js';
import { ADD_TO_STORY_SCRIPT, SAVE_STORY_SCRIPT } from './archive-scripts.js';
import { matchesKeyword, storyFromHash } from './archive-codec.js';
import { luaScript } from '../redis/lua-script.js';
import { execChecked } from '../redis/exec.js';

const saveStoryScript = luaScript(SAVE_STORY_SCRIPT);
const addToStoryScript = luaScript(ADD_TO_STORY_SCRIPT);

const DAY_MS = 86_400_000;
/** Keys outlive retention by this much, so a missed prune cannot grow memory for ever. */
const TTL_SLACK_DAYS = 7;
const PRUNE_BATCH = 500;

/** An item joining an existing story. */
export interface ArchivedItem {
  id: string;
  source: string;
  link?: string;
  title: string;
  /** ISO 8601. */
  publishedAt: string;
  entities: string[];
  /** The item's picture: a story that has none takes it. */
  image?: string;
}

/** A query over the archive. Times are ms since the epoch, both ends included. */
export interface StoryQuery {
  fromMs: number;
  toMs: number;
  /** Stories mentioning any of these entity ids (from the entity index). */
  entityIds?: string[];
  /** Plain text that the title or summary must contain (case-insensitive). */
  keyword?: string;
  /** Page size. Default 20. */
  limit?: number;
  /** Stories to skip. Default 0. */
  offset?: number;
}

/** Stories and items, with indexes by time and by entity. Used by ingest and by /timeline and /who. */
export interface Archive {
  /** Saves a story; does nothing when a story with its id exists (a replay). */
  saveNewStory(story: Story): Promise<void>;
  /**
   * Adds an item to a story (its outlet once, its entities merged); a story already holding `maxItemsPerStory`
   * items is returned unchanged. Undefined when the story is unknown.
   */
  addToStory(storyId: string, item: ArchivedItem): Promise<Story | undefined>;
  getStory(id: string): Promise<Story | undefined>;
  /** The stories that exist, in the order asked. */
  getStories(ids: string[]): Promise<Story[]>;
  /** Stories in a time window, oldest first, with the number matching before paging. */
  listStories(q: StoryQuery): Promise<{ stories: Story[]; total: number }>;
  /** Stories mentioning an entity since a time. */
  countMentions(entityId: string, sinceMs: number): Promise<number>;
  /** Entities that most often share a story with `entityId` since a time, most first. Default limit 5. */
  coMentions(entityId: string, sinceMs: number, limit?: number): Promise<Array<{ entityId: string; count: number }>>;
  /** An entity's newest stories, newest first. */
  latestForEntity(entityId: string, limit: number): Promise<Story[]>;
  /** Deletes stories older than the retention, with their items and index entries. Returns how many. */
  prune(nowMs?: number): Promise<number>;
}

export interface RedisArchiveOptions {
  redis: Redis;
  keys: Keys;
  /** How long stories are kept, in days. Default 90. */
  retentionDays?: number;
  /** Items stored per story; a later item joins the story (it is told) but is not stored. Default 500. */
  maxItemsPerStory?: number;
}

/** The archive on Redis: a HASH per story and item, ZSET indexes by time and per entity. */
export function createRedisArchive(options: RedisArchiveOptions): Archive {
  const { redis, keys, retentionDays = 90, maxItemsPerStory = 500 } = options;
  const ttlSeconds = (retentionDays + TTL_SLACK_DAYS) * 86_400;

  async function getStories(ids: string[]): Promise<Story[]> {
    if (ids.length === 0) return [];
    const pipe = redis.pipeline();
    for (const id of ids) pipe.hgetall(keys.story(id)).zrange(keys.storyItems(id), '0', '-1');
    const replies = await execChecked(pipe);
    const stories: Story[] = [];
    for (let i = 0; i < ids.length; i++) {
      const hash = replies[2 * i]?.[1] as Record<string, string> | undefined;
      const items = (replies[2 * i + 1]?.[1] as string[] | undefined) ?? [];
      const story = hash ? storyFromHash(hash, items) : undefined;
      if (story) stories.push(story);
    }
    return stories;
  }

  async function idsInWindow(q: StoryQuery): Promise<string[]> {
    if (!q.entityIds || q.entityIds.length === 0) {
      return redis.zrangebyscore(keys.storiesByTime(), q.fromMs, q.toMs);
    }
    const pipe = redis.pipeline();
    for (const e of q.entityIds) pipe.zrangebyscore(keys.storiesByEntity(e), q.fromMs, q.toMs, 'WITHSCORES');
    const replies = (await pipe.exec()) ?? [];
    const byId = new Map<string, number>();
    for (const [, reply] of replies) {
      const flat = (reply as string[] | undefined) ?? [];
      for (let i = 0; i + 1 < flat.length; i += 2) byId.set(flat[i]!, Number(flat[i + 1]));
    }
    return [...byId].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([id]) => id);
  }

  async function filterByKeyword(ids: string[], keyword: string): Promise<string[]> {
    const pipe = redis.pipeline();
    for (const id of ids) pipe.hmget(keys.story(id), 'title', 'summary');
    const replies = (await pipe.exec()) ?? [];
    return ids.filter((_, i) => {
      const [title, summary] = (replies[i]?.[1] as Array<string | null> | undefined) ?? [];
      return matchesKeyword(`${title ?? ''}\n${summary ?? ''}`, keyword);
    });
  }

  return {
    async saveNewStory(story) {
      const publishedMs = Date.parse(story.publishedAt);
      const first = story.itemIds[0];
      const fields: Record<string, string> = {
        id: story.id,
        title: story.title,
        link: story.link ?? '',
        source: story.source,
        summary: story.summary,
        publishedAt: story.publishedAt,
        publishedAtMs: String(publishedMs),
        score: String(story.score),
        entities: JSON.stringify(story.entities),
        alsoReportedBy: JSON.stringify(story.alsoReportedBy),
        image: story.image ?? '',
      };
      const firstItem = first
        ? { id: first, source: story.source, link: story.link ?? '', title: story.title, publishedAt: story.publishedAt, entities: fields.entities, storyId: story.id }
        : {};
      await saveStoryScript(
        redis,
        [
          keys.story(story.id),
          keys.storyItems(story.id),
          keys.storiesByTime(),
          keys.item(first ?? `${story.id}-none`),
          ...story.entities.map((e) => keys.storiesByEntity(e)),
        ],
        [
          story.id,
          String(publishedMs),
          String(ttlSeconds),
          JSON.stringify(story.itemIds),
          JSON.stringify(firstItem),
          ...Object.entries(fields).flat(),
        ],
      );
    },

    async addToStory(storyId, item) {
      // Bounded: a story that gathered this many items shows no more outlets than it can list anyway.
      if ((await redis.zcard(keys.storyItems(storyId))) >= maxItemsPerStory) return (await getStories([storyId]))[0];
      const entities = [...new Set(item.entities)];
      const result = await addToStoryScript(
        redis,
        [keys.story(storyId), keys.storyItems(storyId), keys.item(item.id), ...entities.map((e) => keys.storiesByEntity(e))],
        [
          item.id,
          String(Date.parse(item.publishedAt)),
          item.source,
          item.link ?? '',
          item.title,
          item.publishedAt,
          JSON.stringify(entities),
          storyId,
          String(ttlSeconds),
          item.image ?? '',
        ],
      );
      if (result === -1) return undefined;
      return (await getStories([storyId]))[0];
    },

    async getStory(id) {
      return (await getStories([id]))[0];
    },

    getStories,

    async listStories(q) {
      const limit = q.limit ?? 20;
      const offset = q.offset ?? 0;
      let ids = await idsInWindow(q);
      const keyword = q.keyword?.trim();
      if (keyword) ids = await filterByKeyword(ids, keyword);
      return { stories: await getStories(ids.slice(offset, offset + limit)), total: ids.length };
    },

    async countMentions(entityId, sinceMs) {
      return redis.zcount(keys.storiesByEntity(entityId), sinceMs, '+inf');
    },

    async coMentions(entityId, sinceMs, limit = 5) {
      const ids = await redis.zrangebyscore(keys.storiesByEntity(entityId), sinceMs, '+inf');
      if (ids.length === 0) return [];
      const pipe = redis.pipeline();
      for (const id of ids) pipe.hget(keys.story(id), 'entities');
      const replies = (await pipe.exec()) ?? [];
      const counts = new Map<string, number>();
      for (const [, raw] of replies) {
        const list = parseList(raw as string | null);
        for (const e of new Set(list)) if (e !== entityId) counts.set(e, (counts.get(e) ?? 0) + 1);
      }
      return [...counts]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, limit)
        .map(([id, count]) => ({ entityId: id, count }));
    },

    async latestForEntity(entityId, limit) {
      const ids = await redis.zrevrangebyscore(keys.storiesByEntity(entityId), '+inf', '-inf', 'LIMIT', 0, limit);
      return getStories(ids);
    },

    async prune(nowMs = Date.now()) {
      const cutoff = nowMs - retentionDays * DAY_MS;
      let removed = 0;
      for (;;) {
        const ids = await redis.zrangebyscore(keys.storiesByTime(), '-inf', `(${cutoff}`, 'LIMIT', 0, PRUNE_BATCH);
        if (ids.length === 0) return removed;
        const read = redis.pipeline();
        for (const id of ids) read.hget(keys.story(id), 'entities').zrange(keys.storyItems(id), '0', '-1');
        const replies = (await read.exec()) ?? [];
        const entityIds = new Set<string>();
        const del = redis.pipeline();
        ids.forEach((id, i) => {
          const entities = parseList(replies[2 * i]?.[1] as string | null);
          const items = (replies[2 * i + 1]?.[1] as string[] | undefined) ?? [];
          for (const e of entities) {
            entityIds.add(e);
            del.zrem(keys.storiesByEntity(e), id);
          }
          del.unlink(keys.story(id), keys.storyItems(id), ...items.map((item) => keys.item(item)));
        });
        // Index entries whose story hash had already expired are swept by score.
        for (const e of entityIds) del.zremrangebyscore(keys.storiesByEntity(e), '-inf', `(${cutoff}`);
        del.zrem(keys.storiesByTime(), ...ids);
        await del.exec();
        removed += ids.length;
      }
    },
  };
}

function parseList(raw: string | null | undefined): string[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
