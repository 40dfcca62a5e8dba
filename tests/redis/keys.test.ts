import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeys, deploymentKeys, keyPrefix } from '../../src/redis/keys.js';
import { projectRoot } from '../../src/paths.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(projectRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(rel);
    return entry.name.endsWith('.ts') ? [rel] : [];
  });
}

/** A key written out by hand: the prefix followed by `:` in a template (`${keys.prefix}:lock:...`). */
const HAND_BUILT_KEY = /\$\{[^}]*\bprefix\}:[a-z]/;

describe('Redis keys', () => {
  it('are all built in src/redis/keys.ts', () => {
    const offenders = [...sourceFiles('src'), ...sourceFiles('commands')]
      .filter((file) => file !== 'src/redis/keys.ts')
      .filter((file) => HAND_BUILT_KEY.test(readFileSync(path.join(projectRoot, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('recognises a key built by hand', () => {
    expect(HAND_BUILT_KEY.test('const lock = `${deps.keys.prefix}:lock:x`;')).toBe(true);
    expect(HAND_BUILT_KEY.test("redis.scan(cursor, 'MATCH', `${prefix}:*`)")).toBe(false);
    expect(HAND_BUILT_KEY.test('const name = `${root.prefix}:`;')).toBe(false);
  });

  it('live under the one prefix, the locks and the digest snapshot included', () => {
    const keys = createKeys('kw-test');
    expect(keys.archivePruneLock()).toBe('kw-test:lock:archive-prune');
    expect(keys.reconcilePollsLock()).toBe('kw-test:lock:reconcile-polls');
    expect(keys.digestSnapshot('s1')).toBe('kw-test:inflight:digest:s1');
    expect(keys.dataMarker()).toBe('kw-test:data-marker');
  });

  it('share one hash tag on a Redis Cluster, so that every script and queue of a deployment has its keys in one slot', () => {
    const keys = createKeys('kw', { cluster: true });
    expect(keys.prefix).toBe('{kw}');
    expect(keys.feed('f1')).toBe('{kw}:feed:f1');
    expect(keys.delivered('telegram:1', 's1')).toBe('{kw}:delivered:telegram:1:s1');
    expect(keyPrefix('{kw}', { cluster: true })).toBe('{kw}');
  });

  it('keep their plain names on one Redis, where a deployment\'s data already lives', () => {
    expect(deploymentKeys({ REDIS_PREFIX: 'kw' }).feed('f1')).toBe('kw:feed:f1');
    expect(deploymentKeys({ REDIS_PREFIX: 'kw', REDIS_CLUSTER_NODES: [{ host: 'a', port: 1 }] }).feed('f1')).toBe('{kw}:feed:f1');
  });
});
