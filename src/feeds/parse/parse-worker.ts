/**
 * Worker thread entry of the feed parser pool (pool.ts): parses one document per message and answers with
 * the feed or the error's kind and message. Run by `node` compiled, or through tsx from sources.
 */
import { parentPort } from 'node:worker_threads';
import { FeedParseError } from './errors.js';
import { parseFeed, type ParseFeedOptions } from './parse-feed.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs only as a worker thread (see createFeedParserPool)');

port.on('message', (request: WorkerRequest) => {
  const body = typeof request.body === 'string' ? request.body : Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
  const options: ParseFeedOptions = request.options;
  parseFeed(body, options).then(
    (feed) => port.postMessage({ id: request.id, ok: true, feed } satisfies WorkerReply),
    (err: unknown) => {
      const kind = err instanceof FeedParseError ? err.kind : 'malformed';
      const message = err instanceof Error ? err.message : String(err);
      port.postMessage({ id: request.id, ok: false, kind, message } satisfies WorkerReply);
    },
  );
});

port.postMessage({ ready: true });
