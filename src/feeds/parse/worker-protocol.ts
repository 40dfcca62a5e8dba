import type { ParsedFeed } from '../types.js';
import type { FeedParseErrorKind } from './errors.js';
import type { ParseFeedOptions } from './parse-feed.js';

/** A document sent to a parser worker. */
export interface WorkerRequest {
  id: number;
  body: Uint8Array | string;
  options: ParseFeedOptions;
}

/** A parser worker's answer: the feed, or the error's kind and message (errors do not cross threads intact). */
export type WorkerReply =
  | { id: number; ok: true; feed: ParsedFeed }
  | { id: number; ok: false; kind: FeedParseErrorKind; message: string };
