/** Options of {@link createKeys}. */
export interface KeyOptions {
  /**
   * The keys are for a Redis Cluster (REDIS_CLUSTER_NODES is set): the prefix becomes a hash tag, `kw` ->
   * `{kw}`, so that every key of the deployment, BullMQ's included, hashes to one slot and every Lua script,
   * transaction and pipeline may touch several of them. Default false: on one Redis the keys keep their
   * plain names (an existing deployment's data stays where it is). See docs/redis-cluster.md.
   */
  cluster?: boolean;
}

/** The prefix every key and queue starts with: REDIS_PREFIX, as a hash tag on a cluster. */
export function keyPrefix(prefix: string, options: KeyOptions = {}): string {
  return options.cluster && !/\{[^}]+\}/.test(prefix) ? `{${prefix}}` : prefix;
}

/** The keys of a configured deployment: REDIS_PREFIX, hash-tagged when REDIS_CLUSTER_NODES is set. */
export function deploymentKeys(config: { REDIS_PREFIX: string; REDIS_CLUSTER_NODES?: unknown }): Keys {
  return createKeys(config.REDIS_PREFIX, { cluster: config.REDIS_CLUSTER_NODES !== undefined });
}

/**
 * Every Redis key name Kazwire uses, in one place. All keys live under one prefix
 * (`REDIS_PREFIX`, default `kw`; `{kw}` on a Redis Cluster, see {@link keyPrefix}), so tests and several
 * deployments can share a Redis. BullMQ queues use the same prefix (`keys.prefix`).
 */
