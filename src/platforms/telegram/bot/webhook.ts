import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { webhookCallback, type Bot } from 'grammy';
import type { Update } from 'grammy/types';

/** Where the app's HTTP server receives Telegram updates unless told otherwise. */
export const defaultWebhookPath = '/telegram/webhook';

/** The header Telegram sends the webhook's secret in. */
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** Largest update body read by default, in bytes: an update is a few KiB; a message's text is at most 4096 characters. */
export const DEFAULT_MAX_UPDATE_BYTES = 256 * 1024;

/** Options of {@link createWebhookHandler}. */
export interface WebhookHandlerOptions {
  /** Path the updates are posted to. Default {@link defaultWebhookPath}. */
  path?: string;
  /** Compared with the X-Telegram-Bot-Api-Secret-Token header; a request without it, or with another, gets 401. */
  secretToken: string;
  /** Largest body read, in bytes; a longer one gets 413 and is not read further. Default {@link DEFAULT_MAX_UPDATE_BYTES}. */
  maxBodyBytes?: number;
  /**
   * Longest time an update's handling may hold Telegram's request, in ms. Default 9000. After it the request
   * is answered 200 and the handling goes on, so Telegram does not post the same update again.
   */
  timeoutMs?: number;
}

/**
 * An HTTP route for Telegram's webhook: handles a POST to `path` and returns true; returns false for any other
 * request so the server can answer it. Before anything is read the secret token is checked (401) and the
 * declared length (413); the body is then read up to `maxBodyBytes` (413 past it) and parsed (400 when it is not
 * an update). Only then does grammY handle it.
 */
export function createWebhookHandler(bot: Bot, options: WebhookHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const path = options.path ?? defaultWebhookPath;
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_UPDATE_BYTES;
  const secret = Buffer.from(options.secretToken, 'utf8');
  const callback = webhookCallback(bot, 'callback', {
    onTimeout: 'return',
    timeoutMilliseconds: options.timeoutMs ?? 9_000,
    secretToken: options.secretToken,
  });

  return async (req, res) => {
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== path) return false;
    const header = req.headers[SECRET_HEADER];
    if (typeof header !== 'string' || !sameSecret(Buffer.from(header, 'utf8'), secret)) {
      refuse(req, res, 401, 'the secret token is missing or wrong');
      return true;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      refuse(req, res, 413, `an update is at most ${maxBytes} bytes`);
      return true;
    }
    const body = await readAtMost(req, maxBytes);
    if (body === undefined) {
      refuse(req, res, 413, `an update is at most ${maxBytes} bytes`);
      return true;
    }
    const update = parseUpdate(body);
    if (!update) {
      refuse(req, res, 400, 'the body is not a Telegram update');
      return true;
    }
    let replied = false;
    await callback(update, (json: string) => {
      replied = true;
      res.writeHead(200, { 'content-type': 'application/json' }).end(json);
    }, header);
    if (!replied && !res.headersSent) res.writeHead(200).end();
    return true;
  };
}

function sameSecret(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Answers and closes the connection, so a client that keeps sending is not read from. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' }).end(`${message}\n`);
  req.resume();
  res.once('finish', () => req.destroy());
}

/** The body, or undefined as soon as it passes `maxBytes` (the rest is never buffered; the stream is left paused). */
function readAtMost(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (body: Buffer | undefined) => {
      req.off('data', onData).off('end', onEnd).off('error', reject);
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else {
        req.pause();
        done(undefined);
      }
    };
    const onEnd = () => done(Buffer.concat(chunks));
    req.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

function parseUpdate(body: Buffer): Update | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    const ok = typeof value === 'object' && value !== null && typeof (value as { update_id?: unknown }).update_id === 'number';
    return ok ? (value as Update) : undefined;
  } catch {
    return undefined;
  }
}
