import { z } from 'zod';

/** Parses "true"/"false"/"1"/"0"/"yes"/"no" (any case); anything else is a configuration error. */
const booleanFlag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['true', 'false', '1', '0', 'yes', 'no'].includes(v), {
    message: 'expected true or false',
  })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const httpUrl = z
  .string()
  .trim()
  .url()
  .refine((v) => /^https?:\/\//i.test(v), { message: 'must be an http(s) URL' })
  .transform((v) => v.replace(/\/+$/, ''));

/**
 * What ioredis connects to: `redis://` or `rediss://` (TLS) URLs with a host (and an optional numeric database),
 * or the absolute path of a unix socket (`/run/redis/redis.sock`, optionally `?db=2`). Anything else would be
 * taken for a host name by ioredis and retried forever, so it is refused here.
 */
export const REDIS_URL_FORMS =
  'expected redis://[user:password@]host[:port][/db], rediss://… (TLS), or the absolute path of a unix socket (/run/redis/redis.sock)';

export function isRedisUrl(value: string): boolean {
  if (value.startsWith('/') && !value.startsWith('//')) return value.length > 1;
  if (!/^rediss?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    const db = url.pathname.replace(/^\//, '');
    return url.hostname !== '' && (db === '' || /^\d+$/.test(db));
  } catch {
    return false;
  }
}

const redisUrl = z.string().trim().refine(isRedisUrl, { message: REDIS_URL_FORMS });

/** `host:port` of one Redis Cluster node (a host name, an IPv4 address, or a bracketed IPv6 address). */
const clusterNode = z
  .string()
  .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'each node is host:port')
  .transform((v) => {
    const colon = v.lastIndexOf(':');
    return { host: v.slice(0, colon).replace(/^\[|\]$/g, ''), port: Number(v.slice(colon + 1)) };
  })
  .refine((n) => n.port > 0 && n.port < 65536, { message: 'a port is 1-65535' });

const clusterNodes = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined))
  .pipe(z.array(clusterNode).min(1).optional());

const seconds = (def: number) => z.coerce.number().int().positive().default(def);

const idList = z
  .string()
  .trim()
  .default('')
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^-?\d+$/, 'ids are numbers')));

/**
 * Every environment variable Kazwire reads. `.env.example` documents each one with its default.
 * Parsed once at start-up; a bad value stops the process with every problem listed.
 */
