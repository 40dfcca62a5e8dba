import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { silentLogger, type Logger } from '../../log.js';
import type { ParsedFeed } from '../types.js';
import { RetryLaterError } from '../../errors.js';
import { FeedParseError } from './errors.js';
import type { ParseFeedOptions } from './parse-feed.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

/** Options for {@link createFeedParserPool}. */
export interface FeedParserPoolOptions {
  /** Worker threads (default: one per core, at most 2). */
  size?: number;
  /** Longest a single parse may run, in milliseconds, before its worker is terminated (default 10 000). */
  timeoutMs?: number;
  logger?: Logger;
}

/** Parses feeds off the main thread, so a pathological document cannot stall the process. */
export interface FeedParserPool {
  /**
   * Parses like `parseFeed`, in a worker. Waits for a free worker when all are busy.
   * @throws FeedParseError `timeout` when the parse outlives the deadline (the worker is replaced), or any
   * kind `parseFeed` throws. After (or during) `close()`: RetryLaterError `parser_closed` (shutting down; the
   * poll should run again later).
   */
  parse(body: Buffer | string, options?: ParseFeedOptions): Promise<ParsedFeed>;
  /** Stops every worker; parses still queued or running fail. */
  close(): Promise<void>;
}

interface Task {
  id: number;
  request: WorkerRequest;
  resolve(feed: ParsedFeed): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  /** Set once the worker has loaded the parser: the deadline of a parse must not include the boot. */
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
}

/**
 * Starts a worker on the entry next to this module: `parse-worker.js` when compiled; from sources (vitest,
 * tsx) `parse-worker.ts`, loaded through tsx's loader registered inside the worker. (`execArgv: ['--import',
 * 'tsx']` does not reach a worker's entry on Node 20: it fails with "Unknown file extension .ts".)
 */
/**
 * A parse makes short-lived garbage only (the document's nodes, then the items sent back): a small young
 * generation is collected often and cheaply, where V8's default (16 MB semi-spaces) lets each worker hold
 * tens of MB it does not need. Measured: two workers after 800 parses, 82 MB resident above the process
 * with the default, 58 MB with this.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./parse-worker.js', import.meta.url), { resourceLimits: WORKER_LIMITS });
  // The ESM build of tsx's API: its CommonJS build registers a loader path that does not exist.
  let tsxApi = 'tsx/esm/api';
  try {
    tsxApi = import.meta.resolve('tsx/esm/api');
  } catch {
    // Runners without import.meta.resolve: the bare name resolves from the working directory.
  }
  const entry = new URL('./parse-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, resourceLimits: WORKER_LIMITS });
}

function closedError(): RetryLaterError {
  return new RetryLaterError('parser_closed', 'feed parser pool is closed (shutting down); retry the poll later');
}

/** Creates a pool of parser worker threads; workers start on first use. */
export function createFeedParserPool(options: FeedParserPoolOptions = {}): FeedParserPool {
  const size = Math.max(1, options.size ?? Math.min(2, availableParallelism()));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const log = options.logger ?? silentLogger;
  const slots: Slot[] = [];
  const queue: Task[] = [];
  let nextId = 1;
  let closed = false;

  function finish(slot: Slot): Task | undefined {
    const task = slot.task;
    clearTimeout(slot.timer);
    slot.task = undefined;
    slot.timer = undefined;
    slot.worker.unref();
    return task;
  }

  function retire(slot: Slot, err: Error): void {
    finish(slot)?.reject(err);
    slots.splice(slots.indexOf(slot), 1);
    // A worker that dies before it is ready will not do better on a respawn (a missing build, a bad
    // install): fail what waits instead of looping.
    if (!slot.ready) for (const task of queue.splice(0)) task.reject(err);
    void slot.worker.terminate();
    pump();
  }

  function spawn(): Slot {
    const worker = startWorker();
    const slot: Slot = { worker, ready: false };
    worker.unref();
    worker.on('message', (reply: WorkerReply | { ready: true }) => {
      if ('ready' in reply) {
        slot.ready = true;
        pump();
        return;
      }
      const task = slot.task;
      if (!task || task.id !== reply.id) return;
      finish(slot);
      if (reply.ok) task.resolve(reply.feed);
      else task.reject(new FeedParseError(reply.kind, reply.message));
      pump();
    });
    worker.on('error', (err) => {
      log.error({ err }, 'feed parser worker crashed');
      if (slots.includes(slot)) retire(slot, new FeedParseError('malformed', `malformed feed: the parser crashed on it (${err.message})`, { cause: err }));
    });
    worker.on('exit', (code) => {
      if (slots.includes(slot) && !closed) retire(slot, new FeedParseError('malformed', `malformed feed: the parser worker exited (code ${code})`));
    });
    slots.push(slot);
    return slot;
  }

  function pump(): void {
    while (!closed && queue.length > 0) {
      const slot = slots.find((s) => s.ready && !s.task);
      if (!slot) {
        let booting = slots.filter((s) => !s.ready).length;
        while (slots.length < size && booting < queue.length) {
          spawn();
          booting++;
        }
        return;
      }
      const task = queue.shift() as Task;
      slot.task = task;
      slot.worker.ref();
      slot.timer = setTimeout(() => {
        log.warn({ timeoutMs }, 'feed parse timed out; replacing its worker');
        retire(slot, new FeedParseError('timeout', `feed parse timed out after ${timeoutMs} ms: the document is pathological or too large; it will be retried only when it changes`));
      }, timeoutMs);
      slot.worker.postMessage(task.request);
    }
  }

  return {
    parse(body, parseOptions = {}) {
      if (closed) return Promise.reject(closedError());
      return new Promise<ParsedFeed>((resolve, reject) => {
        const id = nextId++;
        queue.push({ id, request: { id, body: typeof body === 'string' ? body : new Uint8Array(body), options: parseOptions }, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      const error = closedError();
      for (const task of queue.splice(0)) task.reject(error);
      const running = slots.splice(0);
      for (const slot of running) finish(slot)?.reject(error);
      await Promise.all(running.map((slot) => slot.worker.terminate()));
    },
  };
}
