import { z } from 'zod';
import type { PlatformName } from '../delivery/core/platform.js';
import type { Destination } from '../delivery/core/types.js';
import type { MessageKey } from '../i18n/catalogue.js';
import type { MessageValues, Translator } from '../i18n/translator.js';
import type { OptionDeclaration, OptionSpec, UserText } from './options.js';
import { problem } from './problems.js';
import type { Reply } from './reply.js';
import type { CommandServices } from './services.js';

/** Who may run a command: anyone, channel managers (Discord Manage Channels, Telegram chat admins), or owners. */
export type Permission = 'everyone' | 'manage-channel' | 'owner';

export interface Caller {
  /** The registered platform the command came from (`console` for the terminal). */
  platform: PlatformName;
  userId: string;
  displayName?: string;
  /** May manage this channel's subscriptions. */
  isChannelAdmin: boolean;
  /** Listed in OWNER_IDS (or the local terminal). */
  isOwner: boolean;
  /**
   * The languages the platform says this reader uses, most telling first (Discord: the user's locale, then the
   * server's; Telegram: the user's `language_code`, in private chats only). A chat's own language (/language)
   * comes before them; English when none is spoken by Kazwire. Default: none.
   */
  languageHints?: readonly (string | undefined)[];
}

export interface CommandContext<A> {
  args: A;
  caller: Caller;
  /** The chat (and thread) the command was sent from; absent from the terminal when no chat applies. */
  destination?: Destination;
  services: CommandServices;
  now: () => Date;
  /** The reader's language: every word of the reply comes from it. */
  t: Translator;
}

/**
 * A platform-neutral command, as adapters and the dispatcher see it. `options` describe the arguments for the
 * platforms and usage text; `schema` parses the raw option map (option name -> value) into typed arguments with
 * messages meant for users. Both are made by {@link defineCommand} from one declaration of each option.
 */
export interface Command<A = Record<string, unknown>> {
  /** Lower-case, `[a-z0-9_]`, at most 32 characters. */
  name: string;
  /** At most 100 characters. */
  description: UserText;
  options: readonly OptionSpec[];
  schema: z.ZodType<A>;
  permission: Permission;
  /** Full command lines, e.g. `/timeline tokayev 30`. */
  examples: readonly string[];
  run(ctx: CommandContext<A>): Promise<Reply>;
}

/** A command's options, each declared once, in the order users type them; the key is the option's name. */
export type OptionDeclarations = Record<string, OptionDeclaration<unknown>>;

/** The arguments a command's options parse into. */
export type ArgsOf<O extends OptionDeclarations> = { [K in keyof O]: O[K] extends OptionDeclaration<infer T> ? T : never };

/** A command as written in `commands/`: each option once, with the checks that span several options. */
export interface CommandDeclaration<O extends OptionDeclarations> extends Omit<Command<ArgsOf<O>>, 'options' | 'schema'> {
  options: O;
  /** Checks across options, after each was read: call `problem(option, key, values)` for each problem found. */
  check?(args: ArgsOf<O>, problem: (option: keyof O & string, key: MessageKey, values?: MessageValues) => void): void;
}

/** Declares a command: its options' platform specs and its argument parser, both from one declaration. */
export function defineCommand<O extends OptionDeclarations>(declaration: CommandDeclaration<O>): Command<ArgsOf<O>> {
  const { options, check, ...command } = declaration;
  const entries = Object.entries(options);
  const object = z.object(Object.fromEntries(entries.map(([name, o]) => [name, o.schema])));
  const schema = check
    ? object.superRefine((args, ctx) =>
        check(args as ArgsOf<O>, (option, key, values) => ctx.addIssue({ code: 'custom', path: [option], message: problem(key, values) })),
      )
    : object;
  return {
    ...command,
    options: entries.map(([name, o]) => ({ name, ...o.spec })),
    schema: schema as unknown as z.ZodType<ArgsOf<O>>,
  };
}
