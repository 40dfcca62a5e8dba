import type { IncomingMessage, ServerResponse } from 'node:http';
import { webhookCallback, type Bot } from 'grammy';

/** Where the app's HTTP server receives Telegram updates unless told otherwise. */
export const defaultWebhookPath = '/telegram/webhook';

/** Options of {@link createWebhookHandler}. */
export interface WebhookHandlerOptions {
  /** Path the updates are posted to. Default {@link defaultWebhookPath}. */
  path?: string;
  /** Compared with the X-Telegram-Bot-Api-Secret-Token header; a request without it gets 401. */
  secretToken?: string;
  /**
   * Longest time an update's handling may hold Telegram's request, in ms. Default 9000. After it the request
   * is answered 200 and the handling goes on, so Telegram does not post the same update again.
   */
  timeoutMs?: number;
}

/**
 * An HTTP route for Telegram's webhook: handles a POST to `path` (answering 401 when the secret token is
 * wrong) and returns true; returns false for any other request so the server can answer it.
 */
export function createWebhookHandler(
  bot: Bot,
  options: WebhookHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const path = options.path ?? defaultWebhookPath;
  const callback = webhookCallback(bot, 'http', {
    onTimeout: 'return',
    timeoutMilliseconds: options.timeoutMs ?? 9_000,
    ...(options.secretToken ? { secretToken: options.secretToken } : {}),
  });
  return async (req, res) => {
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== path) return false;
    await callback(req, res);
    return true;
  };
}
