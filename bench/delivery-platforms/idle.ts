import { setTimeout as sleep } from 'node:timers/promises';
import { destinationKey } from '../../src/delivery/core/types.js';
import { openEnv, queueStory, subscribe } from './env.js';
import { latencyLine, waitUntil } from './figures.js';
import { IDLE_SAMPLES } from './settings.js';
import type { PlatformUnderTest } from './targets.js';

/** First messages to fresh destinations, one at a time, nothing else going on. */
export async function idleLatency(target: PlatformUnderTest): Promise<void> {
  const env = await openEnv(target);
  try {
    const latencies: number[] = [];
    for (let i = 0; i < IDLE_SAMPLES; i++) {
      const destination = target.addDestination(i);
      await subscribe(env, destination, `idle${i}`);
      const key = destinationKey(destination);
      const queuedAt = await queueStory(env, `idle${i}`, `idle${i}`);
      if (!(await waitUntil(() => env.sends.some((s) => s.destination === key), 10_000))) continue;
      latencies.push(env.sends.find((s) => s.destination === key)!.at - queuedAt);
      await sleep(50);
    }
    console.log(latencyLine(`${target.platform} idle, story queued to first message sent`, latencies, IDLE_SAMPLES));
  } finally {
    await env.close();
  }
}
