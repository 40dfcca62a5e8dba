/** The delivery module's public surface, for the composition root and commands. */
export * from './core/types.js';
export { createRedisSubscriptionStore, type RedisSubscriptionStoreOptions } from './core/subscriptions.js';
export { parseSubscribeInput, MAX_KEYWORDS, MAX_KEYWORD_LENGTH, MAX_ENTITIES } from './core/subscription-input.js';
export { keywordsAllow, containsKeyword } from './core/keywords.js';
export { createFanoutWorker, fanOutStory, type FanoutDeps, type FanoutWorker, type FanoutWorkerOptions } from './fanout.js';
export { createDeliveryWorker, type DeliveryWorker, type DeliveryWorkerOptions } from './deliver-worker.js';
export { createDestinationState, type DestinationState } from './destination-state.js';
export { defaultPaceRules, type PaceRules, type PaceRule } from './pacing/pace-rules.js';
export { createRedisPacer, type Pacer } from './pacing/token-bucket.js';
export { nextDigestRun, rankForDigest, digestMessages } from './digest.js';
export { alertJobId, editJobId, digestJobId, alertJobOptions } from './jobs.js';
