import type { Redis } from 'ioredis';
import type { Keys } from '../../redis/keys.js';
import type { Story } from '../../news/types.js';
import { keywordsAllow } from './keywords.js';
import type { PlatformDirectory, PlatformName } from './platform.js';
import { parseSubscribeInput, subscriptionIdFor } from './subscription-input.js';
import { execChecked } from '../../redis/exec.js';
import {
  destinationKey,
  type Destination,
  type SubscribeInput,
  type Subscription,
  type SubscriptionStore,
} from './types.js';

/** Options of createRedisSubscriptionStore. */
export interface RedisSubscriptionStoreOptions {
  redis: Redis;
  keys: Keys;
  /** The registered platforms: a subscription must be to one of their chats. */
  platforms: PlatformDirectory;
  /** Clock, for `createdAt` and `paused.at`. Default `() => new Date()`. */
  now?: () => Date;
}

/** The one field of the subscription HASH holding its JSON (one HGET per candidate in matchStory). */
const FIELD = 'json';

const SUBSCRIPTION_STATES = ['active', 'paused'] as const;
/** Shortest time between two rebuilds of the state SETs by one process, in ms. */
const REBUILD_EVERY_MS = 10 * 60_000;

/** How many subscriptions one platform has in one state. */
export interface SubscriptionStateCount {
  platform: PlatformName;
  state: (typeof SUBSCRIPTION_STATES)[number];
  count: number;
}

/** What a backup needs from the store, beyond SubscriptionStore. */
export interface SubscriptionTransfer {
  /** Every subscription, in id order. */
  listAll(): Promise<Subscription[]>;
  /**
   * Writes a subscription exactly as given (id, creation date, paused state), replacing the one with its id and
   * any other of its destination with the same topics. Idempotent: restoring the same subscription again is
   * `unchanged`.
   */
  restore(sub: Subscription): Promise<'created' | 'updated' | 'unchanged'>;
  /** Counts by platform and state (active, paused), from SETs the store keeps: a few SCARDs, no scan. */
  stateCounts(): Promise<SubscriptionStateCount[]>;
}

/** A subscription with its fields in one order and no undefined ones, so two copies compare as text. */
export function canonicalSubscription(sub: Subscription): Subscription {
  const destination: Destination = sub.destination.threadId
    ? { platform: sub.destination.platform, chatId: sub.destination.chatId, threadId: sub.destination.threadId }
    : { platform: sub.destination.platform, chatId: sub.destination.chatId };
  return {
    id: sub.id,
    destination,
    entities: sub.entities,
    keywords: sub.keywords,
    exclude: sub.exclude,
    mode: sub.mode,
    ...(sub.digestHour !== undefined ? { digestHour: sub.digestHour } : {}),
    ...(sub.digestHourUtc !== undefined ? { digestHourUtc: sub.digestHourUtc } : {}),
    ...(sub.timeZone !== undefined ? { timeZone: sub.timeZone } : {}),
    ...(sub.quiet !== undefined ? { quiet: { start: sub.quiet.start, end: sub.quiet.end } } : {}),
    ...(sub.preview !== undefined ? { preview: sub.preview } : {}),
    createdBy: sub.createdBy,
    createdAt: sub.createdAt,
    ...(sub.paused ? { paused: { reason: sub.paused.reason, at: sub.paused.at } } : {}),
  };
}

/**
 * Subscriptions in Redis: a HASH per subscription, a SET per destination, and the match indexes
 * `subs:entity:<e>` (subscriptions naming entity e) and `subs:all` (subscriptions with no entity filter).
 */
