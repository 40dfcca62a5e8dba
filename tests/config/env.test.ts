import { describe, expect, it } from 'vitest';
import { ConfigError, configWarnings, loadConfig } from '../../src/config/env.js';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      REDIS_URL: 'redis://127.0.0.1:6379',
      DISCORD_API_URL: 'https://discord.com/api',
      TELEGRAM_API_ROOT: 'https://api.telegram.org',
      POLL_INTERVAL_SECONDS: 300,
      POLL_MAX_INTERVAL_SECONDS: 1800,
      ALLOW_PRIVATE_NETWORK_FEEDS: false,
      HTTP_PORT: 8080,
      LOG_LEVEL: 'info',
    });
    expect(config.FEED_URLS).toBeUndefined();
    expect(config.DISCORD_TOKEN).toBeUndefined();
  });

  it('alerts whatever is new by default: no age limit, a per-poll cap of 50', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ ALERT_MAX_AGE_HOURS: 0, FEED_MAX_NEW_ITEMS_PER_POLL: 50, FEED_BACKFILL_ITEMS: 0 });
    expect(loadConfig({ ALERT_MAX_AGE_HOURS: '72', FEED_MAX_NEW_ITEMS_PER_POLL: '10' })).toMatchObject({ ALERT_MAX_AGE_HOURS: 72, FEED_MAX_NEW_ITEMS_PER_POLL: 10 });
    expect(() => loadConfig({ ALERT_MAX_AGE_HOURS: '-1' })).toThrow(/ALERT_MAX_AGE_HOURS/);
    expect(() => loadConfig({ FEED_MAX_NEW_ITEMS_PER_POLL: '0' })).toThrow(/FEED_MAX_NEW_ITEMS_PER_POLL/);
    expect(configWarnings(loadConfig({ FEED_BACKFILL_ITEMS: '80' })).join('\n')).toMatch(/FEED_BACKFILL_ITEMS \(80\) is above FEED_MAX_NEW_ITEMS_PER_POLL \(50\)/);
  });

  it('splits FEED_URLS on commas and treats empty tokens as unset', () => {
    const config = loadConfig({ FEED_URLS: 'https://a.example/rss, https://b.example/atom ,', DISCORD_TOKEN: '' });
    expect(config.FEED_URLS).toEqual(['https://a.example/rss', 'https://b.example/atom']);
    expect(config.DISCORD_TOKEN).toBeUndefined();
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ POLL_INTERVAL_SECONDS: 'soon', ALLOW_PRIVATE_NETWORK_FEEDS: 'maybe', DISCORD_API_URL: 'ftp://x', HTTP_PORT: '99999' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/POLL_INTERVAL_SECONDS/);
      expect(problems).toMatch(/ALLOW_PRIVATE_NETWORK_FEEDS: expected true or false \(got "maybe"\)/);
      expect(problems).toMatch(/DISCORD_API_URL/);
      expect(problems).toMatch(/HTTP_PORT/);
    }
  });

  it('never echoes a token in an error', () => {
    expect(() => loadConfig({ DISCORD_TOKEN: 'secret-token', DISCORD_APPLICATION_ID: 'abc' })).toThrow(ConfigError);
    try {
      loadConfig({ DISCORD_APPLICATION_ID: 'abc', DISCORD_TOKEN: 'secret-token' });
    } catch (err) {
      expect((err as Error).message).not.toContain('secret-token');
    }
  });

  it('warns about a poll interval under a minute but accepts it', () => {
    const config = loadConfig({ POLL_INTERVAL_SECONDS: '10' });
    expect(config.POLL_INTERVAL_SECONDS).toBe(10);
    expect(configWarnings(config).join('\n')).toMatch(/under 60/);
  });
});
