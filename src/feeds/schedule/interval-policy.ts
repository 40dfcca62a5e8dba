/**
 * When to poll a feed next: pure, so the whole policy is unit-tested without clocks or Redis.
 *
 * - A feed that publishes often is polled at the base interval; a quiet one stretches towards the maximum,
 *   aiming at about half the feed's typical gap between new items (so a new item waits half a gap on average).
 * - Failures back off exponentially from the base interval; after `failingAfter` consecutive failures the feed
 *   is "failing": still polled, but only every `failingIntervalMs`.
 * - Server hints push the next poll later, never earlier: `Retry-After` (429/503), `Cache-Control: max-age`,
 *   and RSS `<ttl>`; each is capped so a bogus hint cannot silence a feed for days.
 */
export interface IntervalPolicy {
  /** POLL_INTERVAL_SECONDS, in ms. */
  baseMs: number;
  /** POLL_MAX_INTERVAL_SECONDS, in ms (at least baseMs). */
  maxMs: number;
  /** Consecutive failures after which a feed is marked failing. Default 5. */
  failingAfter?: number;
  /** How often a failing feed is still tried, in ms. Default 6 h. */
  failingIntervalMs?: number;
  /** The longest any server hint may push a poll, in ms. Default 6 h. */
  maxHintMs?: number;
}

export interface PollFacts {
  /** Publication (or first-seen) times, in ms, of the feed's recent new items, any order. */
  recentNewItemTimes: number[];
  consecutiveFailures: number;
  /** From Retry-After on a 429/503. */
  retryAfterMs?: number;
  /** From Cache-Control max-age / Expires. */
  cacheHintMs?: number;
  /** RSS <ttl>, in minutes. */
  ttlMinutes?: number;
}

export const DEFAULT_FAILING_AFTER = 5;

export function isFailing(consecutiveFailures: number, policy: IntervalPolicy): boolean {
  return consecutiveFailures >= (policy.failingAfter ?? DEFAULT_FAILING_AFTER);
}

/** The delay until the next poll, in ms. */
export function nextPollDelayMs(facts: PollFacts, policy: IntervalPolicy): number {
  const base = policy.baseMs;
  const max = Math.max(policy.maxMs, base);
  const maxHint = policy.maxHintMs ?? 6 * 3600_000;
  let delay: number;

  if (facts.consecutiveFailures > 0) {
    delay = isFailing(facts.consecutiveFailures, policy)
      ? (policy.failingIntervalMs ?? 6 * 3600_000)
      : Math.min(base * 2 ** (facts.consecutiveFailures - 1), max * 4);
  } else {
    delay = adaptiveDelay(facts.recentNewItemTimes, base, max);
  }

  const hints = [facts.retryAfterMs, facts.cacheHintMs, facts.ttlMinutes !== undefined ? facts.ttlMinutes * 60_000 : undefined]
    .filter((h): h is number => typeof h === 'number' && Number.isFinite(h) && h > 0)
    .map((h) => Math.min(h, maxHint));
  return Math.max(delay, ...hints);
}

/** Half the median gap between recent new items, clamped to [base, max]; the maximum when too few to tell. */
function adaptiveDelay(times: number[], base: number, max: number): number {
  if (times.length < 2) return times.length === 1 ? Math.min(max, Math.max(base, (max + base) / 2)) : max;
  const sorted = [...times].sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) gaps.push(sorted[i]! - sorted[i - 1]!);
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)]!;
  return Math.min(max, Math.max(base, median / 2));
}

/**
 * Where in the interval a feed's first poll falls, so that many feeds added at once are spread out rather
 * than fetched together: a stable fraction of `windowMs` from the feed id.
 */
export function spreadOffsetMs(feedId: string, windowMs: number): number {
  let h = 2166136261;
  for (let i = 0; i < feedId.length; i++) {
    h ^= feedId.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return ((h >>> 0) / 0x100000000) * windowMs;
}
