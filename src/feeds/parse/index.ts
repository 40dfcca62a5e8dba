export { parseFeed, type ParseFeedOptions } from './parse-feed.js';
export { createFeedParserPool, type FeedParserPool, type FeedParserPoolOptions } from './pool.js';
export { decodeFeedBytes, type DecodedFeed, type DecodeOptions, type EncodingSource } from './charset.js';
export { FeedParseError, type FeedParseErrorKind } from './errors.js';
