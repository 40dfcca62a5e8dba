import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEnvFile, EnvFileError, parseEnvFile } from '../../src/config/env-file.js';
import { ConfigError, envSchema, loadConfig } from '../../src/config/env.js';

describe('parseEnvFile', () => {
  it('reads the forms .env.example uses: comments, blanks, empty values, export and quotes', () => {
    const text = [
      '# Kazwire configuration',
      '',
      'REDIS_URL=redis://127.0.0.1:6379',
      'DISCORD_TOKEN=',
      'export HTTP_PORT = 9090 # the port',
      "TELEGRAM_BOT_TOKEN='123:abc#def'",
      'OWNER_IDS="1,2"',
      'FEED_URLS=https://a.example/rss#frag',
      'GREETING="two\\nlines \\"quoted\\""',
    ].join('\n');
    expect(parseEnvFile(text)).toEqual({
      REDIS_URL: 'redis://127.0.0.1:6379',
      DISCORD_TOKEN: '',
      HTTP_PORT: '9090',
      TELEGRAM_BOT_TOKEN: '123:abc#def',
      OWNER_IDS: '1,2',
      FEED_URLS: 'https://a.example/rss#frag',
      GREETING: 'two\nlines "quoted"',
    });
  });

  it('reads a quoted value over several lines, and CRLF line ends', () => {
    expect(parseEnvFile('A="one\r\ntwo"\r\nB=3\r\n')).toEqual({ A: 'one\ntwo', B: '3' });
  });

  it('names the line it cannot read, without echoing the value', () => {
    expect(() => parseEnvFile('A=1\n\nDISCORD_TOKEN abc.secret\n', '/srv/.env')).toThrow(
      /\/srv\/\.env line 3: expected NAME=value; this line starts with "DISCORD_TOKEN"/,
    );
    try {
      parseEnvFile('DISCORD_TOKEN abc.secret');
    } catch (err) {
      expect((err as Error).message).not.toContain('abc.secret');
      expect(err).toBeInstanceOf(ConfigError);
    }
    expect(() => parseEnvFile('1ABC=x')).toThrow(/line 1: "1ABC" is not a variable name/);
    expect(() => parseEnvFile('A=1\nB="open\nC=2')).toThrow(/line 2: the value of B opens a " quote that is never closed/);
    expect(() => parseEnvFile("A='x' y")).toThrow(/line 1: unexpected text after the closing quote of A's value/);
  });
});

describe('applyEnvFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kw-envfile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sets what the environment lacks and leaves what the real environment set', () => {
    writeFileSync(path.join(dir, '.env'), 'HTTP_PORT=9999\nLOG_LEVEL=debug\nDISCORD_TOKEN=from-file\n');
    const env: NodeJS.ProcessEnv = { HTTP_PORT: '7000', DISCORD_TOKEN: '' };
    const result = applyEnvFile(env, dir);
    expect(env).toEqual({ HTTP_PORT: '7000', DISCORD_TOKEN: '', LOG_LEVEL: 'debug' });
    expect(result).toEqual({ file: path.join(dir, '.env'), applied: ['LOG_LEVEL'], shadowed: ['HTTP_PORT', 'DISCORD_TOKEN'] });
  });

  it('is fine without a .env', () => {
    const env: NodeJS.ProcessEnv = { A: '1' };
    expect(applyEnvFile(env, dir)).toEqual({ applied: [], shadowed: [] });
    expect(env).toEqual({ A: '1' });
  });

  it('reads the file KAZWIRE_ENV_FILE names, relative to the working folder, and refuses a missing one', () => {
    writeFileSync(path.join(dir, 'prod.env'), 'LOG_LEVEL=warn\n');
    writeFileSync(path.join(dir, '.env'), 'LOG_LEVEL=debug\n');
    const env: NodeJS.ProcessEnv = { KAZWIRE_ENV_FILE: 'prod.env' };
    applyEnvFile(env, dir);
    expect(env.LOG_LEVEL).toBe('warn');
    expect(() => applyEnvFile({ KAZWIRE_ENV_FILE: 'nope.env' }, dir)).toThrow(EnvFileError);
    expect(() => applyEnvFile({ KAZWIRE_ENV_FILE: 'nope.env' }, dir)).toThrow(/nope\.env: no such file \(named by KAZWIRE_ENV_FILE\)/);
  });
});

describe('.env.example', () => {
  const example = parseEnvFile(readFileSync(new URL('../../.env.example', import.meta.url), 'utf8'));

  it('documents every variable Kazwire reads', () => {
    expect(Object.keys(envSchema.shape).filter((name) => !(name in example))).toEqual([]);
    expect(Object.keys(example).filter((name) => !(name in envSchema.shape))).toEqual([]);
  });

  it('shows the defaults: copied unchanged to .env, it configures what no .env does', () => {
    expect(loadConfig(example)).toEqual(loadConfig({}));
  });
});
