import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createHealth } from '../../src/app/health.js';
import { createLogger } from '../../src/log.js';

function recordingLogger() {
  const lines: Array<{ level: number; msg: string; component?: string; check?: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', format: 'json', stream }), lines };
}

describe('health registry', () => {
  it('logs a warning with what to check once when a component goes down, and once when it is back', () => {
    const { logger, lines } = recordingLogger();
    const health = createHealth(logger);
    health.report('telegram', true, 'long polling');
    for (let i = 0; i < 5; i++) health.report('telegram', false, `getUpdates: fetch failed (${i})`, { check: 'can this host reach TELEGRAM_API_ROOT?' });
    health.report('telegram', true, 'long polling');
    health.report('telegram', true, 'answering');
    const said = lines.filter((l) => l.component === 'telegram');
    expect(said.map((l) => [l.level, l.msg])).toEqual([
      [40, 'telegram is down'],
      [30, 'telegram is back'],
    ]);
    expect(said[0]?.check).toBe('can this host reach TELEGRAM_API_ROOT?');
  });

  it('keeps the time of the last change and the latest detail', () => {
    let now = new Date('2026-01-05T10:00:00Z');
    const health = createHealth(recordingLogger().logger, () => now);
    health.report('discord', false, 'cannot connect: 503');
    now = new Date('2026-01-05T10:05:00Z');
    health.report('discord', false, 'cannot connect: ECONNREFUSED');
    expect(health.snapshot()).toEqual({
      status: 'unavailable',
      components: { discord: { up: false, detail: 'cannot connect: ECONNREFUSED', since: '2026-01-05T10:00:00.000Z' } },
    });
    health.report('discord', true, 'connected');
    expect(health.snapshot().components.discord?.since).toBe('2026-01-05T10:05:00.000Z');
    expect(health.snapshot().status).toBe('ok');
  });
});
