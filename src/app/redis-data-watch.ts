import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import type { Keys } from '../redis/keys.js';
import { redisDataLosses } from '../metrics.js';

/** What Redis held when the process started. */
export type StartFinding = 'marker' | 'data-without-marker' | 'empty';

/** How Kazwire's data in Redis stands, for /healthz. */
export interface RedisDataStatus {
  /** `ok`: the marker is there; `recovering`: it vanished and recovery runs; `recovery_failed`: retried at the next check. */
  state: 'ok' | 'recovering' | 'recovery_failed';
  /** What Redis held at start. */
  atStart?: StartFinding;
  /** When this process last found the data gone (ISO). */
  lastLossAt?: string;
  /** Losses this process has seen. */
  losses: number;
  /** What the last recovery did, by step. */
  recovered?: Record<string, string>;
  /** Why the last recovery failed. */
  error?: string;
}

/** One step of recovery after a loss (reload the feed list, restore subscriptions...); returns what it did. */
export type RecoveryStep = () => Promise<string>;

export interface RedisDataWatch {
  /** Writes the marker (or finds it) and starts checking it every `everyMs`. Says what Redis held. */
  start(): Promise<StartFinding>;
  /** Adds a recovery step, run (in the order added) each time the data is found gone. */
  onLoss(name: string, step: RecoveryStep): void;
  /** Checks the marker now (also done when the connection comes back). */
  check(): Promise<void>;
  status(): RedisDataStatus;
  stop(): Promise<void>;
}

export interface RedisDataWatchOptions {
  redis: Redis;
  keys: Keys;
  logger: Logger;
  /** How often the marker is checked, in ms. Default 5 s. */
  everyMs?: number;
}

/**
 * Tells a Redis that came back empty from one that was only away. A marker key is written when Kazwire first
 * finds Redis; every process remembers the marker's value and checks it every few seconds and whenever its
 * connection is back. Gone, or replaced by another process that found it gone first: Redis lost its data (a
 * restart without persistence, a FLUSHALL, a failover to an empty replica). That is said loudly (error log,
 * `kazwire_redis_data_lost_total`, /healthz), and the recovery steps run: the feed list reloaded from its
 * source, the subscriptions restored from the newest BACKUP_DIR export, polling scheduled again.
 */
export function createRedisDataWatch(options: RedisDataWatchOptions): RedisDataWatch {
  const { redis, keys } = options;
  const log = options.logger.child({ module: 'redis-data' });
  const everyMs = options.everyMs ?? 5_000;
  const steps: Array<{ name: string; step: RecoveryStep }> = [];
  const current: RedisDataStatus = { state: 'ok', losses: 0 };
  let known: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  /** The marker's value, writing one when there is none (another process may write first: its value is taken). */
  async function ensureMarker(): Promise<{ value: string; created: boolean }> {
    const mine = JSON.stringify({ id: randomUUID(), createdAt: new Date().toISOString() });
    if ((await redis.set(keys.dataMarker(), mine, 'NX')) === 'OK') return { value: mine, created: true };
    return { value: (await redis.get(keys.dataMarker())) ?? mine, created: false };
  }

  async function recover(): Promise<void> {
    current.state = 'recovering';
    const recovered: Record<string, string> = {};
    try {
      for (const { name, step } of steps) recovered[name] = await step();
      current.state = 'ok';
      current.recovered = recovered;
      delete current.error;
      log.warn({ recovered }, 'recovered from the loss of Redis data');
    } catch (err) {
      current.state = 'recovery_failed';
      current.error = (err as Error).message;
      log.error({ err: current.error, done: recovered }, 'recovery from the loss of Redis data failed; trying again at the next check');
    }
  }

  async function checkOnce(): Promise<void> {
    if (current.state === 'recovery_failed') return recover();
    const value = await redis.get(keys.dataMarker());
    if (value !== null && value === known) return;
    const marker = value === null ? await ensureMarker() : { value, created: false };
    known = marker.value;
    current.losses++;
    current.lastLossAt = new Date().toISOString();
    redisDataLosses.inc();
    log.error(
      { marker: keys.dataMarker(), fix: 'run Redis with persistence (appendonly yes) so that a restart keeps its data' },
      'REDIS LOST ITS DATA (restarted without persistence, flushed, or failed over to an empty replica): the feed list is reloaded and subscriptions restored from the newest backup; alerts queued before the loss are gone',
    );
    await recover();
  }

  const tick = () => {
    if (stopped) return;
    running = running
      .then(checkOnce)
      .catch((err: unknown) => log.debug({ err: (err as Error).message }, 'checking the Redis data marker failed; will check again'));
  };
  const onReady = () => tick();

  return {
    async start() {
      const hadData = (await redis.exists(keys.feedIds(), keys.subscriptionIds())) > 0;
      const marker = await ensureMarker();
      known = marker.value;
      current.atStart = !marker.created ? 'marker' : hadData ? 'data-without-marker' : 'empty';
      if (current.atStart === 'empty') {
        log.warn('Redis holds no Kazwire data: a first start, or Redis lost its data while Kazwire was stopped');
      }
      redis.on('ready', onReady);
      timer = setInterval(tick, everyMs);
      timer.unref();
      return current.atStart;
    },
    onLoss(name, step) {
      steps.push({ name, step });
    },
    async check() {
      tick();
      await running;
    },
    status: () => structuredClone(current),
    async stop() {
      stopped = true;
      clearInterval(timer);
      redis.off('ready', onReady);
      await running;
    },
  };
}