export const envSchema = z.object({
  /** Redis connection URL. */
  REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
  /**
   * Seed nodes of a Redis Cluster, comma-separated `host:port` (a few are enough: the rest are discovered). When
   * set, every connection (BullMQ's included) is a cluster client, and the key prefix is a hash tag (`{kw}`) so
   * that every key of the deployment lives in one slot; REDIS_URL then only lends its user, password and TLS.
   */
  REDIS_CLUSTER_NODES: clusterNodes,
  /** Prefix of every Redis key and BullMQ queue Kazwire owns, so several deployments can share one Redis. */
  REDIS_PREFIX: z.string().trim().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only').default('kw'),

  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.pipe(z.string().regex(/^\d+$/, 'a numeric snowflake').optional()),
  /** Base of the Discord REST API (a proxy or a local fake in tests); discord.js appends /v10. */
  DISCORD_API_URL: httpUrl.default('https://discord.com/api'),
  /** When set, slash commands are registered to this guild only (instant), otherwise globally. */
  DISCORD_GUILD_ID: optionalText.pipe(z.string().regex(/^\d+$/, 'a numeric snowflake').optional()),

  TELEGRAM_BOT_TOKEN: optionalText,
  /** Root of the Telegram Bot API (a self-hosted Bot API server, a proxy, or a local fake). */
  TELEGRAM_API_ROOT: httpUrl.default('https://api.telegram.org'),
  /** When set, Telegram updates arrive by webhook at this public URL instead of long polling. */
  TELEGRAM_WEBHOOK_URL: optionalText.pipe(httpUrl.optional()),
  /**
   * The secret Telegram sends with each webhook update (X-Telegram-Bot-Api-Secret-Token). Unset: one is generated
   * once and kept in Redis. Updates without the right one are refused (401).
   */
  TELEGRAM_WEBHOOK_SECRET: optionalText.pipe(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, '1-256 of A-Z a-z 0-9 _ - (what Telegram accepts)').optional()),

  /** Comma-separated feed URLs; when set it replaces the topic pack's default feed list. */
  FEED_URLS: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined))
    .pipe(z.array(httpUrl).optional()),
  /**
   * A file of feeds: one URL a line (`#` comments) or OPML, told apart by content. With FEED_URLS, both lists
   * are used; either replaces the topic pack's default list.
   */
  FEEDS_FILE: optionalText,
  /** Shortest time between two polls of one feed, in seconds. Under 60 is allowed with a warning. */
  POLL_INTERVAL_SECONDS: seconds(300),
  /** Longest time adaptive polling may stretch a quiet feed to, in seconds. */
  POLL_MAX_INTERVAL_SECONDS: seconds(1800),
  /** How many of a new feed's newest items to alert on its first poll, and after a reset (the rest are recorded as seen). */
  FEED_BACKFILL_ITEMS: z.coerce.number().int().min(0).max(100).default(0),
  /** Most new items one poll of one feed may alert; the newest are alerted, the rest recorded and counted (over_cap). */
  FEED_MAX_NEW_ITEMS_PER_POLL: z.coerce.number().int().min(1).max(10_000).default(50),
  /** Items published longer ago than this many hours are archived but not alerted (counted too_old); 0 = no limit. */
  ALERT_MAX_AGE_HOURS: z.coerce.number().min(0).default(0),
  /** Allow feeds on loopback, private and link-local addresses (intranet feeds, tests). */
  ALLOW_PRIVATE_NETWORK_FEEDS: booleanFlag.default(false),
  /** Largest feed body accepted, in bytes, counted after decompression. */
  FEED_MAX_BYTES: z.coerce.number().int().positive().default(5 * 1024 * 1024),

  /** Path of the topic pack JSON; by default the bundled Kazakhstan pack. */
  TOPIC_PACK: optionalText,
  /** How long stories are kept in the archive, in days. */
  ARCHIVE_RETENTION_DAYS: z.coerce.number().int().positive().default(90),

  /** Telegram user ids and Discord user ids allowed to add or remove feeds from chat. */
  OWNER_IDS: idList,

  /** A folder where the subscriptions are exported every BACKUP_INTERVAL_HOURS; unset = no scheduled export. */
  BACKUP_DIR: optionalText,
  /** Hours between two scheduled exports of the subscriptions (fractions allowed). */
  BACKUP_INTERVAL_HOURS: z.coerce.number().positive().max(576, 'at most 576 hours (24 days)').default(24),
  /** How many scheduled exports to keep in BACKUP_DIR (older ones are deleted). */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),

  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `pretty` (readable lines) or `json` (one JSON object a line); unset: pretty on a terminal, JSON otherwise. */
  LOG_FORMAT: optionalText.pipe(z.enum(['pretty', 'json'], { message: 'expected pretty or json' }).optional()),
});

export type Config = z.infer<typeof envSchema>;

/** Thrown when the environment does not parse; `problems` lists every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from an environment (process.env by default). Throws ConfigError. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const value = typeof issue.path[0] === 'string' ? env[issue.path[0]] : undefined;
      const shown = value === undefined ? '' : ` (got ${JSON.stringify(redact(String(issue.path[0]), value))})`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  return result.data;
}

/** Configuration warnings that do not stop the process. */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.POLL_INTERVAL_SECONDS < 60) {
    warnings.push(
      `POLL_INTERVAL_SECONDS=${config.POLL_INTERVAL_SECONDS} is under 60: feeds may rate-limit or ban this bot`,
    );
  }
  if (config.POLL_MAX_INTERVAL_SECONDS < config.POLL_INTERVAL_SECONDS) {
    warnings.push(
      `POLL_MAX_INTERVAL_SECONDS (${config.POLL_MAX_INTERVAL_SECONDS}) is below POLL_INTERVAL_SECONDS (${config.POLL_INTERVAL_SECONDS}); using POLL_INTERVAL_SECONDS for both`,
    );
  }
  if (config.FEED_BACKFILL_ITEMS > config.FEED_MAX_NEW_ITEMS_PER_POLL) {
    warnings.push(
      `FEED_BACKFILL_ITEMS (${config.FEED_BACKFILL_ITEMS}) is above FEED_MAX_NEW_ITEMS_PER_POLL (${config.FEED_MAX_NEW_ITEMS_PER_POLL}): a first poll alerts at most ${config.FEED_MAX_NEW_ITEMS_PER_POLL}`,
    );
  }
  if (config.DISCORD_TOKEN && !config.DISCORD_APPLICATION_ID) {
    warnings.push('DISCORD_TOKEN is set without DISCORD_APPLICATION_ID: it will be read from the API at start-up');
  }
  return warnings;
}

function redact(name: string, value: string): string {
  if (/TOKEN|SECRET/.test(name)) return '***';
  // A URL's password (redis://:pw@host) is never echoed.
  return value.replace(/\/\/([^@/\s]*)@/, '//***@');
}
