import type { Destination } from '../../src/delivery/core/types.js';
import { fanOutStory } from '../../src/delivery/fanout.js';
import { makeStory } from '../../tests/delivery/helpers.js';
import { openEnv, subscribe } from './env.js';
import { SCALE } from './settings.js';

/** Fan-out of one story to 10,000 subscriptions (half Discord channels, half Telegram chats), all matching. */
export async function fanout(): Promise<void> {
  const env = await openEnv(undefined);
  const n = Math.max(100, Math.round(10_000 * SCALE));
  try {
    for (let i = 0; i < n; i += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, n - i) }, (_, j) => {
          const k = i + j;
          const destination: Destination =
            k % 2 === 0 ? { platform: 'discord', chatId: String(900_000_000_000 + k) } : { platform: 'telegram', chatId: String(k % 4 === 1 ? 700_000 + k : -1_000_000_000_000 - k) };
          return subscribe(env, destination, k % 3 === 0 ? 'tokayev' : 'kazakhstan');
        }),
      );
    }
    env.stories.put(makeStory('fan1', { entities: ['kazakhstan', 'tokayev'] }));
    const before = { ...env.commands.producer };
    const t0 = performance.now();
    const result = await fanOutStory(
      { redis: env.redis, keys: env.keys, deliveries: env.deliveries, subscriptions: env.store, stories: env.stories },
      { storyId: 'fan1', kind: 'new' },
      Date.now(),
    );
    const ms = performance.now() - t0;
    const trips = env.commands.producer.roundTrips - before.roundTrips;
    console.log(
      `fan-out of 1 story to ${n.toLocaleString('en')} subscriptions: ${ms.toFixed(0)} ms (aim: under 200 ms), ${result.alerts} delivery jobs, ` +
        `${trips} Redis round trips (aim: under 1,000), ${env.commands.producer.total - before.total} commands`,
    );
  } finally {
    await env.close();
  }
}
