import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, defaultLogFormat } from '../src/log.js';

function capture(format: 'pretty' | 'json'): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  const logger = createLogger({ level: 'info', format, stream });
  logger.child({ module: 'poller' }).warn({ feedUrl: 'https://a.example/rss', status: 503 }, 'feed fetch failed');
  return { stream, text: () => chunks.join('') };
}

describe('createLogger', () => {
  it('writes one JSON object per line in json format', async () => {
    const { text } = capture('json');
    await new Promise((r) => setImmediate(r));
    const line = JSON.parse(text().trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 40, module: 'poller', feedUrl: 'https://a.example/rss', status: 503, msg: 'feed fetch failed' });
  });

  it('writes a readable line with the level, message and fields in pretty format', async () => {
    const { text } = capture('pretty');
    await new Promise((r) => setImmediate(r));
    const out = text();
    expect(() => JSON.parse(out)).toThrow();
    expect(out).toMatch(/WARN.*feed fetch failed/);
    expect(out).toMatch(/feedUrl: "https:\/\/a\.example\/rss"/);
  });

  it('chooses pretty on a terminal and JSON otherwise', () => {
    expect(defaultLogFormat({ isTTY: true })).toBe('pretty');
    expect(defaultLogFormat({ isTTY: false })).toBe('json');
    expect(defaultLogFormat({})).toBe('json');
  });
});
