import { describe, expect, it } from 'vitest';
import { createKeyedSemaphore } from '../../../src/feeds/fetch/keyed-semaphore.js';

describe('createKeyedSemaphore', () => {
  it('lets at most the permitted number of holders in per key, and others through for other keys', async () => {
    const sem = createKeyedSemaphore(2);
    const a1 = await sem.acquire('a');
    await sem.acquire('a');
    let thirdIn = false;
    const third = sem.acquire('a').then((release) => {
      thirdIn = true;
      return release;
    });
    await sem.acquire('b');
    await Promise.resolve();
    expect(thirdIn).toBe(false);
    expect(sem.held('a')).toBe(2);
    a1();
    await third;
    expect(thirdIn).toBe(true);
    expect(sem.held('a')).toBe(2);
  });

  it('serves waiters first come, first served', async () => {
    const sem = createKeyedSemaphore(1);
    const first = await sem.acquire('k');
    const order: number[] = [];
    const waiting = [1, 2, 3].map((n) => sem.acquire('k').then((release) => (order.push(n), release())));
    first();
    await Promise.all(waiting);
    expect(order).toEqual([1, 2, 3]);
    expect(sem.held('k')).toBe(0);
  });

  it('ignores a second release of the same permit', async () => {
    const sem = createKeyedSemaphore(1);
    const release = await sem.acquire('k');
    release();
    release();
    expect(sem.held('k')).toBe(0);
    await sem.acquire('k');
    expect(sem.held('k')).toBe(1);
  });

  it('gives up the place in line when the signal aborts, with the signal reason', async () => {
    const sem = createKeyedSemaphore(1);
    const holder = await sem.acquire('k');
    const controller = new AbortController();
    const waiting = sem.acquire('k', controller.signal);
    controller.abort(new Error('deadline'));
    await expect(waiting).rejects.toThrow('deadline');
    holder();
    expect(sem.held('k')).toBe(0);
  });
});
