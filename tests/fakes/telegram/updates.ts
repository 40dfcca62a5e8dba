import { ApiError, badRequest } from './errors.js';

/** An update as delivered: `update_id` and exactly one payload field named by its type. */
export type Update = { update_id: number } & Record<string, unknown>;

/** Update types sent when a bot never chose (`allowed_updates` empty or never given), as in Telegram. */
const optInTypes = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

export interface WebhookState {
  url: string;
  secretToken?: string;
  maxConnections: number;
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

interface Waiter {
  wake(): void;
  conflict(): void;
}

/**
 * Pending updates and how they leave: long polling (getUpdates holds the request until an update arrives or
 * `timeout` passes; an update stays pending until a later call's `offset` confirms it) or a webhook.
 */
export class UpdateQueue {
  private pending: Array<{ id: number; type: string; update: Update }> = [];
  private nextId: number;
  private allowed: string[] | undefined;
  private waiter: Waiter | undefined;
  private delivering = false;
  webhook: WebhookState | undefined;

  constructor(
    firstUpdateId: number,
    private readonly nowSeconds: () => number,
    private readonly webhookRetryMs: number,
  ) {
    this.nextId = firstUpdateId;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  get allowedUpdates(): string[] | undefined {
    return this.allowed;
  }

  /** Queues an update and returns its id. */
  push(type: string, payload: Record<string, unknown>): number {
    const id = this.nextId++;
    this.pending.push({ id, type, update: { update_id: id, [type]: payload } });
    this.waiter?.wake();
    void this.deliver();
    return id;
  }

  setAllowed(types: string[] | undefined): void {
    if (types !== undefined) this.allowed = types.length > 0 ? types : undefined;
  }

  dropPending(): void {
    this.pending = [];
  }

  /** getUpdates: `offset` confirms, `limit` 1-100, `timeout` seconds; `signal` aborts when the client leaves. */
  async getUpdates(offset: number | undefined, limit: number, timeoutSeconds: number, signal: AbortSignal): Promise<Update[]> {
    if (this.webhook) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    if (limit < 1 || limit > 100) limit = 100;
    if (offset !== undefined && offset > 0) this.pending = this.pending.filter((p) => p.id >= offset);
    if (offset !== undefined && offset < 0) this.pending = this.pending.slice(offset);
    // A newer getUpdates ends the one waiting, as Telegram does when two instances poll one token.
    this.waiter?.conflict();
    this.waiter = undefined;

    const ready = () => {
      this.pending = this.pending.filter((p) => this.isAllowed(p.type));
      return this.pending.slice(0, limit).map((p) => p.update);
    };
    const now = ready();
    if (now.length > 0 || timeoutSeconds <= 0) return now;

    return await new Promise<Update[]>((resolve, reject) => {
      const finish = (result: () => void) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (this.waiter === waiter) this.waiter = undefined;
        result();
      };
      const waiter: Waiter = {
        wake: () => {
          const updates = ready();
          if (updates.length > 0) finish(() => resolve(updates));
        },
        conflict: () =>
          finish(() =>
            reject(new ApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running')),
          ),
      };
      const onAbort = () => finish(() => resolve([]));
      const timer = setTimeout(() => finish(() => resolve(ready())), timeoutSeconds * 1000);
      signal.addEventListener('abort', onAbort);
      this.waiter = waiter;
    });
  }

  setWebhook(url: string, secretToken: string | undefined, maxConnections: number): void {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest('bad webhook: Failed to resolve host: Name or service not known');
    }
    // Telegram wants HTTPS; plain HTTP is allowed to loopback only, so the bot's own webhook can be tested here.
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
      throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
    }
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
      throw badRequest('secret token contains unallowed characters');
    }
    this.webhook = { url, ...(secretToken ? { secretToken } : {}), maxConnections };
    this.waiter?.conflict();
    void this.deliver();
  }

  deleteWebhook(): void {
    this.webhook = undefined;
  }

  private isAllowed(type: string): boolean {
    return this.allowed ? this.allowed.includes(type) : !optInTypes.has(type);
  }

  /** Posts pending updates to the webhook one at a time; a failed post is retried after `webhookRetryMs`. */
  private async deliver(): Promise<void> {
    if (this.delivering) return;
    this.delivering = true;
    try {
      while (this.webhook && this.pending.length > 0) {
        const hook = this.webhook;
        const next = this.pending[0];
        if (!next) break;
        if (!this.isAllowed(next.type)) {
          this.pending.shift();
          continue;
        }
        const error = await postUpdate(hook, next.update);
        if (error === undefined) {
          if (this.pending[0] === next) this.pending.shift();
          continue;
        }
        hook.lastErrorDate = this.nowSeconds();
        hook.lastErrorMessage = error;
        await new Promise((r) => setTimeout(r, this.webhookRetryMs));
      }
    } finally {
      this.delivering = false;
    }
  }
}

async function postUpdate(hook: WebhookState, update: Update): Promise<string | undefined> {
  try {
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(hook.secretToken ? { 'x-telegram-bot-api-secret-token': hook.secretToken } : {}),
      },
      body: JSON.stringify(update),
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    return res.ok ? undefined : `Wrong response from the webhook: ${res.status} ${res.statusText}`;
  } catch (err) {
    return `Connection refused: ${err instanceof Error ? err.message : String(err)}`;
  }
}
