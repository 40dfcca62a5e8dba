/**
 * A strict local fake of the Telegram Bot API: a real HTTP server that grammY's `Api`, `Bot` (long polling or
 * webhook) and @grammyjs/runner talk to unmodified, refusing what Telegram refuses with Telegram's error shapes.
 *
 * ```ts
 * const tg = await startFakeTelegram();
 * const chat = tg.addChat({ type: 'supergroup', title: 'Newsroom', isForum: true });
 * const bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot } }); // or TELEGRAM_API_ROOT=tg.apiRoot
 * tg.sendUserMessage({ chatId: chat, from: { id: 7 }, text: '/timeline astana' });
 * const [reply] = await tg.waitForBotReplies(chat);
 * await tg.close();
 * ```
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallbackQueryRecord, MethodContext, MethodHandler } from './context.js';
import { ApiError, notFound, serverErrorDescriptions, tooManyRequests, unauthorized } from './errors.js';
import { injectButtonPress, injectMigration, injectUserMessage, type ButtonPressInput, type UserMessageInput } from './inject.js';
import { botMethods } from './methods/bot.js';
import { chatMethods } from './methods/chats.js';
import { messageMethods } from './methods/messages.js';
import { photoMethods } from './methods/photos.js';
import { FileStore } from './files.js';
import { readParams } from './params.js';
import { createRateLimiter, defaultRateLimits, type RateLimits } from './rate-limit.js';
import { TelegramState, type ChatInput, type FakeMessage, type FakeUser, type MemberStatus, type UserInput } from './state.js';
import { UpdateQueue } from './updates.js';

export type { ChatInput, FakeMessage, FakeUser, MemberStatus, UserInput, UserMessageInput, ButtonPressInput, RateLimits };

/** Options of {@link startFakeTelegram}. */
export interface FakeTelegramOptions {
  /** The one token the server accepts. Default `123456789:AAFakeTokenForKazwireTests_0123456789`. */
  token?: string;
  /** The bot's username, without `@`. Default `kazwire_test_bot`. */
  botUsername?: string;
  /** Send limits; `false` turns them off. Default {@link defaultRateLimits}. */
  rateLimits?: Partial<RateLimits> | false;
  /** The clock, in ms, for rate limits and message dates. Default `Date.now`. */
  now?: () => number;
  /** Refuse unescaped `&` in HTML (stricter than Telegram, see html.ts). Default true. */
  strictAmpersands?: boolean;
  /** Id of the first update. Default 100000. */
  firstUpdateId?: number;
  /** Wait before posting an update again to a webhook that failed, in ms. Default 200. */
  webhookRetryMs?: number;
}

/** One API call the server answered. */
export interface FakeCall {
  method: string;
  params: Record<string, unknown>;
  /** HTTP status answered (200, 400, 429, 502...). */
  status: number;
  description?: string;
}

/** Options of {@link FakeTelegram.failNext}. */
export interface FailOptions {
  /** Methods that fail; default every method but getUpdates, so a polling bot does not swallow the failure. */
  methods?: string[];
  /** `retry_after` seconds when `status` is 429. Default 1. */
  retryAfter?: number;
  /** Answer JSON like the Bot API, or an HTML page like its nginx front. Default HTML for 502/504, else JSON. */
  body?: 'json' | 'html';
  /** The JSON `description`, e.g. `Bad Request: can't parse entities: ...` for a scripted 400. */
  description?: string;
}

/** A document a user sends, with an optional caption (`/feeds import`). */
export interface UserDocumentInput extends Omit<UserMessageInput, 'text' | 'document'> {
  fileName: string;
  content: string | Buffer;
  /** Default `application/octet-stream`. */
  mimeType?: string;
  caption?: string;
}

/** A running fake of the Telegram Bot API on 127.0.0.1. */
export interface FakeTelegram {
  /** Pass as grammY's `apiRoot` (or TELEGRAM_API_ROOT). */
  readonly apiRoot: string;
  readonly token: string;
  readonly bot: FakeUser;
  readonly state: TelegramState;
  /** How many 429 answers were served, from the rate limits and from failNext. */
  readonly tooManyRequestsServed: number;
  close(): Promise<void>;