export function createRedisSubscriptionStore(options: RedisSubscriptionStoreOptions): SubscriptionStore & SubscriptionTransfer {
  const { redis, keys } = options;
  const now = options.now ?? (() => new Date());
  const platformNames = options.platforms.names();
  const stateKeys = platformNames.flatMap((platform) => SUBSCRIPTION_STATES.map((state) => keys.subscriptionsInState(platform, state)));
  const stateKeyOf = (sub: Subscription) => keys.subscriptionsInState(sub.destination.platform, sub.paused ? 'paused' : 'active');
  let lastRebuildAt = 0;

  function indexKeysOf(sub: Subscription): string[] {
    return sub.entities.length === 0
      ? [keys.subscriptionsAll()]
      : sub.entities.map((e) => keys.subscriptionsByEntity(e));
  }

  async function loadMany(ids: string[]): Promise<Subscription[]> {
    if (ids.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.hget(keys.subscription(id), FIELD);
    const results = await execChecked(pipeline);
    const subs: Subscription[] = [];
    for (const [err, value] of results) {
      if (!err && typeof value === 'string') subs.push(JSON.parse(value) as Subscription);
    }
    return subs;
  }

  async function get(id: string): Promise<Subscription | undefined> {
    const [sub] = await loadMany([id]);
    return sub;
  }

  async function listForDestination(destination: Destination): Promise<Subscription[]> {
    const ids = await redis.smembers(keys.subscriptionsOfDestination(destinationKey(destination)));
    return (await loadMany(ids.sort())).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Writes a subscription and its indexes, dropping index entries of its previous version. */
  async function save(sub: Subscription, previous?: Subscription): Promise<void> {
    const multi = redis.multi();
    if (previous) {
      for (const key of indexKeysOf(previous)) multi.srem(key, previous.id);
      multi.srem(keys.subscriptionsOfDestination(destinationKey(previous.destination)), previous.id);
    }
    multi.hset(keys.subscription(sub.id), FIELD, JSON.stringify(sub));
    multi.sadd(keys.subscriptionIds(), sub.id);
    multi.sadd(keys.subscriptionsOfDestination(destinationKey(sub.destination)), sub.id);
    for (const key of indexKeysOf(sub)) multi.sadd(key, sub.id);
    for (const key of stateKeys) if (key !== stateKeyOf(sub)) multi.srem(key, sub.id);
    multi.sadd(stateKeyOf(sub), sub.id);
    await multi.exec();
  }

  async function remove(sub: Subscription): Promise<void> {
    const multi = redis.multi();
    for (const key of indexKeysOf(sub)) multi.srem(key, sub.id);
    multi.srem(keys.subscriptionsOfDestination(destinationKey(sub.destination)), sub.id);
    multi.srem(keys.subscriptionIds(), sub.id);
    for (const key of stateKeys) multi.srem(key, sub.id);
    multi.del(keys.subscription(sub.id), keys.digestStories(sub.id));
    await multi.exec();
  }

  async function listAll(): Promise<Subscription[]> {
    return loadMany((await redis.smembers(keys.subscriptionIds())).sort());
  }

  async function readStateCounts(): Promise<{ counts: SubscriptionStateCount[]; total: number }> {
    const pipeline = redis.pipeline();
    for (const key of stateKeys) pipeline.scard(key);
    pipeline.scard(keys.subscriptionIds());
    const rows = (await pipeline.exec()) ?? [];
    const counts = platformNames.flatMap((platform, p) =>
      SUBSCRIPTION_STATES.map((state, s) => ({ platform, state, count: Number(rows[p * SUBSCRIPTION_STATES.length + s]?.[1] ?? 0) })),
    );
    return { counts, total: Number(rows[stateKeys.length]?.[1] ?? 0) };
  }

  /** Files subscriptions stored before the state SETs existed (each SET built aside, then renamed into place). */
  async function rebuildStateSets(): Promise<void> {
    const byKey = new Map<string, string[]>(stateKeys.map((k) => [k, []]));
    for (const sub of await listAll()) byKey.get(stateKeyOf(sub))?.push(sub.id);
    const pipeline = redis.pipeline();
    for (const [key, ids] of byKey) {
      pipeline.del(`${key}:rebuild`);
      for (let i = 0; i < ids.length; i += 1000) pipeline.sadd(`${key}:rebuild`, ...ids.slice(i, i + 1000));
      if (ids.length > 0) pipeline.rename(`${key}:rebuild`, key);
      else pipeline.del(key);
    }
    await pipeline.exec();
  }

  /** An unused deterministic id: a moved subscription may already hold the plain one. */
  async function freshId(destination: Destination, entities: string[]): Promise<string> {
    const base = subscriptionIdFor(destination, entities);
    for (let n = 0; ; n++) {
      const id = n === 0 ? base : `${base}-${n}`;
      if (!(await redis.exists(keys.subscription(id)))) return id;
    }
  }

  return {
    async subscribe(input: SubscribeInput) {
      const parsed = parseSubscribeInput(input, options.platforms);
      const existing = (await listForDestination(parsed.destination)).find(
        (s) => s.entities.join(',') === parsed.entities.join(','),
      );
      const subscription: Subscription = {
        id: existing?.id ?? (await freshId(parsed.destination, parsed.entities)),
        destination: parsed.destination,
        entities: parsed.entities,
        keywords: parsed.keywords,
        exclude: parsed.exclude,
        mode: parsed.mode,
        createdBy: existing?.createdBy ?? parsed.createdBy,
        createdAt: existing?.createdAt ?? now().toISOString(),
        ...(parsed.digestHour !== undefined ? { digestHour: parsed.digestHour } : {}),
        ...(parsed.digestHourUtc !== undefined ? { digestHourUtc: parsed.digestHourUtc } : {}),
        ...(parsed.timeZone !== undefined ? { timeZone: parsed.timeZone } : {}),
        ...(parsed.quiet !== undefined ? { quiet: parsed.quiet } : {}),
        ...(parsed.preview !== undefined ? { preview: parsed.preview } : {}),
      };
      // Subscribing again is how a paused destination says "I am back": the update resumes it.
      await save(subscription, existing);
      return { subscription, created: !existing };
    },

    async unsubscribe(destination, id) {
      const subs = await listForDestination(destination);
      const doomed = id === undefined ? subs : subs.filter((s) => s.id === id);
      for (const sub of doomed) await remove(sub);
      return doomed.length;
    },

    listForDestination,
    get,

    async pause(id, reason) {
      const sub = await get(id);
      if (!sub) return false;
      await save({ ...sub, paused: { reason, at: now().toISOString() } });
      return true;
    },

    async resume(id) {
      const sub = await get(id);
      if (!sub) return false;
      const { paused: _paused, ...rest } = sub;
      await save(rest);
      return true;
    },

    async moveDestination(from, to) {
      const subs = await listForDestination(from);
      for (const sub of subs) {
        // Ids are kept, so digest jobs and command replies that name them keep working after a migration.
        await save({ ...sub, destination: to }, sub);
      }
      return subs.length;
    },

    async count() {
      return redis.scard(keys.subscriptionIds());
    },

    listAll,

    async restore(sub) {
      const wanted = canonicalSubscription(sub);
      const existing = await get(wanted.id);
      const sameTopics = (await listForDestination(wanted.destination)).filter(
        (s) => s.id !== wanted.id && s.entities.join(',') === wanted.entities.join(','),
      );
      if (existing && sameTopics.length === 0 && JSON.stringify(canonicalSubscription(existing)) === JSON.stringify(wanted)) {
        return 'unchanged';
      }
      // Another subscription of the destination to the same topics would make two of what /subscribe keeps as one.
      for (const other of sameTopics) await remove(other);
      await save(wanted, existing);
      return existing ? 'updated' : 'created';
    },

    async stateCounts() {
      const read = await readStateCounts();
      const filed = read.counts.reduce((n, c) => n + c.count, 0);
      if (filed !== read.total && Date.now() - lastRebuildAt > REBUILD_EVERY_MS) {
        lastRebuildAt = Date.now();
        await rebuildStateSets();
        return (await readStateCounts()).counts;
      }
      return read.counts;
    },

    async matchStory(story: Story) {
      const indexKeys = [keys.subscriptionsAll(), ...story.entities.map((e) => keys.subscriptionsByEntity(e))];
      const candidates = await redis.sunion(...indexKeys);
      const subs = await loadMany(candidates);
      const text = `${story.title}\n${story.summary}`;
      return subs.filter((s) => !s.paused && keywordsAllow(text, s.keywords, s.exclude));
    },
  };
}
