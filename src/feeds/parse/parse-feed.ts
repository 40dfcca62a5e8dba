import type { ParsedFeed } from '../types.js';
import { decodeFeedBytes } from './charset.js';
import { FeedParseError } from './errors.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from './gzip.js';
import { parseJsonFeed } from './json-feed.js';
import { parseXmlFeed } from './xml-feed.js';

/** Options for {@link parseFeed}. */
export interface ParseFeedOptions {
  /** The response's Content-Type header; its `charset` is the second source for the encoding (after a BOM). */
  contentType?: string;
  /** The feed's URL: relative links resolve against it (after any xml:base). */
  baseUrl?: string;
  /** Largest document accepted, in bytes, also after gunzip (default 16 MiB). */
  maxBytes?: number;
}

/**
 * Parses an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1 document into a {@link ParsedFeed}.
 * Bytes are decoded first (see `decodeFeedBytes`); a string is taken as already decoded.
 * Runs on the calling thread: for documents from the network use the parser pool (`createFeedParserPool`),
 * which bounds the time a hostile document can take.
 * @throws FeedParseError `not_a_feed`, `malformed` or `too_large`; never any other error.
 */
export async function parseFeed(body: Buffer | string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const size = typeof body === 'string' ? body.length : body.length;
  if (size > maxBytes) {
    throw new FeedParseError('too_large', `feed too large: ${size} bytes is over the ${maxBytes}-byte cap`);
  }
  try {
    const text = typeof body === 'string' ? body : decodeFeedBytes(body, options.contentType, { maxBytes }).text;
    const start = text.replace(/^[\uFEFF\s]+/, '').charAt(0);
    if (start === '') throw new FeedParseError('not_a_feed', 'not a feed: the document is empty');
    if (start === '{' || start === '[') return parseJsonFeed(text.replace(/^\uFEFF/, ''), options.baseUrl);
    return await parseXmlFeed(text, options.baseUrl);
  } catch (err) {
    if (err instanceof FeedParseError) throw err;
    throw new FeedParseError('malformed', `malformed feed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
