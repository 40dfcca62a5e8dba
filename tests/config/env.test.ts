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

describe('REDIS_URL', () => {
  it('refuses a value that is not a Redis URL, saying which forms are expected', () => {
    expect(() => loadConfig({ REDIS_URL: 'nonsense' })).toThrow(
      /REDIS_URL: expected redis:\/\/\[user:password@\]host\[:port\]\[\/db\], rediss:\/\/… \(TLS\), or the absolute path of a unix socket .*\(got "nonsense"\)/,
    );
    for (const bad of ['http://127.0.0.1:6379', 'redis://', 'redis://host/zero', '127.0.0.1:6379', 'relative/redis.sock']) {
      expect(() => loadConfig({ REDIS_URL: bad }), bad).toThrow(ConfigError);
    }
  });

  it('accepts redis://, rediss:// and unix socket paths', () => {
    for (const good of ['redis://127.0.0.1:6379', 'redis://:pw@redis:6379/2', 'rediss://user:pw@cache.example:6380', '/run/redis/redis.sock', '/tmp/redis.sock?db=3']) {
      expect(loadConfig({ REDIS_URL: good }).REDIS_URL, good).toBe(good);
    }
  });

  it('never echoes the password of a bad Redis URL', () => {
    try {
      loadConfig({ REDIS_URL: 'redis://:hunter2@host/notadb' });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toContain('redis://***@host/notadb');
      expect((err as Error).message).not.toContain('hunter2');
    }
  });
});

describe('REDIS_CLUSTER_NODES', () => {
  it('is unset by default (one Redis at REDIS_URL)', () => {
    expect(loadConfig({}).REDIS_CLUSTER_NODES).toBeUndefined();
    expect(loadConfig({ REDIS_CLUSTER_NODES: ' ' }).REDIS_CLUSTER_NODES).toBeUndefined();
  });

  it('reads comma-separated host:port seed nodes, IPv6 in brackets', () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'redis-a:7000, 10.0.0.2:7001,[::1]:7002' }).REDIS_CLUSTER_NODES).toEqual([
      { host: 'redis-a', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
  });

  it('refuses a node without a port, or with a port out of range', () => {
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis-a' })).toThrow(/REDIS_CLUSTER_NODES.*host:port/);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis-a:7000,redis-b:70000' })).toThrow(/REDIS_CLUSTER_NODES.*1-65535/);
  });
});

describe('LOG_FORMAT', () => {
  it('is unset by default (pretty on a terminal, JSON otherwise) and takes pretty or json', () => {
    expect(loadConfig({}).LOG_FORMAT).toBeUndefined();
    expect(loadConfig({ LOG_FORMAT: '' }).LOG_FORMAT).toBeUndefined();
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).LOG_FORMAT).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT: expected pretty or json/);
  });
});
