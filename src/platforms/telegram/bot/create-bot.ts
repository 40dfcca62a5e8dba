import type { IncomingMessage, ServerResponse } from 'node:http';
import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { Bot, BotError, GrammyError, HttpError, type Transformer } from 'grammy';
import { createCommandRateLimiter } from '../../../commands/rate-limit.js';
import type { CommandAdapterOptions } from '../../../commands/adapter-options.js';
import { createCommandRegistry } from '../../../commands/registry.js';
import { errorMessage } from '../../../errors.js';
import { languages } from '../../../i18n/languages.js';
import { translator } from '../../../i18n/translator.js';
import { silentLogger, type Logger } from '../../../log.js';
import { createAdminCheck } from './admin-check.js';
import { createCommandHandler } from './command-handler.js';
import { telegramCommandMenu } from './command-menu.js';
import { createDocumentHandler } from './document-handler.js';
import { createPageHandler } from './page-handler.js';
import { createWebhookHandler, defaultWebhookPath } from './webhook.js';

/** Options of {@link createTelegramBot}. */
export interface TelegramBotOptions extends CommandAdapterOptions {
  /** The bot token from BotFather. */
  token: string;
  /** Root of the Bot API (TELEGRAM_API_ROOT), e.g. `https://api.telegram.org`. */
  apiRoot: string;
  /** Public HTTPS address Telegram posts updates to (TELEGRAM_WEBHOOK_URL). Absent: long polling. */
  webhookUrl?: string;
  /**
   * Secret Telegram sends with each webhook request (TELEGRAM_WEBHOOK_SECRET, or one generated and kept in Redis);
   * `A-Z a-z 0-9 _ -`, 1-256. Required with `webhookUrl`: updates without it are refused.
   */
  webhookSecret?: string;
  /** Largest webhook body read, in bytes; longer gets 413. Default 256 KiB. */
  maxWebhookBodyBytes?: number;
  /** Largest file sent with a command (a document captioned `/feeds import`) that is read, in bytes. Default 5 MiB. */
  maxFileBytes?: number;
  /** Path of the webhook on the app's HTTP server. Default `/telegram/webhook`. */
  webhookPath?: string;
  /** How long getChatMember answers are remembered, in ms. Defaults: 60 000 for admins, 10 000 for others. */
  adminCacheMs?: { admin?: number; notAdmin?: number };
  /** Long-polling wait per getUpdates, in seconds. Default 30. */
  pollingTimeoutSeconds?: number;
  /**
   * Called when long polling stops by itself: Telegram refused the token (401) or another process polls with
   * it or a webhook was set (409). Default: only logged. The role may exit so a supervisor restarts it.
   */
  onPollingStopped?: (err: unknown) => void;
  /**
   * Told how the Bot API answers the bot's own calls (getUpdates, replies): `up: false` when it cannot be reached
   * (network, 5xx) or refuses the token or the polling (401, 409), `up: true` once a call gets through again.
   */
  onConnection?: (up: boolean, detail: string) => void;
}