export function createKeys(prefix = 'kw', options: KeyOptions = {}) {
  const p = keyPrefix(prefix, options);
  return {
    prefix: p,

    // ── feeds (src/feeds) ───────────────────────────────────────────────────
    /** SET of feed ids that the operator added or that came from config. */
    feedIds: () => `${p}:feeds`,
    /** HASH feed definition and health: url, addedAt, lastSuccessAt, lastError, failures, nextPollAt, etag, lastModified... */
    feed: (feedId: string) => `${p}:feed:${feedId}`,
    /** ZSET item identity (guid, link, headline) -> ms the feed last served it, one per feed: the seen-set. */
    seen: (feedId: string) => `${p}:seen:${feedId}`,
    /** ZSET of recent publication times of a feed's new items, for adaptive polling. */
    feedActivity: (feedId: string) => `${p}:feed-activity:${feedId}`,
    /** SET of the ids of the feeds in one state (ok, retrying, failing, never_polled), kept by the registry for cheap counts. */
    feedsInState: (state: string) => `${p}:feeds:state:${state}`,
    /** HASH feed id -> JSON {url, removedAt} of feeds an operator removed: the default list does not bring them back. */
    feedTombstones: () => `${p}:feeds:removed`,
    /** Lock/lease for polling one feed, so two processes never poll it at once. */
    pollLease: (feedId: string) => `${p}:poll-lease:${feedId}`,
    /** Per-host concurrency slots for fetching. */
    hostSlots: (host: string) => `${p}:host-slots:${host}`,

    // ── news: stories and archive (src/news) ─────────────────────────────────
    /** HASH one archived item. */
    item: (itemId: string) => `${p}:item:${itemId}`,
    /** HASH one story: title, link, source, publishedAt, summary, entities, outlets... */
    story: (storyId: string) => `${p}:story:${storyId}`,
    /** STRING fingerprint of what a story's message shows, as last handed to delivery (src/pipeline). */
    storyVersion: (storyId: string) => `${p}:story-version:${storyId}`,
    /** ZSET item ids of a story, by time. */
    storyItems: (storyId: string) => `${p}:story-items:${storyId}`,
    /** ZSET story id -> published ms: the time index. */
    storiesByTime: () => `${p}:stories:by-time`,
    /** ZSET story id -> published ms, one per entity id: the entity index. */
    storiesByEntity: (entityId: string) => `${p}:stories:entity:${entityId}`,
    /** STREAM of story assignments (item, story, features), read by every process's clusterer. */
    clusterLog: () => `${p}:cluster:log`,
    /** STRING story id an item was assigned to, so a replayed item lands in the same story. */
    clusterItem: (itemId: string) => `${p}:cluster:item:${itemId}`,

    // ── delivery (src/delivery) ──────────────────────────────────────────────
    /** HASH one subscription. */
    subscription: (subscriptionId: string) => `${p}:sub:${subscriptionId}`,
    /** SET subscription ids of one destination (platform + chat [+ thread]). */
    subscriptionsOfDestination: (destination: string) => `${p}:subs:dest:${destination}`,
    /** SET subscription ids interested in one entity id. */
    subscriptionsByEntity: (entityId: string) => `${p}:subs:entity:${entityId}`,
    /** SET subscription ids that want every story of the topic pack (no entity filter). */
    subscriptionsAll: () => `${p}:subs:all`,
    /** SET of every subscription id (for counting without scanning the keyspace). */
    subscriptionIds: () => `${p}:subs:ids`,
    /** SET of subscription ids per platform and state (active, paused), kept by the store for cheap counts. */
    subscriptionsInState: (platform: string, state: string) => `${p}:subs:state:${platform}:${state}`,
    /** Durable "delivered" record, one per destination and story. */
    delivered: (destination: string, storyId: string) => `${p}:delivered:${destination}:${storyId}`,
    /** HASH platform message ids of a delivered story per destination, for edits. */
    sentMessages: (storyId: string) => `${p}:sent:${storyId}`,
    /** STRING fingerprint of what a delivered message shows, as sent or last edited: an unchanged one is not edited. */
    messageVersion: (destination: string, messageId: string) => `${p}:message-version:${destination}:${messageId}`,
    /** STRING next free send time (ms) of one pace limit: a platform's, a chat's or a group's (src/delivery/pacing). */
    paceSlot: (name: string) => `${p}:pace:${name}`,
    /** LIST/ZSET of stories waiting for one destination, combined when it is busy. */
    pending: (destination: string) => `${p}:pending:${destination}`,
    /** Present (with a TTL) while a destination has had a message recently: its next alert is not a first message. */
    recentlySent: (destination: string) => `${p}:recently-sent:${destination}`,
    /** STRING job id, with a TTL, of the one job that sends a destination's waiting stories: its turn. */
    destinationTurn: (destination: string) => `${p}:turn:${destination}`,
    /** JSON of the combined message being sent to a destination (stories, idempotency key), kept until recorded. */
    inflight: (destination: string) => `${p}:inflight:${destination}`,
    /** Destination key a destination moved to (Telegram group -> supergroup), so queued jobs follow it. */
    destinationMoved: (destination: string) => `${p}:dest-moved:${destination}`,
    /** ZSET story id -> published ms waiting for one digest subscription's next digest. */
    digestStories: (subscriptionId: string) => `${p}:digest:${subscriptionId}`,
    /** JSON of the digest chosen when its job first ran (stories, messages sent), so retries send the same one. */
    digestSnapshot: (subscriptionId: string) => `${p}:inflight:digest:${subscriptionId}`,

    // ── commands and platforms ──────────────────────────────────────────────
    /** Per-user command rate limit. */
    commandRate: (platform: string, userId: string) => `${p}:cmd-rate:${platform}:${userId}`,
    /** Hash of the last slash-command set registered with Discord, to skip unchanged overwrites. */
    discordCommandsHash: (scope: string) => `${p}:discord:commands-hash:${scope}`,
    /** STRING the Telegram webhook's secret token, generated once when TELEGRAM_WEBHOOK_SECRET is not set. */
    telegramWebhookSecret: () => `${p}:telegram:webhook-secret`,
    /** Short-lived paging state of a command reply. */
    replyPages: (token: string) => `${p}:pages:${token}`,
    /** STRING language code (en, ru, kk) a chat chose with /language (src/i18n/chat-languages.ts). */
    chatLanguage: (platform: string, chatId: string) => `${p}:chat-language:${platform}:${chatId}`,
    /** SCAN pattern of every chat's language key above (the backup lists them); `*` stands for `platform:chatId`. */
    chatLanguageMatch: () => `${p}:chat-language:*`,

    // ── the data itself ─────────────────────────────────────────────────────
    /** STRING JSON {id, createdAt} written when Kazwire first finds Redis: gone means Redis lost its data (src/app/redis-data-watch.ts). */
    dataMarker: () => `${p}:data-marker`,

    // ── locks (one process at a time) ───────────────────────────────────────
    /** STRING owner pid, with a TTL: held by the process pruning the archive (src/app/archive-maintenance.ts). */
    archivePruneLock: () => `${p}:lock:archive-prune`,
    /** STRING owner pid, with a TTL: held by the process reconciling poll schedules (src/feeds/schedule/scheduler.ts). */
    reconcilePollsLock: () => `${p}:lock:reconcile-polls`,
  } as const;
}

export type Keys = ReturnType<typeof createKeys>;
