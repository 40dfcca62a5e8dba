import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisSubscriptionStore } from '../../src/delivery/core/subscriptions.js';
import { TEST_REDIS_URL, useRedis, type RedisTestContext } from '../support/redis.js';
import { platforms } from '../../src/app/platforms.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let source: RedisTestContext;
let target: RedisTestContext;
let dir: string;
beforeAll(async () => {
  source = await useRedis('subs-cli-from');
  target = await useRedis('subs-cli-to');
  dir = mkdtempSync(path.join(tmpdir(), 'kw-subs-cli-'));
});
afterAll(async () => {
  await source.cleanup();
  await target.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function subscriptions(args: string[], prefix: string): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['scripts/run-cli.mjs', 'subscriptions', ...args], {
      cwd: root,
      env: { ...process.env, KAZWIRE_ENV_FILE: '/dev/null', REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix },
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout, err: err.stderr };
  }
}

describe('npm run subscriptions', { timeout: 90_000 }, () => {
  it('exports to a file and imports it into an empty Redis; a second import changes nothing', async () => {
    const store = createRedisSubscriptionStore({ ...source, platforms });
    await store.subscribe({ destination: { platform: 'telegram', chatId: '-100777' }, entities: ['tokayev'], keywords: ['Тоқаев'], exclude: [], mode: 'instant', createdBy: '7001' });
    await store.subscribe({ destination: { platform: 'discord', chatId: '555' }, entities: [], keywords: [], exclude: [], mode: 'digest', digestHourUtc: 5, createdBy: '42' });
    const file = path.join(dir, 'subs.json');

    const exported = await subscriptions(['export', file], source.prefix);
    expect(exported).toMatchObject({ code: 0, out: `Exported 2 subscriptions to ${file}.\n` });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'kazwire-subscriptions', version: 2, count: 2 });

    expect((await subscriptions(['import', file], target.prefix)).out).toBe(`Imported ${file}: 2 created, 0 updated, 0 unchanged.\n`);
    expect((await subscriptions(['import', file], target.prefix)).out).toBe(`Imported ${file}: 0 created, 0 updated, 2 unchanged.\n`);
    expect(await createRedisSubscriptionStore({ ...target, platforms }).listAll()).toEqual(await store.listAll());
  });

  it('refuses a bad file with every problem and a missing one by name', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'kazwire-subscriptions', version: 1, subscriptions: [{ id: 'x' }] }));
    const refused = await subscriptions(['import', bad], target.prefix);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/cannot import the subscriptions file:\n {2}- subscriptions\[0\]\.destination/);
    const missing = await subscriptions(['import', path.join(dir, 'nope.json')], target.prefix);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/ENOENT.*nope\.json/);
    expect((await subscriptions(['backup'], target.prefix)).code).toBe(2);
  });
});