  addChat(input: ChatInput): number;
  /** Adds a topic to a forum supergroup; returns its message_thread_id. */
  addTopic(chatId: number, name: string): number;
  /** `anonymous`: an administrator who posts as the group (only such admins can send as the group itself). */
  setMember(chatId: number, user: UserInput, status: MemberStatus, options?: { anonymous?: boolean }): void;
  kickBot(chatId: number): void;
  /** The user of a private chat blocks the bot. */
  blockBot(userId: number): void;
  /** Upgrades a basic group to a supergroup (posting the service messages); returns the new chat id. */
  migrateGroup(chatId: number, by?: UserInput): number;

  /** Every message of a chat (the bot's and users'), optionally of one topic, oldest first. */
  messages(chatId: number, threadId?: number): FakeMessage[];
  /** The bot's messages in a chat, oldest first. */
  botReplies(chatId: number): FakeMessage[];
  /** Resolves once the bot has at least `count` messages in the chat. Default timeout 5000 ms. */
  waitForBotReplies(chatId: number, count?: number, timeoutMs?: number): Promise<FakeMessage[]>;
  /** Every call answered, optionally of one method. */
  calls(method?: string): FakeCall[];
  /** Answers given to callback queries, by query id. */
  callbackAnswers(): CallbackQueryRecord[];
  /** Command lists set with setMyCommands, by scope key. */
  commandLists(): Map<string, Array<{ command: string; description: string }>>;

  sendUserMessage(input: UserMessageInput): number;
  /** A user sends a file (getFile and `GET /file/bot<token>/<path>` then serve it); returns the update id. */
  sendUserDocument(input: UserDocumentInput): number;
  /** How many file downloads were answered. */
  readonly fileDownloads: number;
  pressButton(input: ButtonPressInput): number;

  /** The next `n` calls (of `options.methods`) fail with `status`. */
  failNext(n: number, status?: number, options?: FailOptions): void;
  /** Every call fails with `status` (default 502) until turned off. */
  outage(on: boolean, status?: number): void;
  /** Delays every answer by `ms` (0 turns it off). */
  delayResponses(ms: number): void;
}


