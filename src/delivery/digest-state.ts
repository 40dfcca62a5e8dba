import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';

/** The digest chosen when its job first ran, so that retries send the same messages. */
export interface DigestSnapshot {
  storyIds: string[];
  /** Every story id taken from the subscription's queue (sent or not ranked high enough). */
  consumed: string[];
  sentMessages: number;
}

/** A digest subscription's state in Redis: the stories queued for its next digest and the snapshot being sent. */
export interface DigestState {
  /** Story ids queued for the subscription's next digest, oldest publication first. */
  queued(subscriptionId: string): Promise<string[]>;
  snapshot(subscriptionId: string): Promise<DigestSnapshot | undefined>;
  saveSnapshot(subscriptionId: string, snapshot: DigestSnapshot): Promise<void>;
  /**
   * Records the digest as delivered (`recordId` in the destination's delivered records), drops the stories it
   * consumed from the queue and forgets the snapshot, in one transaction.
   */
  finish(destinationKey: string, recordId: string, subscriptionId: string, snapshot: DigestSnapshot): Promise<void>;
}

const SNAPSHOT_TTL_SECONDS = 7 * 86_400;
const RECORD_TTL_SECONDS = 14 * 86_400;

export function createDigestState({ redis, keys }: { redis: Redis; keys: Keys }): DigestState {
  return {
    queued: (subscriptionId) => redis.zrange(keys.digestStories(subscriptionId), 0, '-1'),
    async snapshot(subscriptionId) {
      const raw = await redis.get(keys.digestSnapshot(subscriptionId));
      return raw ? (JSON.parse(raw) as DigestSnapshot) : undefined;
    },
    async saveSnapshot(subscriptionId, snapshot) {
      await redis.set(keys.digestSnapshot(subscriptionId), JSON.stringify(snapshot), 'EX', SNAPSHOT_TTL_SECONDS);
    },
    async finish(destinationKey, recordId, subscriptionId, snapshot) {
      const multi = redis.multi();
      multi.set(keys.delivered(destinationKey, recordId), '1', 'EX', RECORD_TTL_SECONDS, 'NX');
      if (snapshot.consumed.length > 0) multi.zrem(keys.digestStories(subscriptionId), ...snapshot.consumed);
      multi.del(keys.digestSnapshot(subscriptionId));
      await multi.exec();
    },
  };
}
