import { describe, expect, it } from 'vitest';
import { isFailing, nextPollDelayMs, spreadOffsetMs } from '../../../src/feeds/schedule/interval-policy.js';

const MIN = 60_000;
const policy = { baseMs: 5 * MIN, maxMs: 30 * MIN };

describe('nextPollDelayMs', () => {
  it('polls a busy feed at the base interval', () => {
    const now = Date.now();
    const times = Array.from({ length: 10 }, (_, i) => now - i * 2 * MIN); // a new item every 2 minutes
    expect(nextPollDelayMs({ recentNewItemTimes: times, consecutiveFailures: 0 }, policy)).toBe(5 * MIN);
  });

  it('stretches towards half the typical gap for a slower feed', () => {
    const now = Date.now();
    const times = Array.from({ length: 6 }, (_, i) => now - i * 30 * MIN); // every 30 minutes
    expect(nextPollDelayMs({ recentNewItemTimes: times, consecutiveFailures: 0 }, policy)).toBe(15 * MIN);
  });

  it('never stretches a quiet feed past the maximum', () => {
    const now = Date.now();
    const times = [now - 5 * 86_400_000, now - 2 * 86_400_000];
    expect(nextPollDelayMs({ recentNewItemTimes: times, consecutiveFailures: 0 }, policy)).toBe(30 * MIN);
    expect(nextPollDelayMs({ recentNewItemTimes: [], consecutiveFailures: 0 }, policy)).toBe(30 * MIN);
  });

  it('backs off exponentially on consecutive failures', () => {
    const delays = [1, 2, 3, 4].map((f) => nextPollDelayMs({ recentNewItemTimes: [], consecutiveFailures: f }, policy));
    expect(delays).toEqual([5 * MIN, 10 * MIN, 20 * MIN, 40 * MIN]);
  });

  it('polls a failing feed rarely but still polls it', () => {
    expect(isFailing(5, policy)).toBe(true);
    expect(isFailing(4, policy)).toBe(false);
    expect(nextPollDelayMs({ recentNewItemTimes: [], consecutiveFailures: 7 }, policy)).toBe(6 * 3600_000);
  });

  it('lets Retry-After, Cache-Control and ttl push the next poll later, never earlier', () => {
    const base = { recentNewItemTimes: [Date.now() - MIN, Date.now()], consecutiveFailures: 0 };
    expect(nextPollDelayMs({ ...base, cacheHintMs: 20 * MIN }, policy)).toBe(20 * MIN);
    expect(nextPollDelayMs({ ...base, ttlMinutes: 60 }, policy)).toBe(60 * MIN);
    expect(nextPollDelayMs({ ...base, cacheHintMs: 1_000 }, policy)).toBe(5 * MIN);
    expect(nextPollDelayMs({ recentNewItemTimes: [], consecutiveFailures: 1, retryAfterMs: 2 * 3600_000 }, policy)).toBe(2 * 3600_000);
  });

  it('caps a bogus server hint so a feed is not silenced for days', () => {
    expect(nextPollDelayMs({ recentNewItemTimes: [], consecutiveFailures: 0, ttlMinutes: 100_000 }, policy)).toBe(6 * 3600_000);
  });
});

describe('spreadOffsetMs', () => {
  it('spreads many feeds over the window instead of bunching them', () => {
    const offsets = Array.from({ length: 1000 }, (_, i) => spreadOffsetMs(`f-${i}`, 60_000));
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...offsets)).toBeLessThan(60_000);
    const buckets = new Array(6).fill(0);
    for (const o of offsets) buckets[Math.floor(o / 10_000)]++;
    for (const b of buckets) expect(b).toBeGreaterThan(100); // each 10 s slice gets a fair share of 1,000
  });

  it('gives a feed the same offset every time', () => {
    expect(spreadOffsetMs('f-abc', 60_000)).toBe(spreadOffsetMs('f-abc', 60_000));
  });
});
