/**
 * Delivery against the local Discord and Telegram fakes, their rate limits ON (figures printed, not asserted).
 * Real BullMQ queues and workers (fan-out and delivery, default concurrency), the real senders, a throwaway
 * Redis prefix per scenario. For each platform:
 * - idle latency: stories queued one at a time (on the `stories` queue, as ingest does) to fresh destinations;
 *   enqueue-to-send time of that first message (send answered by the fake);
 * - load: 10 stories fanned out to 1,000 destinations (10,000 deliveries), one story every STORY_GAP_MS,
 *   while a fresh destination is probed every 500 ms for the latency under load; messages/s against the
 *   platform's limit, 429s served by the fake, stories per message, Redis commands per message.
 * Then fan-out of one story to 10,000 subscriptions: time and Redis commands.
 * BENCH_SCALE (default 1) scales destinations and subscriptions; STORY_GAP_MS (default 1000) spaces the stories.
 * One file per scenario in bench/delivery-platforms/.
 */
import { fanout } from './delivery-platforms/fanout.js';
import { idleLatency } from './delivery-platforms/idle.js';
import { underLoad } from './delivery-platforms/load.js';
import { DESTINATIONS, SCALE } from './delivery-platforms/settings.js';
import { discordUnderTest, telegramUnderTest } from './delivery-platforms/targets.js';

export async function run(): Promise<void> {
  console.log('\n## delivery against the platform fakes (limits on)');
  if (SCALE !== 1) console.log(`BENCH_SCALE=${SCALE}: ${DESTINATIONS} destinations, fan-out to ${Math.round(10_000 * SCALE)} subscriptions`);
  for (const start of [discordUnderTest, telegramUnderTest]) {
    const target = await start();
    try {
      await idleLatency(target);
      await underLoad(target);
    } finally {
      await target.close();
    }
  }
  await fanout();
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
