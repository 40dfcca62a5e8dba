import { KazwireError, errorMessage } from '../errors.js';
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
 * Runs one command for one caller and always answers with a Reply, except for a flooding user who was
 * already told to slow down: then `null`, and the adapter says nothing.
 *
 * `rawArgs` is the option map from a platform that types options (Discord), or the words typed after the
 * command (Telegram, terminal), which fill options in order (see `wordsToOptions`).
 * Refusals, argument errors and failures are private replies that say what to do next.
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
      return privateReply(`You are sending commands faster than I can answer. Please wait ${seconds} s and try again.`);
    }
  }

  if (!permitted(command.permission, caller)) {
    count('refused');
    return privateReply(permissionRefusal(command));
  }

  const raw = Array.isArray(rawArgs) ? wordsToOptions(rawArgs as readonly string[], command.options) : rawArgs;
  const parsed = command.schema.safeParse(raw);
  if (!parsed.success) {
    count('refused');
    return argumentRefusal(command, describeIssues(parsed.error));
  }

  try {
    const reply = await command.run({
      args: parsed.data,
      caller,
      destination,
      services,
      now: options.now ?? (() => new Date()),
    });
    count('ok');
    return reply;
  } catch (err) {
    // The error says what to do next: `tell-user` errors carry the sentence for the user; the rest are ours.
    if (err instanceof KazwireError && err.action === 'tell-user') {
      count('refused');
      return privateReply(err.message);
    }
    count('error');
    const failure = err instanceof KazwireError ? { kind: err.kind, action: err.action } : {};
    log.error({ command: command.name, platform: caller.platform, userId: caller.userId, err, ...failure }, 'command failed');
    return privateReply('Something went wrong on our side. Please try again in a minute.');
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
  const state = await services.pages.load(token).catch((err: unknown) => {
    (options.log ?? silentLogger).warn({ token, err: errorMessage(err) }, 'page state unreadable');
    return undefined;
  });
  const command = state ? registry.get(state.command) : undefined;
  if (!state || !command) return privateReply('These results have expired. Please run the command again.');
  return runCommand(command, { ...state.args, page }, caller, destination, services, options);
}

function permitted(permission: Permission, caller: Caller): boolean {
  if (permission === 'everyone') return true;
  if (permission === 'owner') return caller.isOwner;
  return caller.isChannelAdmin || caller.isOwner;
}

function permissionRefusal(command: Command): string {
  return command.permission === 'owner'
    ? `Only the bot's owners can use /${command.name}.`
    : `You need permission to manage this channel to use /${command.name}.`;
}

function argumentRefusal(command: Command, problems: string[]): Reply {
  return privateReply(problems.join('\n'), [
    { kind: 'fields', fields: [{ name: 'Usage', value: usageLine(command) }] },
    ...(command.examples.length > 0
      ? [{ kind: 'fields' as const, fields: [{ name: 'Examples', value: command.examples.join('\n') }] }]
      : []),
  ]);
}
