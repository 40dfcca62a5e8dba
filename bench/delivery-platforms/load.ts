import { setTimeout as sleep } from 'node:timers/promises';
import { destinationKey } from '../../src/delivery/core/types.js';
import { paceSlotsMissed } from '../../src/metrics.js';
import { openEnv, queueStory, subscribe, type CommandCount, type Env } from './env.js';
import { broadcastLines, percentile, waitUntil } from './figures.js';
import { DESTINATIONS, LOAD_TIMEOUT_MS, STORIES, STORY_GAP_MS } from './settings.js';
import type { PlatformUnderTest } from './targets.js';

const snapshot = (c: CommandCount): CommandCount => ({ ...c });
const since = (c: CommandCount, before: CommandCount): CommandCount => ({
  total: c.total - before.total,
  roundTrips: c.roundTrips - before.roundTrips,
  paceReservations: c.paceReservations - before.paceReservations,
});

/** Where each refusal fell: with the bot's last second already full, or the chat's last 5 s busy. */
function refusalScopes(env: Env, limitPerSecond: number): string {
  let global = 0;
  let chat = 0;
  for (const r of env.refusals.at) {
    if (env.sends.filter((s) => s.at > r.at - 1000 && s.at <= r.at).length >= limitPerSecond - 1) global++;
    else if (env.sends.some((s) => s.destination === r.destination && s.at > r.at - 5000)) chat++;
  }
  return `${global} with the last second full, ${chat} with the chat busy in the last 5 s, ${env.refusals.at.length - global - chat} other`;
}

/** 10 stories to every one of DESTINATIONS destinations, with fresh destinations probed meanwhile. */
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
    const missed = async () => (await paceSlotsMissed.get()).values.find((v) => v.labels.platform === target.platform)?.value ?? 0;
    const missed0 = await missed();
    const before = { producer: snapshot(env.commands.producer), fanout: snapshot(env.commands.fanout), delivery: snapshot(env.commands.delivery) };
    const expected = STORIES * DESTINATIONS;
    const mainStories = () => env.sends.reduce((n, s) => n + (main.has(s.destination) ? s.stories : 0), 0);

    const probes: Array<{ key: string; queuedAt: number }> = [];
    let done = false;
    let broadcastAt = 0;
    const probing = (async () => {
      await sleep(250);
      for (let p = 0; !done; p++) {
        const destination = target.addDestination(p * 20); // private chats on Telegram: the 1/s chat limit, no group limit
        await subscribe(env, destination, `probe${p}`);
        probes.push({ key: destinationKey(destination), queuedAt: await queueStory(env, `probe${p}`, `probe${p}`) });
        await sleep(500);
      }
    })();
    for (let s = 0; s < STORIES; s++) {
      const at = await queueStory(env, `load${s}`, 'kazakhstan');
      if (s === 0) broadcastAt = at;
      if (s < STORIES - 1) await sleep(STORY_GAP_MS);
    }
    const finished = await waitUntil(() => mainStories() >= expected, LOAD_TIMEOUT_MS);
    done = true;
    await probing;
    await waitUntil(() => probes.every((p) => env.sends.some((s) => s.destination === p.key)), 20_000);

    const sends = env.sends;
    const first = sends[0]?.at ?? broadcastAt;
    const last = sends[sends.length - 1]?.at ?? broadcastAt;
    const seconds = Math.max(0.001, (last - first) / 1000);
    const perSecond = new Map<number, number>();
    for (const s of sends) perSecond.set(Math.floor((s.at - first) / 1000), (perSecond.get(Math.floor((s.at - first) / 1000)) ?? 0) + 1);
    const rate = sends.length / seconds;
    const mainSends = sends.filter((s) => main.has(s.destination));
    const sizes = mainSends.map((s) => s.stories);
    const share = (rate / target.limitPerSecond) * 100;

    console.log(
      `${target.platform} load: ${mainStories()}/${expected} deliveries to ${DESTINATIONS} destinations (${target.describeMix})` +
        `${finished ? '' : ` — NOT finished within ${LOAD_TIMEOUT_MS / 1000} s`}, ${STORIES} stories ${STORY_GAP_MS} ms apart, a fresh destination every 500 ms`,
    );
    console.log(
      `  ${sends.length} messages (${mainSends.length} to the 1,000, ${sends.length - mainSends.length} to fresh destinations) in ${seconds.toFixed(1)} s, first to last send ` +
        `(all delivered ${((last - broadcastAt) / 1000).toFixed(1)} s after the first story was queued): ${rate.toFixed(1)} messages/s = ${share.toFixed(1)} % of the ` +
        `${target.limitPerSecond}/s limit (aim: >= 95 %); busiest second ${Math.max(...perSecond.values())} messages`,
    );
    console.log(
      `  stories per message: mean ${(sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length)).toFixed(2)}, ` +
        `1: ${sizes.filter((n) => n === 1).length}, 2-5: ${sizes.filter((n) => n >= 2 && n <= 5).length}, 6+: ${sizes.filter((n) => n >= 6).length} messages`,
    );
    console.log(
      `  429s served by the fake: ${target.served429() - served0} (aim: 0); rate-limited sends in all (served or refused by the client): ${env.refusals.rateLimited}` +
        `${env.refusals.rateLimited > 0 ? ` (${refusalScopes(env, target.limitPerSecond)})` : ''}; send slots missed by a late wake-up and taken again: ${(await missed()) - missed0}`,
    );
    const producer = since(env.commands.producer, before.producer);
    const fanout = since(env.commands.fanout, before.fanout);
    const delivery = since(env.commands.delivery, before.delivery);
    const perMessage = (n: number) => (n / Math.max(1, sends.length)).toFixed(1);
    console.log(
      `  Redis commands per message sent: ${perMessage(producer.total + fanout.total + delivery.total)} (aim: <= 20) = ` +
        `delivery ${perMessage(delivery.total)} (${perMessage(delivery.paceReservations)} pacing reservations) + fan-out ${perMessage(fanout.total)} ` +
        `+ producer ${perMessage(producer.total)}; round trips ${perMessage(producer.roundTrips + fanout.roundTrips + delivery.roundTrips)} per message ` +
        `(scripts count as one command; not the workers' blocking clients)`,
    );
    const firstSend = new Map<string, number>();
    for (const s of mainSends) if (!firstSend.has(s.destination)) firstSend.set(s.destination, s.at);
    for (const line of broadcastLines([...firstSend.values()].map((at) => at - broadcastAt), target.limitPerSecond)) console.log(`  ${line}`);

    // A fresh destination queued during the broadcast comes after the fresh destinations queued before it.
    const probeLatency: number[] = [];
    const probeIdeal: number[] = [];
    probes.forEach((p, i) => {
      const sent = sends.find((s) => s.destination === p.key);
      if (!sent) return;
      probeLatency.push(sent.at - p.queuedAt);
      probeIdeal.push(Math.max(0, broadcastAt + ((DESTINATIONS + i + 1) / target.limitPerSecond) * 1000 - p.queuedAt));
    });
    console.log(
      `  first message to a destination subscribed during the load: p50 ${percentile(probeLatency, 50).toFixed(0)} ms (ideal ${percentile(probeIdeal, 50).toFixed(0)}), ` +
        `p95 ${percentile(probeLatency, 95).toFixed(0)} ms (ideal ${percentile(probeIdeal, 95).toFixed(0)}), ${probeLatency.length}/${probes.length} sent ` +
        `(ideal: after the fresh destinations queued before it, at the limit)`,
    );
  } finally {
    await env.close();
  }
}
