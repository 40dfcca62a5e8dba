import type { Language } from '../../i18n/languages.js';
import type { Story } from '../../news/types.js';
import type { PlatformDescriptor, PlatformName } from './platform.js';
import type { QuietHours } from './schedule.js';

/** Where a message goes: a chat of a registered platform, and a thread (forum topic) of it when there is one. */
export interface Destination {
  platform: PlatformName;
  /** The platform's chat id (see its descriptor's `isChatId`); never contains `:`. */
  chatId: string;
  /** The thread or forum topic, when the subscription has one. */
  threadId?: string;
}

/** A stable string for a destination, used in Redis keys and job ids: `telegram:-1001:7`. */
export function destinationKey(d: Destination): string {
  return d.threadId ? `${d.platform}:${d.chatId}:${d.threadId}` : `${d.platform}:${d.chatId}`;
}

/** The destination a key names. Whether its platform is registered is the caller's to ask. */
export function parseDestinationKey(key: string): Destination {
  const [platform, chatId, threadId] = key.split(':');
  if (!platform || !/^[a-z][a-z0-9-]*$/.test(platform) || !chatId) throw new Error(`not a destination key: ${key}`);
  return threadId ? { platform, chatId, threadId } : { platform, chatId };
}

export type SubscriptionMode = 'instant' | 'digest';

/** What one destination wants to hear about. */
export interface Subscription {
  id: string;
  destination: Destination;
  /** Topic-pack entity ids to include; empty means the whole topic pack. */
  entities: string[];
  /** Plain keywords (no regular expressions): a story must contain one of them, when any are given. */
  keywords: string[];
  /** Plain keywords: a story containing any of them is not sent. */
  exclude: string[];
  mode: SubscriptionMode;
  /** For `digest`: the local hour of day (0-23) in `timeZone` the digest is sent. */
  digestHour?: number;
  /**
   * For `digest`, written before digests had a time zone: the hour of day (0-23) in UTC. Read only when
   * `digestHour` is absent (src/delivery/core/schedule.ts).
   */
  digestHourUtc?: number;
  /** IANA time zone of the digest hour, quiet hours and the times alerts show. Default Asia/Almaty. */
  timeZone?: string;
  /** Instant alerts arriving in these hours (in `timeZone`) are held and sent as one message when they end. */
  quiet?: QuietHours;
  /**
   * Pictures and link previews: `true` always shows the article's link preview, `false` never shows a picture
   * or preview, absent shows the article's picture when the feed gave one.
   */
  preview?: boolean;
  /** Platform user id of who subscribed. */
  createdBy: string;
  /** ISO 8601. */
  createdAt: string;
  /** Set when deliveries stopped because the platform refused them (bot kicked, channel gone...). */
  paused?: { reason: string; at: string };
}

/** What a sender is asked to post: one story, or several combined (a burst, or a digest). */
export interface OutgoingMessage {
  kind: 'alert' | 'digest';
  /** At least one. A combined message keeps each story's headline and link. */
  stories: Story[];
  /** For digests: a heading such as "Daily digest, 6 Jan 2022". */
  heading?: string;
  /** The language of the chat it goes to (its /language): the senders write their labels in it. Default `en`. */
  language?: Language;
  /** How the destination's subscriptions want it shown; absent parts take the platform's defaults. */
  presentation?: Presentation;
}

/** What the subscriptions of a destination chose about how their messages look. */
export interface Presentation {
  /** See {@link Subscription.preview}. */
  preview?: boolean;
  /** IANA zone whose local time is shown beside UTC. */
  timeZone?: string;
}

/** How a topic-pack entity is shown to readers: its name in their language, and whether it is a place. */
export interface EntityLabel {
  name: string;
  kind: 'person' | 'organisation' | 'place' | 'topic';
}

/** The label of an entity id in a language; undefined for an id the topic pack no longer has. */
export type EntityLabels = (entityId: string, language: Language) => EntityLabel | undefined;

/** The platform's ids of what was posted, so it can be edited later. */
export interface SentRef {
  messageIds: string[];
}

/**
 * Why a send failed, and what to do next. Senders throw SendError; the delivery worker decides.
 * - `rate-limited`: wait `retryAfterMs` (for the whole platform when `global`), then retry.
 * - `transient`: network, timeout, 5xx: retry with backoff, for hours; never drop silently.
 * - `destination-gone`: 403/404-like; the subscription is paused with `reason` after a bounded number of tries.
 * - `migrated`: the Telegram group became a supergroup; move the subscription to `newChatId` and send there.
 * - `rejected`: the platform refused this message (400); retrying the same message will not help.
 */
export type SendFailure =
  | { kind: 'rate-limited'; retryAfterMs: number; global: boolean }
  | { kind: 'transient' }
  | { kind: 'destination-gone'; reason: string }
  | { kind: 'migrated'; newChatId: string }
  | { kind: 'rejected'; reason: string };

export class SendError extends Error {
  constructor(
    readonly failure: SendFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SendError';
  }
}

/** One platform's way of posting. Implemented at the edge (src/platforms/*). */
export interface Sender {
  /** The platform it posts to: its name, limits and chat-id rules. */
  readonly platform: PlatformDescriptor;
  /** How many stories one message may carry when a burst is combined (within the platform's size limits). */
  readonly maxStoriesPerMessage: number;
  /**
   * Posts a message. `idempotencyKey` is stable for one delivery across retries (Discord uses it as the nonce
   * with enforce_nonce, so a retry after a timeout does not post twice).
   */
  send(destination: Destination, message: OutgoingMessage, idempotencyKey: string): Promise<SentRef>;
  /** Replaces a posted message's content (a story gained outlets). */
  edit(destination: Destination, ref: SentRef, message: OutgoingMessage): Promise<void>;
}

/** Reads stories from the archive (src/news/archive.ts implements it). */
export interface StoryLookup {
  getStory(id: string): Promise<Story | undefined>;
  /** The stories found, in the order asked; missing ids are left out. */
  getStories(ids: string[]): Promise<Story[]>;
}

/** What `/subscribe` asks for; validated by `subscribeInputSchema` (src/delivery/core/subscription-input.ts). */
export type SubscribeInput = Pick<
  Subscription,
  'destination' | 'entities' | 'keywords' | 'exclude' | 'mode' | 'digestHour' | 'digestHourUtc' | 'timeZone' | 'quiet' | 'preview' | 'createdBy'
>;

/** Subscriptions of every destination, with the indexes fan-out needs. */
export interface SubscriptionStore {
  /**
   * Creates a subscription, or updates the one of the same destination and entity set (`created: false`).
   * Throws TellUserError when the input is not acceptable.
   */
  subscribe(input: SubscribeInput): Promise<{ subscription: Subscription; created: boolean }>;
  /** Removes one subscription of a destination (by id), or all of them (no id). Returns how many were removed. */
  unsubscribe(destination: Destination, id?: string): Promise<number>;
  listForDestination(destination: Destination): Promise<Subscription[]>;
  get(id: string): Promise<Subscription | undefined>;
  /** Stops deliveries to it, keeping it so that it can be resumed. Returns false when it does not exist. */
  pause(id: string, reason: string): Promise<boolean>;
  resume(id: string): Promise<boolean>;
  /** Moves every subscription of `from` to `to` (a Telegram group became a supergroup). Returns how many moved. */
  moveDestination(from: Destination, to: Destination): Promise<number>;
  count(): Promise<number>;
  /** The unpaused subscriptions that want this story (entities, then keywords include/exclude). */
  matchStory(story: Story): Promise<Subscription[]>;
}
