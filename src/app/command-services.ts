import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { commandList } from '../../commands/index.js';
import type { CommandAdapterOptions } from '../commands/adapter-options.js';
import { createRedisPageStore } from '../commands/page-store.js';
import type { CommandServices, EntityDirectory, FeedRegistryLike, ProfileDirectory } from '../commands/services.js';
import type { Config } from '../config/env.js';
import { createRedisSubscriptionStore } from '../delivery/core/subscriptions.js';
import { TellUserError } from '../errors.js';
import { createFeedAdmin, type FeedAdmin } from '../feeds/feed-admin.js';
import { OpmlError } from '../feeds/opml.js';
import { createRedisFeedRegistry } from '../feeds/registry.js';
import type { MessageKey } from '../i18n/catalogue.js';
import { createRedisChatLanguageStore } from '../i18n/chat-languages.js';
import { silentLogger, type Logger } from '../log.js';
import { defaultActorsPath, loadActorProfiles } from '../news/actors.js';
import type { Keys } from '../redis/keys.js';
import { withConfiguredFeeds } from './feed-listing.js';
import { createFeedReading, type FeedReading } from './feed-reading.js';
import type { Infrastructure } from './infrastructure.js';
import { createNewsReaders, type NewsReaders } from './news-services.js';
import { platforms } from './platforms.js';

export interface CommandServicesDeps {
  config: Config;
  /** A `client` connection (fails fast), shared by every store. */
  redis: Redis;
  keys: Keys;
  /** Default `silentLogger`. */
  log?: Logger;
  /** The topic pack, its lookup and the archive, when the process built them already (the app does, for ingest). */
  news?: NewsReaders;
  /** The fetcher and parser the poller uses, when this process polls (the app shares them); else built here. */
  feedReading?: FeedReading;
}

export interface CommandServicesHandle {
  services: CommandServices;
  /** Closes what was built here (a fetcher and parser of its own); the Redis connection stays the caller's. */
  close(): Promise<void>;
}

/**
 * The command services over the real modules: the topic pack's entities, the archive, actor profiles, the
 * subscription store, the feed registry behind the poller's own fetcher and parser (so `/feeds add` passes the
 * same address guard and the same bound on hostile documents), and the paging store. What the process already
 * built is reused; the rest is built once here. The app, `npm run ask` and the demo use it.
 */
export function createCommandServices(deps: CommandServicesDeps): CommandServicesHandle {
  const { config, redis, keys } = deps;
  const log = deps.log ?? silentLogger;
  const news =
    deps.news ??
    createNewsReaders({ redis, keys, retentionDays: config.ARCHIVE_RETENTION_DAYS, ...(config.TOPIC_PACK ? { topicPackPath: config.TOPIC_PACK } : {}) });
  const ownReading = deps.feedReading ? undefined : createFeedReading({ config, logger: log.child({ module: 'feed-admin' }), parserThreads: 1 });
  const reading = deps.feedReading ?? ownReading!;
  const byId = new Map(news.pack.entities.map((e) => [e.id, e]));
  const registry = createRedisFeedRegistry({ redis, keys });
  const entities: EntityDirectory = {
    find: (query) => news.lookup.find(query),
    get: (id) => byId.get(id),
    all: () => news.pack.entities,
  };
  const services: CommandServices = {
    topicName: news.pack.name,
    ...(news.pack.display ? { topicDisplay: news.pack.display } : {}),
    languages: createRedisChatLanguageStore(redis, keys),
    archive: news.archive,
    entities,
    profiles: profileDirectory(config.TOPIC_PACK, log),
    subscriptions: createRedisSubscriptionStore({ redis, keys, platforms }),
    feeds: withConfiguredFeeds(chatFeedAdmin(createFeedAdmin({ registry, fetchFeed: reading.fetchFeed, parseFeed: reading.parseFeed })), () => registry.removedFeeds(), {
      config,
      pack: news.pack,
      log,
    }),
    pages: createRedisPageStore(redis, keys),
  };
  return { services, close: async () => void (await ownReading?.close()) };
}

/** The feed admin as chat commands use it: an unreadable OPML file is the user's to fix, said in their words. */
function chatFeedAdmin(admin: FeedAdmin): FeedRegistryLike {
  return {
    list: () => admin.list(),
    add: (url) => admin.add(url),
    remove: (url) => admin.remove(url),
    importList: (text) =>
      admin.importList(text).catch((err: unknown) => {
        if (err instanceof OpmlError) {
          const message = `That file is not a feed list I can read (${err.message}). Send an OPML file, or one feed address a line.`;
          throw new TellUserError(message, { key: 'feeds.importUnreadable' satisfies MessageKey, values: { error: err.message } });
        }
        throw err;
      }),
  };
}

/** What every platform's command adapter is given by the app: the command list, its services, owners, Redis. */
export function commandAdapterOptions(infra: Infrastructure, services: CommandServices): CommandAdapterOptions {
  return {
    commands: commandList,
    services,
    redis: infra.redis,
    keys: infra.keys,
    ownerIds: infra.config.OWNER_IDS,
    logger: infra.logger,
  };
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
        translations: Object.fromEntries(
          Object.entries(p.translations).map(([language, text]) => [
            language,
            {
              ...(text.role ? { role: text.role } : {}),
              ...(text.bio ? { biography: text.bio } : {}),
              ...(text.keyDates ? { keyDates: text.keyDates.map((d) => ({ date: d.when, event: d.what })) } : {}),
            },
          ]),
        ),
      };
    },
  };
}
