/**
 * Runs one bot command from the terminal, as the owner of a console channel, and prints the answer:
 *   npm run ask -- "/who tokayev"
 *   npm run ask -- "/timeline Токаев 30"
 *   npm run ask -- "/subscribe topic=tokayev keywords=fuel mode=digest"
 * Words after the command fill its options in order, like Telegram; `name=value` sets one by name.
 */
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { commandList } from '../../commands/index.js';
import { ConfigError } from '../config/env.js';
import { loadEnvironment } from '../config/load.js';
import type { Destination } from '../delivery/core/types.js';
import { runCommand } from '../commands/dispatch.js';
import { parseCommandLine } from '../commands/parse-args.js';
import { createCommandRegistry, type CommandRegistry } from '../commands/registry.js';
import { renderReplyText } from '../commands/render-text.js';
import type { CommandServices } from '../commands/services.js';
import { createCommandServices } from '../app/command-services.js';
import type { Caller } from '../commands/command.js';
import { silentLogger, type Logger } from '../log.js';
import { connectRedis } from '../redis/connection.js';
import { deploymentKeys } from '../redis/keys.js';

/** Where terminal subscriptions deliver: the console sender. */
export const TERMINAL_DESTINATION: Destination = { platform: 'console', chatId: 'stdout' };

/** The terminal user may do everything: it already has the server. */
export function terminalCaller(name = safeUserName()): Caller {
  return { platform: 'console', userId: 'terminal', displayName: name, isChannelAdmin: true, isOwner: true };
}

export interface AskDeps {
  registry: CommandRegistry;
  services: CommandServices;
  /** Default `silentLogger`. */
  log?: Logger;
  now?: () => Date;
}

/** Runs one command line and returns what to print and the exit code (0 answered, 2 not a known command). */
export async function ask(text: string, deps: AskDeps): Promise<{ output: string; exitCode: number }> {
  const parsed = parseCommandLine(text);
  const command = parsed ? deps.registry.get(parsed.name) : undefined;
  if (!parsed || !command) {
    const names = deps.registry.list().map((c) => '/' + c.name).join(', ');
    const what = parsed ? `Unknown command /${parsed.name}.` : 'Give a command, e.g. "/who tokayev".';
    return { output: `${what} Commands: ${names}. Try /help.\n`, exitCode: 2 };
  }
  const reply = await runCommand(command, parsed.words, terminalCaller(), TERMINAL_DESTINATION, deps.services, {
    log: deps.log ?? silentLogger,
    ...(deps.now ? { now: deps.now } : {}),
  });
  return { output: reply ? renderReplyText(reply) : '', exitCode: 0 };
}

async function main(argv: string[]): Promise<number> {
  const { config } = loadEnvironment(process.env);
  // Logs go to stderr so that the answer on stdout stays readable.
  const log = pino({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL }, pino.destination(2));
  const redis = connectRedis(config, 'client');
  const handle = createCommandServices({ config, redis, keys: deploymentKeys(config), log });
  try {
    const { output, exitCode } = await ask(argv.join(' '), {
      registry: createCommandRegistry(commandList),
      services: handle.services,
      log,
    });
    process.stdout.write(output);
    return exitCode;
  } finally {
    await handle.close();
    await redis.quit().catch(() => redis.disconnect());
  }
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'terminal';
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof ConfigError ? err.message : err);
      process.exit(err instanceof ConfigError ? 2 : 1);
    },
  );
}
