import { describe, expect, it } from 'vitest';
import { runPeriodically } from '../../src/app/periodic.js';
import { waitUntil } from '../support/wait-until.js';

describe('a periodic maintenance task', () => {
  it('tries a failed run again after a short backoff, not a whole period later', async () => {
    const runs: number[] = [];
    const waits: number[] = [];
    const stop = runPeriodically(
      async () => {
        runs.push(Date.now());
        if (runs.length <= 2) throw new Error('Redis went away');
      },
      { everyMs: 3600_000, retryMs: 20, onError: (_err, retryInMs) => waits.push(retryInMs) },
    );
    await waitUntil('the third run', () => runs.length >= 3, { timeoutMs: 2_000, intervalMs: 5 });
    await stop();
    expect(waits).toEqual([20, 40]);
    expect(runs.length).toBe(3); // then it waits its hour
  });
});
