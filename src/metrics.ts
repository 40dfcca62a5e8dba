import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Every Prometheus metric Kazwire exports, in one registry, served at GET /metrics.
 * Modules import the metric they update; nothing else registers metrics.
 */
export const metricsRegistry = new Registry();
// Stock names (process_cpu_seconds_total, nodejs_heap_size_used_bytes...), so stock Node.js dashboards work.
collectDefaultMetrics({ register: metricsRegistry });

/**
 * Gauges of state kept in Redis (feeds by state, subscriptions) are read when /metrics is scraped, from counts
 * Redis keeps up to date (a few SCARDs, never a scan). The process that knows how registers the reader here;
 * until then (or when Redis does not answer) the gauge keeps its last values.
 */
type ScrapeReader = () => Promise<void>;
const scrapeReaders = new Map<string, ScrapeReader>();

/** Registers how the gauge `name` is refreshed on each scrape; returns a function that unregisters it. */
export function refreshOnScrape(name: string, read: ScrapeReader): () => void {
  scrapeReaders.set(name, read);
  return () => {
    if (scrapeReaders.get(name) === read) scrapeReaders.delete(name);
  };
}

const readOnScrape = (name: string) => async () => {
  await scrapeReaders.get(name)?.().catch(() => undefined);
};

export const feedsByState = new Gauge({
  name: 'kazwire_feeds',
  help: 'Feeds by state of their last poll: ok, retrying (failed, under the failing threshold), failing, never_polled',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  collect: readOnScrape('kazwire_feeds'),
});

export const subscriptionsByState = new Gauge({
  name: 'kazwire_subscriptions',
  help: 'Subscriptions by platform and state (active, paused)',
  labelNames: ['platform', 'state'] as const,
  registers: [metricsRegistry],
  collect: readOnScrape('kazwire_subscriptions'),
});

/** 1 while a component (redis, discord, telegram, pollers...) can do its job, 0 while it cannot. */
export const componentUp = new Gauge({
  name: 'kazwire_component_up',
  help: 'Whether each component can do its job (1) or not (0): redis, each platform connection, pollers',
  labelNames: ['component'] as const,
  registers: [metricsRegistry],
});

/** Times a process found Redis emptied under it (the data marker vanished): alerts queued then are gone. */
export const redisDataLosses = new Counter({
  name: 'kazwire_redis_data_lost_total',
  help: 'Times Redis was found to have lost its data (the data marker vanished: a restart without persistence, a flush)',
  registers: [metricsRegistry],
});

export const feedPolls = new Counter({
  name: 'kazwire_feed_polls_total',
  help: 'Feed polls, by result',
  labelNames: ['result'] as const, // ok | not_modified | http_error | timeout | too_large | blocked | parse_error | network_error
  registers: [metricsRegistry],
});

export const feedItems = new Counter({
  name: 'kazwire_feed_items_total',
  help: 'Feed items by stage: seen (read from a feed), new (not seen before), relevant, duplicate (joined an existing story)',
  labelNames: ['stage'] as const,
  registers: [metricsRegistry],
});

/**
 * Why an item read from a feed was not alerted:
 * - `duplicate_in_feed`: the same item twice in one document; `seen`: read before (under any of its identities);
 * - `first_poll`: the backlog of a feed's first poll, beyond `FEED_BACKFILL_ITEMS`;
 * - `reset`: a feed that re-served its items under new identities (see docs/item-identity.md), beyond the backfill;
 * - `over_cap`: new items of one poll beyond `FEED_MAX_NEW_ITEMS_PER_POLL` (the newest are alerted);
 * - `too_old`: published longer ago than `ALERT_MAX_AGE_HOURS`;
 * - `not_relevant`: not about the topic; `joined_story`: another outlet's report of a story already told;
 * - `no_subscriber`: a story queued for delivery that no subscription wanted (counted by fan-out).
 */
export type NotAlertedReason =
  | 'duplicate_in_feed'
  | 'seen'
  | 'first_poll'
  | 'reset'
  | 'over_cap'
  | 'too_old'
  | 'not_relevant'
  | 'joined_story'
  | 'no_subscriber';

export const itemsNotAlerted = new Counter({
  name: 'kazwire_items_not_alerted_total',
  help: 'Items read from feeds that did not alert, by reason. Items read = stories queued (kind new) + these, reason no_subscriber aside (it counts queued stories nobody wanted)',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});

export const storiesQueued = new Counter({
  name: 'kazwire_stories_queued_total',
  help: 'Stories queued for delivery, by kind (new, update)',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

export const queueDepth = new Gauge({
  name: 'kazwire_queue_jobs',
  help: 'Jobs in each queue, by state (waiting, delayed, active, failed)',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
});

export const deliveries = new Counter({
  name: 'kazwire_deliveries_total',
  help: 'Delivery attempts, by platform and result (sent, duplicate_skipped, rate_limited, transient, destination_gone, migrated, rejected)',
  labelNames: ['platform', 'result'] as const,
  registers: [metricsRegistry],
});

export const platform429s = new Counter({
  name: 'kazwire_platform_429_total',
  help: '429 Too Many Requests answers from a platform, by scope (destination, global)',
  labelNames: ['platform', 'scope'] as const,
  registers: [metricsRegistry],
});

export const paceSlotsMissed = new Counter({
  name: 'kazwire_pace_slots_missed_total',
  help: 'Send slots given up because the job woke too late to use them (a busy event loop); each took a new slot',
  labelNames: ['platform'] as const,
  registers: [metricsRegistry],
});

export const deliveryLatency = new Histogram({
  name: 'kazwire_delivery_latency_seconds',
  help: 'Time from a story being queued to its message being sent',
  labelNames: ['platform'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900],
  registers: [metricsRegistry],
});

export const commandsHandled = new Counter({
  name: 'kazwire_commands_total',
  help: 'Commands answered, by platform, command and outcome (ok, refused, error, rate_limited)',
  labelNames: ['platform', 'command', 'outcome'] as const,
  registers: [metricsRegistry],
});
