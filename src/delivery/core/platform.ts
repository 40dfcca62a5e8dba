/**
 * What the core knows of a platform is what it can ask its descriptor: a name, rate limits, which chat ids are
 * the platform's and which chats are groups, and how many stories fit in one message. Each platform folder
 * exports one (`src/platforms/<name>/platform.ts`), its sender carries it, and the composition root registers
 * the list (src/app/platforms.ts): no platform name or limit is written in the core.
 */

/** A platform's name as destination keys, job ids, metrics and Redis keys spell it: `discord`, `telegram`... */
export type PlatformName = string;

/** A rate: `capacity` messages at once, then `refillPerSecond` on average. */
export interface PaceRule {
  capacity: number;
  refillPerSecond: number;
}

/** The limits of one platform; a send takes a token from every bucket that applies. */
export interface PlatformPace {
  /** The whole bot, every chat. */
  global?: PaceRule;
  /** One chat (or channel). */
  perChat?: PaceRule;
  /** Additionally, chats the platform calls groups (see {@link PlatformDescriptor.isGroupChat}). */
  perGroup?: PaceRule;
}

export interface PlatformDescriptor {
  /** Lower-case letters, digits and `-`. */
  readonly name: PlatformName;
  /** The platform's published limits, sized so that the jitter between two processes never crosses them. */
  readonly pace: PlatformPace;
  /** Whether `chatId` is an id this platform gives out; a subscription to any other is refused. */
  isChatId(chatId: string): boolean;
  /** Whether a chat is a group, which `pace.perGroup` limits as well. Absent: no chat is. */
  isGroupChat?(chatId: string): boolean;
  /** Most stories one combined message carries within the platform's message limits (the sender's default). */
  readonly maxStoriesPerMessage: number;
}

/** The registered platforms, by name. */
export interface PlatformDirectory {
  get(name: PlatformName): PlatformDescriptor | undefined;
  /** Every registered name, in registration order. */
  names(): readonly PlatformName[];
}

const NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** A directory of the given platforms; throws when a name is malformed or registered twice. */
export function createPlatformDirectory(platforms: readonly PlatformDescriptor[]): PlatformDirectory {
  const byName = new Map<PlatformName, PlatformDescriptor>();
  for (const platform of platforms) {
    if (!NAME.test(platform.name)) throw new Error(`platform name "${platform.name}" must be lower-case letters, digits and -`);
    if (byName.has(platform.name)) throw new Error(`platform "${platform.name}" is registered twice`);
    byName.set(platform.name, platform);
  }
  const names = [...byName.keys()];
  return { get: (name) => byName.get(name), names: () => names };
}
