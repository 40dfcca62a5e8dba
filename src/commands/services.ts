import type { Destination, SubscribeInput, Subscription } from '../delivery/core/types.js';
import type { Story } from '../news/types.js';
import type { StoryQuery } from '../news/archive.js';
import type { ChatLanguageStore } from '../i18n/chat-languages.js';

/**
 * What commands need from the rest of Kazwire, as interfaces only. The real modules (archive, entity lookup,
 * actor profiles, subscription store, feed registry) satisfy them structurally; tests use small in-memory doubles.
 */

/** In-memory lookups may answer directly; Redis-backed ones answer with a promise. Callers always await. */
export type MaybePromise<T> = T | Promise<T>;

/** A topic-pack entity: an actor, an organisation, a place or a theme. */
export interface TopicEntity {
  /** Stable id, e.g. `tokayev`. */
  id: string;
  /** e.g. `person`, `organisation`, `place`, `topic`. */
  kind: string;
  /** Display name in English. */
  name: string;
  /** Display names for Russian and Kazakh readers, where the pack has them. */
  display?: { ru?: string; kk?: string };
  /** Every alias by language, used for matching and lookup. */
  names: { en: string[]; ru: string[]; kk: string[] };
}

/** A curated profile of an actor (from the profile file). */
export interface ActorProfile {
  id: string;
  name: string;
  native: { ru?: string; kk?: string };
  role: string;
  biography: string;
  /** `date` as written in the profile file (ISO date or year). */
  keyDates: Array<{ date: string; event: string }>;
  /** Entity ids of related actors. */
  related: string[];
  /** The role, biography and key dates in Russian and Kazakh, where the profile file has them. */
  translations?: { ru?: ProfileText; kk?: ProfileText };
}

/** A profile's words in one language; what is missing is shown in English. */
export interface ProfileText {
  role?: string;
  biography?: string;
  keyDates?: Array<{ date: string; event: string }>;
}

/** A feed and how its polling goes. */
export interface FeedHealth {
  id: string;
  url: string;
  title?: string;
  /** ISO 8601. Absent, with no success and no error either: not polled yet. */
  lastPollAt?: string;
  /** ISO 8601. */
  lastSuccessAt?: string;
  lastError?: string;
  consecutiveFailures: number;
  /** ISO 8601. */
  nextPollAt?: string;
  itemsSeen: number;
  failing: boolean;
}

/** A story query over the archive (the archive's own type). */
export type { StoryQuery };

export interface ArchiveReader {
  /** Stories in chronological order (oldest first), with the total count matching the query. */
  listStories(q: StoryQuery): Promise<{ stories: Story[]; total: number }>;
  /** Stories mentioning the entity since `sinceMs`. */
  countMentions(entityId: string, sinceMs: number): Promise<number>;
  /** Entities most often mentioned in the same stories since `sinceMs`, most frequent first. */
  coMentions(entityId: string, sinceMs: number, limit?: number): Promise<Array<{ entityId: string; count: number }>>;
  /** The newest stories mentioning the entity, newest first. */
  latestForEntity(entityId: string, limit: number): Promise<Story[]>;
}

export interface EntityDirectory {
  /** Finds an entity by any alias in any language, forgiving case and small typos; else close suggestions. */
  find(query: string): MaybePromise<{ entity?: TopicEntity; suggestions: TopicEntity[] }>;
  get(id: string): MaybePromise<TopicEntity | undefined>;
  all(): MaybePromise<TopicEntity[]>;
}

export interface ProfileDirectory {
  get(entityId: string): MaybePromise<ActorProfile | undefined>;
}

export type { SubscribeInput };

/** The part of the subscription store (src/delivery/core/subscriptions.ts) commands use. */
export interface SubscriptionStoreLike {
  subscribe(input: SubscribeInput): Promise<{ subscription: Subscription; created: boolean }>;
  /** Removes one subscription of the destination (or all when `id` is absent); returns how many were removed. */
  unsubscribe(destination: Destination, id?: string): Promise<number>;
  listForDestination(destination: Destination): Promise<Subscription[]>;
}

/** What importing a feed list did: feed addresses added and already there, and the lines that were not feeds. */
export interface FeedImportSummary {
  added: string[];
  existing: string[];
  problems: Array<{ line: number; text: string; reason: string }>;
}

export interface FeedRegistryLike {
  list(): Promise<FeedHealth[]>;
  /** Adds a feed after the same address checks the poller applies; throws TellUserError when it refuses. */
  add(url: string): Promise<FeedHealth>;
  remove(url: string): Promise<boolean>;
  /** Imports a feed list (OPML, or one URL a line) without fetching; throws TellUserError when it is unreadable. */
  importList(text: string): Promise<FeedImportSummary>;
}

/** Stored paging state, so a "next page" button can re-run the query. */
export interface PageState {
  command: string;
  args: Record<string, unknown>;
}

export interface PageStoreLike {
  /** Stores the state and returns a short token (the same state gives the same token). */
  save(state: PageState): Promise<string>;
  load(token: string): Promise<PageState | undefined>;
}

export interface CommandServices {
  /** Display name of the topic pack, e.g. `Kazakhstan`. */
  topicName: string;
  /** The topic pack's name for Russian and Kazakh readers, e.g. `{ ru: 'Казахстан' }`; `topicName` where one is missing. */
  topicDisplay?: { ru?: string; kk?: string };
  /** The language each chat chose with /language. */
  languages: ChatLanguageStore;
  archive: ArchiveReader;
  entities: EntityDirectory;
  profiles: ProfileDirectory;
  subscriptions: SubscriptionStoreLike;
  feeds: FeedRegistryLike;
  pages: PageStoreLike;
}
