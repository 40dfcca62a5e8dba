import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import type { Keys } from '../redis/keys.js';
import type { CommandRateLimitOptions } from './rate-limit.js';
import type { CommandServices } from './services.js';
import type { Command } from './command.js';

/** What every platform's command adapter (Discord, Telegram) is given; each adds its own connection options. */
export interface CommandAdapterOptions {
  /** The neutral commands: the same list is registered with the platform and answered. */
  commands: readonly Command[];
  services: CommandServices;
  /** For the per-user command rate limit (and what the adapter keeps in Redis). */
  redis: Redis;
  keys: Keys;
  /** The platform's user ids of the bot's owners (OWNER_IDS). */
  ownerIds: readonly string[];
  /** Default `silentLogger`. */
  logger?: Logger;
  /** Per-user command limit. Default 10 commands a minute. */
  rateLimit?: CommandRateLimitOptions;
  /** Clock for commands. Default `() => new Date()`. */
  now?: () => Date;
}
