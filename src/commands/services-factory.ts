import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Redis } from 'ioredis';
import type { Config } from '../config/env.js';
import { createRedisSubscriptionStore } from '../delivery/core/subscriptions.js';
import { createFeedAdmin } from '../feeds/feed-admin.js';
import { createFeedFetcher } from '../feeds/fetch/index.js';
import { createFeedParserPool } from '../feeds/parse/index.js';
import { createRedisFeedRegistry } from '../feeds/registry.js';
import { silentLogger, type Logger } from '../log.js';
import { createRedisArchive, type Archive } from '../news/archive.js';
import { defaultActorsPath, loadActorProfiles } from '../news/actors.js';
import { createEntityLookup, type EntityLookup } from '../news/entity-lookup.js';
import { loadTopicPack, type TopicPack } from '../news/topic-pack.js';
import type { Keys } from '../redis/keys.js';
import { createRedisPageStore } from './page-store.js';
import type { CommandServices, EntityDirectory, ProfileDirectory } from './services.js';

export interface CommandServicesDeps {
  config: Config;
  /** A `client` connection (fails fast), shared by every store. */
  redis: Redis;
  keys: Keys;
  /** Default `silentLogger`. */
  log?: Logger;
  /**
   * The topic pack, its entity lookup and the archive, when the caller already built them (the running app
   * does, for ingest); otherwise they are built here from `config`.
   */
  news?: { pack: TopicPack; lookup: EntityLookup; archive: Archive };
}

export interface CommandServicesHandle {
  services: CommandServices;
  /** Closes what the services opened (the feed fetcher's connections, the parser worker); the Redis connection stays the caller's. */
  close(): Promise<void>;
}

/**
 * Builds the real command services from configuration and one Redis connection: the topic pack and its entity
 * lookup, the archive, the subscription store, the feed registry behind the poller's guarded fetcher, and the
 * paging store. The composition root and `npm run ask` both use it.
 */
export function createCommandServices(deps: CommandServicesDeps): CommandServicesHandle {
  const { config, redis, keys } = deps;
  const log = deps.log ?? silentLogger;
  const pack = deps.news?.pack ?? (config.TOPIC_PACK ? loadTopicPack(config.TOPIC_PACK) : loadTopicPack());
  const lookup = deps.news?.lookup ?? createEntityLookup(pack);
  const byId = new Map(pack.entities.map((e) => [e.id, e]));
  const entities: EntityDirectory = {
    find: (query) => lookup.find(query),
    get: (id) => byId.get(id),
    all: () => pack.entities,
  };

  // Adding a feed from chat goes through the poller's own fetcher and parser pool, so the same address guard
  // and the same bound on hostile documents apply (the pool starts its worker on first use).
  const parser = createFeedParserPool({ size: 1 });
  const fetcher = createFeedFetcher({
    allowPrivateNetwork: config.ALLOW_PRIVATE_NETWORK_FEEDS,
    maxBytes: config.FEED_MAX_BYTES,
    logger: log.child({ module: 'feed-admin' }),
  });
  const feeds = createFeedAdmin({
    registry: createRedisFeedRegistry({ redis, keys }),
    fetchFeed: (url, conditional, signal) => fetcher.fetch(url, conditional, signal),
    parseFeed: (body, options) => parser.parse(body, options),
  });

  const profiles = profileDirectory(config.TOPIC_PACK, log);

  const services: CommandServices = {
    topicName: pack.name,
    archive: deps.news?.archive ?? createRedisArchive({ redis, keys, retentionDays: config.ARCHIVE_RETENTION_DAYS }),
    entities,
    profiles,
    subscriptions: createRedisSubscriptionStore({ redis, keys }),
    feeds,
    pages: createRedisPageStore(redis, keys),
  };
  return { services, close: async () => void (await Promise.all([parser.close(), fetcher.close()])) };
}

/**
 * The /who profiles: `actors.json` next to a custom topic pack (optional: a pack may have none), else the
 * bundled ones. The file's shape (`bio`, `keyDates: {when, what}`) is mapped to the command's ActorProfile.
 */
function profileDirectory(topicPackPath: string | undefined, log: Logger): ProfileDirectory {
  const file = topicPackPath ? path.join(path.dirname(topicPackPath), 'actors.json') : defaultActorsPath;
  if (!existsSync(file)) {
    log.info({ file }, 'no actor profiles next to the topic pack; /who shows news only');
    return { get: () => undefined };
  }
  const loaded = loadActorProfiles(file);
  return {
    get(entityId) {
      const p = loaded.get(entityId);
      return p && {
        id: p.id,
        name: p.name,
        native: p.native,
        role: p.role,
        biography: p.bio,
        keyDates: p.keyDates.map((d) => ({ date: d.when, event: d.what })),
        related: p.related,
      };
    },
  };
}
