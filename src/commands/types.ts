import type { z } from 'zod';
import type { Destination } from '../delivery/core/types.js';
import type { Reply } from './reply.js';
import type { CommandServices } from './services.js';

export type OptionType = 'string' | 'integer' | 'boolean';

/** What an adapter should suggest while the user types (Discord autocomplete; Telegram ignores it). */
export type AutocompleteSource = 'actor' | 'topic' | 'actor-or-topic';

/**
 * One option of a command, in the order users type them. It maps one-to-one onto a Discord application
 * command option (`min`/`max` become min_value/max_value for integers, min_length/max_length for strings)
 * and onto a positional word of a Telegram text command.
 */
export interface OptionSpec {
  /** Lower-case, `[a-z0-9_]`, at most 32 characters; the key of the raw option map. */
  name: string;
  /** At most 100 characters. */
  description: string;
  type: OptionType;
  required: boolean;
  /** The only accepted values, when the option is a fixed choice. */
  choices?: readonly string[];
  autocomplete?: AutocompleteSource;
  /** Integer: smallest value. String: shortest length. */
  min?: number;
  /** Integer: largest value. String: longest length. */
  max?: number;
  /** Shown in usage and help, e.g. `7` for days. Informational: the schema applies the real default. */
  default?: string | number | boolean;
  /**
   * Not offered in command menus and never filled by position, only by name (`page=2`) or by a paging
   * token. Default false.
   */
  hidden?: boolean;
}

/** Who may run a command: anyone, channel managers (Discord Manage Channels, Telegram chat admins), or owners. */
export type Permission = 'everyone' | 'manage-channel' | 'owner';

export type CallerPlatform = 'discord' | 'telegram' | 'terminal';

export interface Caller {
  platform: CallerPlatform;
  userId: string;
  displayName?: string;
  /** May manage this channel's subscriptions. */
  isChannelAdmin: boolean;
  /** Listed in OWNER_IDS (or the local terminal). */
  isOwner: boolean;
}

export interface CommandContext<A> {
  args: A;
  caller: Caller;
  /** The chat (and thread) the command was sent from; absent from the terminal when no chat applies. */
  destination?: Destination;
  services: CommandServices;
  now: () => Date;
}

/**
 * A platform-neutral command. `options` describe the arguments for adapters and usage text; `schema`
 * parses the raw option map (option name -> value) into typed arguments with messages meant for users.
 * Every option name must be a key of the schema and the other way round (checked by the registry).
 */
export interface Command<O extends z.ZodObject = z.ZodObject> {
  /** Lower-case, `[a-z0-9_]`, at most 32 characters. */
  name: string;
  /** At most 100 characters. */
  description: string;
  options: readonly OptionSpec[];
  schema: O;
  permission: Permission;
  /** Full command lines, e.g. `/timeline tokayev 30`. */
  examples: readonly string[];
  run(ctx: CommandContext<z.infer<O>>): Promise<Reply>;
}

/** Declares a command with its argument types inferred from the schema. */
export function defineCommand<O extends z.ZodObject>(command: Command<O>): Command<O> {
  return command;
}
