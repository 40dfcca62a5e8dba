import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import type { Logger } from '../log.js';
import { silentLogger } from '../log.js';
import type { Infrastructure } from './infrastructure.js';
import { loadTopicPack, type TopicPack } from '../news/topic-pack.js';
import { compileMatcher, type Matcher } from '../news/matcher.js';
import { createStoryClusterer } from '../news/clustering.js';
import { createRedisArchive, type Archive } from '../news/archive.js';
import { createNewsUnderstanding, type NewsUnderstanding } from '../news/understanding.js';
import { createEntityLookup, type EntityLookup } from '../news/entity-lookup.js';

/** The news stage and what commands read from it, built once per process from the topic pack. */
export interface NewsServices {
  pack: TopicPack;
  matcher: Matcher;
  archive: Archive;
  understanding: NewsUnderstanding;
  lookup: EntityLookup;
}

export interface NewsServicesOptions {
  redis: Redis;
  keys: Keys;
  retentionDays: number;
  /** Path of the topic pack JSON; the bundled Kazakhstan pack when absent. */
  topicPackPath?: string;
  logger?: Logger;
}

/** What commands read of the news: the topic pack, its entity lookup and the archive. */
export type NewsReaders = Pick<NewsServices, 'pack' | 'lookup' | 'archive'>;

/** The news readers alone, for a process that answers commands but understands no items (`npm run ask`). */
export function createNewsReaders(options: Omit<NewsServicesOptions, 'logger'>): NewsReaders {
  const pack = options.topicPackPath ? loadTopicPack(options.topicPackPath) : loadTopicPack();
  const archive = createRedisArchive({ redis: options.redis, keys: options.keys, retentionDays: options.retentionDays });
  return { pack, archive, lookup: createEntityLookup(pack) };
}

export function createNewsServicesFor(options: NewsServicesOptions): NewsServices {
  const { pack, archive, lookup } = createNewsReaders(options);
  const matcher = compileMatcher(pack);
  const clusterer = createStoryClusterer({ redis: options.redis, keys: options.keys, pack, logger: options.logger ?? silentLogger });
  const understanding = createNewsUnderstanding({ pack, matcher, clusterer, archive, logger: options.logger ?? silentLogger });
  return { pack, matcher, archive, understanding, lookup };
}

export function createNewsServices(infra: Infrastructure): NewsServices {
  return createNewsServicesFor({
    redis: infra.redis,
    keys: infra.keys,
    retentionDays: infra.config.ARCHIVE_RETENTION_DAYS,
    topicPackPath: infra.config.TOPIC_PACK,
    logger: infra.logger,
  });
}