/** The Telegram command adapter, started and stopped by the telegram role. */
export interface TelegramBot {
  /**
   * Registers the command menus (the default and one per language), then sets the webhook, or deletes it and
   * starts long polling. Throws when the Bot API cannot be reached; may be called again (also after polling stopped).
   */
  start(): Promise<void>;
  /** Stops long polling after the updates in hand are handled. A webhook stays set for the next start. */
  stop(): Promise<void>;
  /** Present when `webhookUrl` is set: mount on the app's HTTP server; true when the request was Telegram's. */
  handleWebhook?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

/** Updates the bot asks for: commands in private chats and groups (also as a document's caption), and paging button presses. */
const allowedUpdates = ['message', 'callback_query'] as const;

/**
 * Builds the Telegram command adapter on grammY: every neutral command as `/name` (also `/name@bot` in
 * groups; commands addressed to another bot are left alone), `/start` as /help, Previous/Next buttons on
 * paged replies, admin checks for manage-channel commands, and errors logged instead of stopping the bot.
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const log = (options.logger ?? silentLogger).child({ module: 'telegram-bot' });
  const registry = createCommandRegistry(options.commands);
  const bot = new Bot(options.token, { client: { apiRoot: options.apiRoot } });
  if (options.onConnection) bot.api.config.use(watchConnection(options.onConnection));
  const admins = createAdminCheck({
    api: bot.api,
    ...(options.adminCacheMs?.admin !== undefined ? { adminTtlMs: options.adminCacheMs.admin } : {}),
    ...(options.adminCacheMs?.notAdmin !== undefined ? { notAdminTtlMs: options.adminCacheMs.notAdmin } : {}),
  });
  const shared = {
    services: options.services,
    rateLimiter: createCommandRateLimiter(options.redis, options.keys, options.rateLimit),
    admins,
    ownerIds: new Set(options.ownerIds.map((id) => id.trim()).filter(Boolean)),
    log,
    ...(options.now ? { now: options.now } : {}),
  };
  const handleCommand = createCommandHandler(shared);
  const handlePage = createPageHandler({ ...shared, registry });

  // The runner handles updates concurrently; within one chat, commands are answered in the order they were sent
  // (a /subscribe then /unsubscribe must not swap).
  bot.use(sequentialize((ctx) => (ctx.chat ? String(ctx.chat.id) : undefined)));
  for (const command of registry.list()) bot.command(command.name, (ctx) => handleCommand(command, ctx));
  const help = registry.get('help');
  if (help && !registry.get('start')) bot.command('start', (ctx) => handleCommand(help, ctx));
  const handleDocument = createDocumentHandler({
    registry,
    handleCommand,
    apiRoot: options.apiRoot,
    token: options.token,
    maxFileBytes: options.maxFileBytes ?? 5 * 1024 * 1024,
  });
  bot.on('message:document', (ctx) => handleDocument(ctx));
  bot.on('callback_query:data', (ctx) => handlePage(ctx));
  bot.catch((err: BotError) => logUpdateError(log, err));

  let runner: RunnerHandle | undefined;
  const webhookUrl = options.webhookUrl;
  const webhookSecret = options.webhookSecret;
  if (webhookUrl && !webhookSecret) throw new Error('a Telegram webhook needs a secret token: pass webhookSecret');

  return {
    async start() {
      if (runner?.isRunning()) return;
      await bot.init();
      // The default menu in English, and one per language Telegram may report for a user (`language_code`).
      await bot.api.setMyCommands(telegramCommandMenu(registry.list()));
      for (const language of languages) {
        await bot.api.setMyCommands(telegramCommandMenu(registry.list(), translator(language)), { language_code: language });
      }
      if (webhookUrl) {
        await bot.api.setWebhook(webhookUrl, {
          allowed_updates: [...allowedUpdates],
          secret_token: webhookSecret,
        });
        log.info({ username: bot.botInfo.username, webhookPath: options.webhookPath ?? defaultWebhookPath }, 'telegram bot receiving updates by webhook');
        return;
      }
      // A webhook left by an earlier deployment would make every getUpdates fail with 409.
      await bot.api.deleteWebhook({ drop_pending_updates: false });
      runner = run(bot, {
        // silent: the runner would print fetch retries with console.error; onConnection says when the Bot API is
        // unreachable instead, and a polling stop is logged below. Quadratic: retries 100 ms, 200 ms, 300 ms… apart,
        // not doubling, so polling resumes soon after a long outage ends.
        runner: {
          silent: true,
          retryInterval: 'quadratic',
          fetch: { timeout: options.pollingTimeoutSeconds ?? 30, allowed_updates: [...allowedUpdates] },
        },
      });
      const polling = runner;
      polling.task()?.catch((err: unknown) => {
        if (runner === polling) runner = undefined;
        const code = err instanceof GrammyError ? err.error_code : undefined;
        log.error({ errorCode: code, err: errorMessage(err) }, pollingStoppedMessage(code));
        options.onPollingStopped?.(err);
      });
      log.info({ username: bot.botInfo.username }, 'telegram bot long polling');
    },
    async stop() {
      const handle = runner;
      runner = undefined;
      if (handle?.isRunning()) await handle.stop();
    },
    ...(webhookUrl && webhookSecret
      ? {
          handleWebhook: createWebhookHandler(bot, {
            secretToken: webhookSecret,
            ...(options.webhookPath ? { path: options.webhookPath } : {}),
            ...(options.maxWebhookBodyBytes ? { maxBodyBytes: options.maxWebhookBodyBytes } : {}),
          }),
        }
      : {}),
  };
}

/** A grammY API transformer telling `report` whether the Bot API answers (any 2xx-4xx but 401/409) or not. */
function watchConnection(report: (up: boolean, detail: string) => void): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const answer = await prev(method, payload, signal);
      const code = answer.ok ? 200 : answer.error_code;
      if (code >= 500 || code === 401 || code === 409) report(false, `${method}: ${code} ${answer.ok ? '' : answer.description}`.trim());
      else report(true, method === 'getUpdates' ? 'long polling' : 'answering');
      return answer;
    } catch (err) {
      if (!signal?.aborted) report(false, `${method}: ${errorMessage(err)}`);
      throw err;
    }
  };
}

function pollingStoppedMessage(code: number | undefined): string {
  if (code === 409) {
    return 'telegram long polling stopped: another process is polling with this token, or a webhook was set; run one telegram role per token';
  }
  if (code === 401) return 'telegram long polling stopped: the token was refused; check TELEGRAM_BOT_TOKEN';
  return 'telegram long polling stopped';
}

/** One update failed: logged with what Telegram said, never thrown (the runner would stop). */
function logUpdateError(log: Logger, err: BotError): void {
  const { error, ctx } = err;
  const fields = {
    updateId: ctx.update.update_id,
    chatId: ctx.chat?.id,
    userId: ctx.from?.id,
    ...(error instanceof GrammyError ? { method: error.method, errorCode: error.error_code, description: error.description } : {}),
    ...(error instanceof HttpError ? { network: errorMessage(error.error) } : {}),
    err: errorMessage(error),
  };
  log.error(fields, 'telegram update failed');
}
