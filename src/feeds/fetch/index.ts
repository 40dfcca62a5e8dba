export { createFeedFetcher, DEFAULT_USER_AGENT } from './feed-fetcher.js';
export type { ConditionalHeaders, FeedFetcher, FeedFetcherOptions, FetchedFeed, FetchOutcome, NotModifiedFeed } from './types.js';
export { FeedFetchError, type FeedFetchErrorKind } from './errors.js';
export { anyAddress, publicAddressesOnly, type AddressPolicy, type AddressVerdict } from './address-policy.js';
export type { ResolveHost, ResolvedAddress } from './guarded-agent.js';
export { createKeyedSemaphore, type KeyedSemaphore } from './keyed-semaphore.js';
