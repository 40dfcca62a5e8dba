import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupFileName, startSubscriptionBackups } from '../../src/backup/scheduled-backup.js';
import { parseSubscriptions, serialiseSubscriptions } from '../../src/backup/subscriptions-file.js';
import type { Subscription } from '../../src/delivery/core/types.js';
import { silentLogger } from '../../src/log.js';
import { platforms } from '../../src/app/platforms.js';

const sub = (id: string): Subscription => ({
  id,
  destination: { platform: 'discord', chatId: '42' },
  entities: [],
  keywords: [],
  exclude: [],
  mode: 'instant',
  createdBy: 'u',
  createdAt: '2022-01-05T00:00:00.000Z',
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kw-backup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function backupAt(iso: string, subs: Subscription[], keep = 3): Promise<void> {
  const stop = startSubscriptionBackups({
    store: { listAll: async () => subs },
    dir: path.join(dir, 'backups'),
    everyMs: 3600_000,
    keep,
    logger: silentLogger,
    now: () => new Date(iso),
  });
  await stop();
}

describe('scheduled subscriptions export', () => {
  it('writes a complete export into BACKUP_DIR (created when missing) and keeps only the newest few', async () => {
    for (const [i, at] of ['2022-01-01T00:00:00Z', '2022-01-02T00:00:00Z', '2022-01-03T00:00:00Z', '2022-01-04T00:00:00Z'].entries()) {
      await backupAt(at, [sub(`s${i}`)], 2);
    }
    const files = readdirSync(path.join(dir, 'backups')).sort();
    expect(files).toEqual([backupFileName(new Date('2022-01-03T00:00:00Z')), backupFileName(new Date('2022-01-04T00:00:00Z'))]);
    const newest = parseSubscriptions(readFileSync(path.join(dir, 'backups', files[1]!), 'utf8'), platforms);
    expect(newest.map((s) => s.id)).toEqual(['s3']);
  });

  it('does not write an empty export over a backup that has subscriptions (Redis was emptied)', async () => {
    await backupAt('2022-01-01T00:00:00Z', [sub('a'), sub('b')]);
    await backupAt('2022-01-02T00:00:00Z', []);
    expect(readdirSync(path.join(dir, 'backups'))).toEqual([backupFileName(new Date('2022-01-01T00:00:00Z'))]);
  });

  it('leaves other files in the folder alone', async () => {
    const backups = path.join(dir, 'backups');
    await backupAt('2022-01-01T00:00:00Z', [sub('a')], 1);
    writeFileSync(path.join(backups, 'notes.txt'), 'mine');
    writeFileSync(path.join(backups, 'subscriptions-manual.json'), serialiseSubscriptions([]));
    await backupAt('2022-01-02T00:00:00Z', [sub('a')], 1);
    expect(readdirSync(backups).sort()).toEqual(['notes.txt', backupFileName(new Date('2022-01-02T00:00:00Z')), 'subscriptions-manual.json'].sort());
  });
});
