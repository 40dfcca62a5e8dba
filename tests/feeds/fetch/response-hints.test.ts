import { describe, expect, it } from 'vitest';
import { minNextPollDelay, parseRetryAfter } from '../../../src/feeds/fetch/response-hints.js';

const now = Date.parse('2025-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it('reads a delay in seconds as milliseconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
  });

  it('reads an HTTP-date as the time left until it', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 12:01:30 GMT', now)).toBe(90_000);
  });

  it('treats a date already past as no wait', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable value', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});

describe('minNextPollDelay', () => {
  it('uses Cache-Control max-age less the Age the response already has', () => {
    expect(minNextPollDelay({ 'cache-control': 'public, max-age=600' }, now)).toBe(600_000);
    expect(minNextPollDelay({ 'cache-control': 'max-age=600', age: '100' }, now)).toBe(500_000);
  });

  it('gives nothing when the response is stale or must be revalidated', () => {
    expect(minNextPollDelay({ 'cache-control': 'max-age=60', age: '90' }, now)).toBeUndefined();
    expect(minNextPollDelay({ 'cache-control': 'no-cache, max-age=600' }, now)).toBeUndefined();
    expect(minNextPollDelay({ 'cache-control': 'no-store' }, now)).toBeUndefined();
  });

  it('falls back to Expires, measured against the server Date to cancel clock skew', () => {
    expect(
      minNextPollDelay({ expires: 'Sat, 01 Mar 2025 10:05:00 GMT', date: 'Sat, 01 Mar 2025 10:00:00 GMT' }, now),
    ).toBe(300_000);
    expect(minNextPollDelay({ expires: 'Sat, 01 Mar 2025 12:02:00 GMT' }, now)).toBe(120_000);
  });

  it('prefers max-age over Expires and ignores an invalid Expires', () => {
    expect(minNextPollDelay({ 'cache-control': 'max-age=30', expires: 'Sat, 01 Mar 2025 13:00:00 GMT' }, now)).toBe(
      30_000,
    );
    expect(minNextPollDelay({ expires: '0' }, now)).toBeUndefined();
    expect(minNextPollDelay({}, now)).toBeUndefined();
  });
});