/** Starts the fake on 127.0.0.1 on a free port. */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const token = options.token ?? '123456789:AAFakeTokenForKazwireTests_0123456789';
  const now = options.now ?? Date.now;
  const nowSeconds = () => Math.floor(now() / 1000);
  const bot: FakeUser = {
    id: Number(token.split(':')[0]),
    is_bot: true,
    first_name: 'Kazwire',
    username: options.botUsername ?? 'kazwire_test_bot',
  };
  const state = new TelegramState(bot, nowSeconds);
  const updates = new UpdateQueue(options.firstUpdateId ?? 100_000, nowSeconds, options.webhookRetryMs ?? 200);
  const rateLimiter =
    options.rateLimits === false ? undefined : createRateLimiter({ ...defaultRateLimits, ...options.rateLimits });
  const commands = new Map<string, Array<{ command: string; description: string }>>();
  const callbackQueries = new Map<string, CallbackQueryRecord>();
  const callLog: FakeCall[] = [];
  const files = new FileStore();
  const methods: Map<string, MethodHandler> = new Map(
    Object.entries({ ...botMethods, ...chatMethods, ...messageMethods, ...photoMethods, ...files.methods }).map(([name, fn]) => [name.toLowerCase(), fn]),
  );
  let served429 = 0;
  let delayMs = 0;
  let outageStatus: number | undefined;
  let failures: { left: number; status: number; options: FailOptions } | undefined;

  /** The scripted failure this call gets, if any: an ApiError, or a status answered with an HTML page. */
  const failureFor = (method: string): ApiError | { htmlStatus: number } | undefined => {
    let status = outageStatus;
    let opts: FailOptions = {};
    if (status === undefined && failures && failures.left > 0) {
      const listed = failures.options.methods?.map((m) => m.toLowerCase());
      const applies = listed ? listed.includes(method.toLowerCase()) : method.toLowerCase() !== 'getupdates';
      if (applies) {
        failures.left--;
        status = failures.status;
        opts = failures.options;
      }
    }
    if (status === undefined) return undefined;
    if (status === 429) return tooManyRequests(opts.retryAfter ?? 1);
    const html = opts.body ? opts.body === 'html' : status === 502 || status === 504;
    if (html) return { htmlStatus: status };
    return new ApiError(status, opts.description ?? serverErrorDescriptions[status] ?? 'Internal Server Error');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/bot([^/]*)\/(?:test\/)?([A-Za-z]+)$/.exec(url.pathname);
    const method = match?.[2] ?? '';
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    let params: Record<string, unknown> = {};
    const answer = (status: number, body: ApiError | { ok: true; result: unknown } | 'html') => {
      const description = body instanceof ApiError ? body.description : body === 'html' ? 'Bad Gateway' : undefined;
      callLog.push({ method, params, status, ...(description ? { description } : {}) });
      if (status === 429) served429++;
      if (res.destroyed) return;
      if (body === 'html') {
        res.writeHead(status, { 'content-type': 'text/html' });
        res.end(`<html>\r\n<head><title>${status} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>${status} Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n`);
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body instanceof ApiError ? body.toJSON() : body));
    };
    try {
      const parsed = await readParams(req, url);
      params = parsed.raw;
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      if (!match) return answer(404, notFound());
      const failure = failureFor(method);
      if (failure instanceof ApiError) return answer(failure.code, failure);
      if (failure) return answer(failure.htmlStatus, 'html');
      if (match[1] !== token) return answer(401, unauthorized());
      const handler = methods.get(method.toLowerCase());
      if (!handler) return answer(404, notFound());
      const ctx: MethodContext = {
        params: parsed,
        state,
        updates,
        signal: abort.signal,
        now,
        rateLimiter,
        strictAmpersands: options.strictAmpersands ?? true,
        commands,
        callbackQueries,
      };
      const result = await handler(ctx);
      answer(200, { ok: true, result });
    } catch (err) {
      if (err instanceof ApiError) return answer(err.code, err);
      answer(500, new ApiError(500, `Internal Server Error: ${err instanceof Error ? err.message : String(err)}`));
    }
  };

  const server = createServer((req, res) => {
    if (!files.serve(req, res, token)) void handle(req, res);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    bot,
    state,
    get tooManyRequestsServed() {
      return served429;
    },
    async close() {
      updates.deleteWebhook();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    addChat: (input) => state.addChat(input),
    addTopic: (chatId, name) => state.addTopic(chatId, name),
    setMember: (chatId, user, status, memberOptions) => state.setMember(chatId, user, status, memberOptions),
    kickBot: (chatId) => state.setMember(chatId, bot, 'kicked'),
    blockBot(userId) {
      state.chat(userId).blockedBot = true;
    },
    migrateGroup(chatId, by = { id: 1 }) {
      const newId = state.migrateGroup(chatId);
      injectMigration(state, updates, chatId, newId, by);
      return newId;
    },
    messages: (chatId, threadId) => state.messages(chatId, threadId),
    botReplies: (chatId) => state.messages(chatId).filter((m) => m.fromBot),
    async waitForBotReplies(chatId, count = 1, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const replies = state.messages(chatId).filter((m) => m.fromBot);
        if (replies.length >= count) return replies;
        if (Date.now() > deadline) {
          throw new Error(`chat ${chatId}: expected ${count} bot messages within ${timeoutMs} ms, got ${replies.length}`);
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    calls: (method) => (method ? callLog.filter((c) => c.method === method) : [...callLog]),
    callbackAnswers: () => [...callbackQueries.values()],
    commandLists: () => new Map(commands),
    sendUserMessage: (input) => injectUserMessage(state, updates, input),
    sendUserDocument(input) {
      const { fileName, content, mimeType, caption, ...rest } = input;
      const file = files.add(fileName, Buffer.from(content), mimeType ?? 'application/octet-stream');
      return injectUserMessage(state, updates, { ...rest, text: caption ?? '', document: files.documentJson(file) });
    },
    get fileDownloads() {
      return files.downloads;
    },
    pressButton: (input) => injectButtonPress(state, updates, callbackQueries, input),
    failNext(n, status = 500, failOptions = {}) {
      failures = { left: n, status, options: failOptions };
    },
    outage(on, status = 502) {
      outageStatus = on ? status : undefined;
    },
    delayResponses(ms) {
      delayMs = ms;
    },
  };
}
