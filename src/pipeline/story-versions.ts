import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import { messageFingerprint } from '../news/story-fingerprint.js';
import type { Story } from '../news/types.js';

/**
 * The version of each story's message last handed to delivery, so that an item joining a story but adding
 * nothing it shows (an outlet already listed, no new entity) queues no update, and so no edit.
 */
export interface StoryVersions {
  /** True when the story shows something its recorded version did not (or none is recorded). */
  changed(story: Story): Promise<boolean>;
  /** Records the story's current version. */
  record(story: Story): Promise<void>;
}

export interface StoryVersionsOptions {
  redis: Redis;
  keys: Keys;
  /** How long a version is kept, in seconds. Default 3 days: as long as delivered messages can be edited. */
  ttlSeconds?: number;
}

export function createRedisStoryVersions({ redis, keys, ttlSeconds = 3 * 86_400 }: StoryVersionsOptions): StoryVersions {
  return {
    async changed(story) {
      return (await redis.get(keys.storyVersion(story.id))) !== messageFingerprint([story]);
    },
    async record(story) {
      await redis.set(keys.storyVersion(story.id), messageFingerprint([story]), 'EX', ttlSeconds);
    },
  };
}
