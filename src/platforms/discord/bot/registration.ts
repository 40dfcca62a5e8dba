import { createHash } from 'node:crypto';
import { Routes, type REST } from 'discord.js';
import type { Redis } from 'ioredis';
import type { Command } from '../../../commands/command.js';
import type { Logger } from '../../../log.js';
import type { Keys } from '../../../redis/keys.js';
import { slashCommandsJson } from './command-json.js';

/** Options of {@link registerSlashCommands}. */
export interface RegisterOptions {
  rest: Pick<REST, 'put'>;
  applicationId: string;
  /** Register in this guild only (appears at once; for development). Absent: global commands. */
  guildId?: string;
  commands: readonly Command[];
  redis: Redis;
  keys: Keys;
  log: Logger;
}

/** What registration did: `skipped` when Discord already has exactly this command set. */
export type RegisterOutcome = 'registered' | 'skipped';

/**
 * Registers the commands with one bulk overwrite (`PUT …/commands`), skipped when the JSON hashes to what was
 * registered last time for this scope. Global command writes are rate-limited hard by Discord (about 200 a day),
 * and every restart of every replica would otherwise spend one.
 *
 * The hash is stored only after Discord accepted the overwrite, so a failed registration is retried at the next
 * start. A command set changed by hand in the Developer Portal is not noticed: delete the hash key to force one.
 */
export async function registerSlashCommands(options: RegisterOptions): Promise<RegisterOutcome> {
  const { rest, applicationId, guildId, redis, keys, log } = options;
  const body = slashCommandsJson(options.commands);
  const scope = guildId ?? 'global';
  const hash = createHash('sha256').update(JSON.stringify({ applicationId, body })).digest('hex');
  const key = keys.discordCommandsHash(scope);
  if ((await redis.get(key)) === hash) {
    log.info({ scope, commands: body.length }, 'discord commands unchanged; registration skipped');
    return 'skipped';
  }
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  await rest.put(route, { body });
  await redis.set(key, hash);
  log.info({ scope, commands: body.length }, 'discord commands registered');
  return 'registered';
}
