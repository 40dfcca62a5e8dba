import { KazwireError, TellUserError, errorMessage, type UserMessageKey } from '../errors.js';
import { isMessageKey } from '../i18n/catalogue.js';
import type { Language } from '../i18n/languages.js';
import { pickLanguage } from '../i18n/languages.js';
import { translator, type Translator } from '../i18n/translator.js';
import { silentLogger, type Logger } from '../log.js';
import { commandsHandled } from '../metrics.js';
import type { Destination } from '../delivery/core/types.js';
import { wordsToOptions } from './parse-args.js';
import type { CommandRateLimiter } from './rate-limit.js';
import type { CommandRegistry } from './registry.js';
import { privateReply, type Reply } from './reply.js';
import type { CommandServices } from './services.js';
import type { Caller, Command, Permission } from './command.js';
import { describeIssues, usageLine } from './usage.js';

export interface DispatchOptions {
  /** Per-user limit, checked before anything else. Default: none (the terminal needs none). */
  rateLimiter?: CommandRateLimiter;
  /** Default `silentLogger`. */
  log?: Logger;
  /** Clock for commands. Default `() => new Date()`. */
  now?: () => Date;
}

/**
 * The language a caller is answered in, in a destination: the chat's own (/language), else the caller's hints,
 * else English. A chat language that cannot be read (Redis away) is not a reason to refuse: hints apply.
 */
export async function replyLanguage(caller: Caller, destination: Destination | undefined, services: CommandServices, log: Logger = silentLogger): Promise<Language> {
  const chosen = destination
    ? await services.languages.get(destination).catch((err: unknown) => {
        log.warn({ platform: destination.platform, chatId: destination.chatId, err: errorMessage(err) }, 'chat language unreadable; using the reader hints');
        return undefined;
      })
    : undefined;
  return pickLanguage(chosen, caller.languageHints);
}

/**
 * Runs one command for one caller and always answers with a Reply, except for a flooding user who was
 * already told to slow down: then `null`, and the adapter says nothing.
 *
 * `rawArgs` is the option map from a platform that types options (Discord), or the words typed after the
 * command (Telegram, terminal), which fill options in order (see `wordsToOptions`).
 * Refusals, argument errors and failures are private replies that say what to do next, in the reader's language
 * (see `replyLanguage`), which the reply carries in `language`.
 */
export async function runCommand(
  command: Command,
  rawArgs: Record<string, unknown> | readonly string[],
  caller: Caller,
  destination: Destination | undefined,
  services: CommandServices,
  options: DispatchOptions = {},
): Promise<Reply | null> {
  const log = options.log ?? silentLogger;
  const count = (outcome: string) => commandsHandled.inc({ platform: caller.platform, command: command.name, outcome });

  if (options.rateLimiter) {
    const verdict = await options.rateLimiter.check(caller.platform, caller.userId);
    if (verdict.kind !== 'allow') {
      count('rate_limited');
      if (verdict.kind === 'silent') return null;
      const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
      const t = translator(await replyLanguage(caller, destination, services, log));
      return inLanguage(t, privateReply(t.t('dispatch.rateLimited', { seconds })));
    }
  }

  const t = translator(await replyLanguage(caller, destination, services, log));
  if (!permitted(command.permission, caller)) {
    count('refused');
    return inLanguage(t, privateReply(permissionRefusal(command, t)));
  }

  const raw = Array.isArray(rawArgs) ? wordsToOptions(rawArgs as readonly string[], command.options) : rawArgs;
  const parsed = command.schema.safeParse(raw);
  if (!parsed.success) {
    count('refused');
    return inLanguage(t, argumentRefusal(command, describeIssues(parsed.error, t), t));
  }

  try {
    const reply = await command.run({
      args: parsed.data,
      caller,
      destination,
      services,
      now: options.now ?? (() => new Date()),
      t,
    });
    count('ok');
    return inLanguage(t, reply);
  } catch (err) {
    // The error says what to do next: `tell-user` errors carry the sentence for the user; the rest are ours.
    if (err instanceof KazwireError && err.action === 'tell-user') {
      count('refused');
      const local = err instanceof TellUserError ? err.local : undefined;
      const text = local ? (sayUserMessage(t, local) ?? err.message) : err.message;
      return inLanguage(t, privateReply(text));
    }
    count('error');
    const failure = err instanceof KazwireError ? { kind: err.kind, action: err.action } : {};
    log.error({ command: command.name, platform: caller.platform, userId: caller.userId, err, ...failure }, 'command failed');
    return inLanguage(t, privateReply(t.t('dispatch.failed')));
  }
}

/**
 * Runs the stored query behind a paging token at another page (a "next page" button).
 * An expired token gets a private reply asking to run the command again.
 */
export async function runPage(
  registry: CommandRegistry,
  token: string,
  page: number,
  caller: Caller,
  destination: Destination | undefined,
  services: CommandServices,
  options: DispatchOptions = {},
): Promise<Reply | null> {
  const log = options.log ?? silentLogger;
  const state = await services.pages.load(token).catch((err: unknown) => {
    log.warn({ token, err: errorMessage(err) }, 'page state unreadable');
    return undefined;
  });
  const command = state ? registry.get(state.command) : undefined;
  if (!state || !command) {
    const t = translator(await replyLanguage(caller, destination, services, log));
    return inLanguage(t, privateReply(t.t('dispatch.pagesExpired')));
  }
  return runCommand(command, { ...state.args, page }, caller, destination, services, options);
}

/** The reply marked with the language it was written in, unless the command chose another (/language). */
function inLanguage(t: Translator, reply: Reply): Reply {
  return reply.language ? reply : { ...reply, language: t.language };
}

/** A catalogue message of an error in the reader's words, with its listed messages too; undefined when a key is unknown. */
function sayUserMessage(t: Translator, message: UserMessageKey): string | undefined {
  if (!isMessageKey(message.key)) return undefined;
  const lists: Record<string, string> = {};
  for (const [name, items] of Object.entries(message.lists ?? {})) {
    const said = items.map((item) => sayUserMessage(t, item));
    if (said.some((s) => s === undefined)) return undefined;
    lists[name] = said.join('; ');
  }
  return t.t(message.key, { ...message.values, ...lists });
}

function permitted(permission: Permission, caller: Caller): boolean {
  if (permission === 'everyone') return true;
  if (permission === 'owner') return caller.isOwner;
  return caller.isChannelAdmin || caller.isOwner;
}

function permissionRefusal(command: Command, t: Translator): string {
  return t.t(command.permission === 'owner' ? 'dispatch.ownersOnly' : 'dispatch.managersOnly', { command: command.name });
}

function argumentRefusal(command: Command, problems: string[], t: Translator): Reply {
  return privateReply(problems.join('\n'), [
    { kind: 'fields', fields: [{ name: t.t('usage.usage'), value: usageLine(command, t) }] },
    ...(command.examples.length > 0
      ? [{ kind: 'fields' as const, fields: [{ name: t.t('usage.examples'), value: command.examples.join('\n') }] }]
      : []),
  ]);
}
