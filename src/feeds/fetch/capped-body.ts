import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { FeedFetchError } from './errors.js';

/** The Content-Encoding values the fetcher asks for and can decode. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

type Stage = (source: AsyncIterable<Buffer>) => AsyncGenerator<Buffer>;

/** What to read and how much of it to allow. */
export interface CappedBodyInput {
  body: Readable;
  /** The response's Content-Encoding header, if any. */
  contentEncoding?: string;
  /** The response's Content-Length header, if any. */
  contentLength?: string;
  /** Largest body accepted, in bytes, counted after decompression. */
  maxBytes: number;
  /** The URL the body comes from, for messages. */
  url: string;
}

/**
 * Reads a response body into memory, decoding gzip, deflate (zlib or raw) and br as it streams, and stops
 * as soon as the decoded size passes `maxBytes`, so a compression bomb costs at most the cap in memory.
 * Throws FeedFetchError `too_large` (give-up) past the cap, `http_error` for an encoding we cannot decode,
 * `network_error` (retry) for corrupt or truncated compressed data. Other stream errors pass through.
 */
export async function readCappedBody(input: CappedBodyInput): Promise<Buffer> {
  const { body, maxBytes, url } = input;
  const tooLarge = (what: string) =>
    new FeedFetchError('too_large', 'give-up', `feed body ${what} is over the ${maxBytes}-byte limit (FEED_MAX_BYTES)`, {
      url,
    });

  const declared = Number(input.contentLength);
  if (input.contentLength !== undefined && Number.isFinite(declared) && declared > maxBytes) {
    discardBody(body);
    throw tooLarge(`of ${declared} bytes`);
  }

  let stages: Stage[];
  try {
    stages = decodingStages(input.contentEncoding);
  } catch (err) {
    discardBody(body);
    throw new FeedFetchError('http_error', 'give-up', (err as Error).message, { url });
  }

  const chunks: Buffer[] = [];
  let total = 0;
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge('(decoded)');
      chunks.push(chunk);
    }
  };
  // The stage count varies, which pipeline's typings cannot express; at run time it takes any chain.
  await (pipelineAsync as (...streams: unknown[]) => Promise<void>)(body, ...stages, collect);
  return Buffer.concat(chunks, total);
}

/**
 * Drops a body we will not read. undici reports a destroyed body as an 'error' event, which would crash the
 * process without a listener, so one is attached first.
 */
export function discardBody(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** Decoding stages in the order they must run: encodings are listed in the order they were applied. */
function decodingStages(header: string | undefined): Stage[] {
  const encodings = (header ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '' && e !== 'identity');
  return encodings.reverse().map((encoding) => {
    switch (encoding) {
      case 'gzip':
      case 'x-gzip':
        return decodeWith(encoding, () => createGunzip());
      case 'br':
        return decodeWith(encoding, () => createBrotliDecompress());
      case 'deflate':
        // RFC 9110 deflate is zlib-wrapped, but some servers send raw deflate: the zlib header tells them apart.
        return decodeWith(encoding, (head) => (isZlibHeader(head) ? createInflate() : createInflateRaw()));
      default:
        throw new Error(`the server sent Content-Encoding "${encoding}", which Kazwire cannot decode`);
    }
  });
}

function isZlibHeader(head: Buffer): boolean {
  const [b0 = 0, b1 = 0] = head;
  return (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
}

/**
 * A stage that waits for the first bytes before choosing a decoder (an empty body decodes to nothing
 * rather than failing), then pulls decoded output on demand so backpressure reaches the decompressor.
 */
function decodeWith(encoding: string, choose: (head: Buffer) => Transform): Stage {
  return async function* decode(source) {
    const input = source[Symbol.asyncIterator]();
    const headParts: Buffer[] = [];
    let headLength = 0;
    while (headLength < 2) {
      const next = await input.next();
      if (next.done) break;
      headParts.push(next.value);
      headLength += next.value.length;
    }
    if (headLength === 0) return;
    const head = Buffer.concat(headParts);
    const decoder = choose(head);
    async function* replay() {
      yield head;
      for (;;) {
        const next = await input.next();
        if (next.done) return;
        yield next.value;
      }
    }
    // Errors surface through iterating the decoder, which the pipeline destroys along with everything else.
    pipeline(replay(), decoder, () => {});
    try {
      for await (const chunk of decoder) yield chunk as Buffer;
    } catch (err) {
      if (err instanceof FeedFetchError || !isZlibError(err)) throw err;
      throw new FeedFetchError('network_error', 'retry', `could not decode the ${encoding} feed body: ${(err as Error).message}`, {
        cause: err,
      });
    }
  };
}

function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_') || (err as Error | null)?.message === 'unexpected end of file';
}
