import { gunzipSync } from 'node:zlib';
import { FeedParseError } from './errors.js';

/** Default cap on a feed document after gunzip: 16 MiB. The largest real feeds we know are ~2 MB. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** True when the bytes start with the gzip magic number (1f 8b). */
export function isGzip(body: Uint8Array): boolean {
  return body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b;
}

/**
 * Some servers send a gzip file as the body without `Content-Encoding` (or the fetcher saved it raw).
 * Gunzips such a body, refusing to inflate past `maxBytes` so a small "zip bomb" cannot exhaust memory.
 * Other bodies are returned as they are.
 * @throws FeedParseError `too_large` past the cap, `malformed` when the gzip stream is corrupt.
 */
export function gunzipIfNeeded(body: Buffer, maxBytes = DEFAULT_MAX_DOCUMENT_BYTES): Buffer {
  if (!isGzip(body)) return body;
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new FeedParseError('too_large', `feed too large: gzip body inflates past ${maxBytes} bytes; raise the cap only for a trusted feed`, { cause: err });
    }
    throw new FeedParseError('malformed', `malformed feed: corrupt gzip body (${(err as Error).message})`, { cause: err });
  }
}
