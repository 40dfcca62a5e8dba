import { setTimeout as sleep } from 'node:timers/promises';
import { destinationKey } from '../../src/delivery/core/types.js';
import { openEnv, queueStory, subscribe } from './env.js';
import { latencyLine, waitUntil } from './figures.js';
import { DESTINATIONS, LOAD_TIMEOUT_MS, STORIES, STORY_GAP_MS } from './settings.js';
import type { PlatformUnderTest } from './targets.js';

/** 10 stories to every one of DESTINATIONS destinations, with latency probes to fresh destinations meanwhile. */
export async function underLoad(target: PlatformUnderTest): Promise<void> {
  const env = await openEnv(target);
  try {
    const main = new Set<string>();
    for (let i = 0; i < DESTINATIONS; i += 100) {
      const batch = Array.from({ length: Math.min(100, DESTINATIONS - i) }, (_, j) => target.addDestination(i + j));
      for (const d of batch) main.add(destinationKey(d));
      await Promise.all(batch.map((d) => subscribe(env, d, 'kazakhstan')));
    }
    const served0 = target.served429();
    const commands0 = env.commands.total;
    const acquires0 = env.commands.paceAcquires;
    const expected = STORIES * DESTINATIONS;
    const mainStories = () => env.sends.reduce((n, s) => n + (main.has(s.destination) ? s.stories : 0), 0);
    const start = Date.now();

    const probes: Array<{ key: string; queuedAt: number }> = [];
    let done = false;
    const probing = (async () => {
      for (let p = 0; !done; p++) {
        const destination = target.addDestination(p * 20); // private chats on Telegram: the 1/s chat limit, no group limit
        await subscribe(env, destination, `probe${p}`);
        probes.push({ key: destinationKey(destination), queuedAt: await queueStory(env, `probe${p}`, `probe${p}`) });
        await sleep(500);
      }
    })();
    for (let s = 0; s < STORIES; s++) {
      await queueStory(env, `load${s}`, 'kazakhstan');
      if (s < STORIES - 1) await sleep(STORY_GAP_MS);
    }
    const finished = await waitUntil(() => mainStories() >= expected, LOAD_TIMEOUT_MS);
    done = true;
    await probing;
    await waitUntil(() => probes.every((p) => env.sends.some((s) => s.destination === p.key)), 10_000);

    const mainSends = env.sends.filter((s) => main.has(s.destination));
    const first = mainSends[0]?.at ?? start;
    const last = mainSends[mainSends.length - 1]?.at ?? start;
    const seconds = Math.max(0.001, (last - first) / 1000);
    const perSecond = new Map<number, number>();
    for (const s of env.sends) perSecond.set(Math.floor((s.at - first) / 1000), (perSecond.get(Math.floor((s.at - first) / 1000)) ?? 0) + 1);
    const peak = Math.max(...perSecond.values());
    const rate = mainSends.length / seconds;
    const sizes = mainSends.map((s) => s.stories);
    const probeLatency = probes.flatMap((p) => {
      const sent = env.sends.find((s) => s.destination === p.key);
      return sent ? [sent.at - p.queuedAt] : [];
    });

    console.log(
      `${target.platform} load: ${mainStories()}/${expected} deliveries to ${DESTINATIONS} destinations (${target.describeMix})` +
        `${finished ? '' : ` — NOT finished within ${LOAD_TIMEOUT_MS / 1000} s`}, ${STORIES} stories ${STORY_GAP_MS} ms apart`,
    );
    console.log(
      `  ${mainSends.length} messages in ${seconds.toFixed(1)} s (first to last send; ${((last - start) / 1000).toFixed(1)} s from the first story queued): ` +
        `${rate.toFixed(1)} messages/s = ${((rate / target.limitPerSecond) * 100).toFixed(0)} % of the ${target.limitPerSecond}/s limit; ` +
        `busiest second ${peak} messages (probes included)`,
    );
    console.log(
      `  stories per message: mean ${(sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length)).toFixed(2)}, ` +
        `1: ${sizes.filter((n) => n === 1).length}, 2-5: ${sizes.filter((n) => n >= 2 && n <= 5).length}, ` +
        `6+: ${sizes.filter((n) => n >= 6).length} messages`,
    );
    console.log(
      `  429s served by the fake: ${target.served429() - served0} (aim: 0); rate-limited sends in all (served or refused by the client): ${env.refusals.rateLimited}`,
    );
    const messages = env.sends.length;
    console.log(
      `  Redis commands (producer, state, pacing, worker; not the blocking client): ${((env.commands.total - commands0) / messages).toFixed(1)} per message, ` +
        `pacing acquisitions ${((env.commands.paceAcquires - acquires0) / messages).toFixed(1)} per message`,
    );
    const pace = target.sender.platform.pace.global;
    console.log(latencyLine(`  ${target.platform} under load, first message to a fresh destination`, probeLatency, probes.length));
    if (pace) {
      console.log(
        `  (the pacer lets ${pace.capacity} + ${pace.refillPerSecond}/s through: one message to each of the ${DESTINATIONS} destinations ` +
          `alone takes ${(DESTINATIONS / pace.refillPerSecond).toFixed(0)} s, and a fresh destination queues with them)`,
      );
    }
  } finally {
    await env.close();
  }
}
