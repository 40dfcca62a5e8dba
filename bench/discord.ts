/**
 * Discord benchmark (figures printed, not asserted):
 * - rendering: alerts and 10-story combined messages per second (grapheme-safe cutting included);
 * - sending: messages per second through the real discord.js REST client to the local fake, one channel
 *   per request so Discord's per-channel limit is not what is measured, and the fake's global limit raised.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SendError } from '../src/delivery/core/types.js';
import type { Story } from '../src/news/types.js';
import { renderDiscordMessage } from '../src/platforms/discord/render.js';
import { createDiscordSender } from '../src/platforms/discord/sender.js';
import { startFakeDiscord } from '../tests/fakes/discord/server.js';

function story(i: number): Story {
  return {
    id: `s${i}`,
    title: `Токаев подписал закон о выборах акимов районов №${i} — ${'подробности '.repeat(30)}`,
    link: `https://example.kz/news/${i}`,
    source: 'Astana Times',
    summary: 'The president signed the law. **Akims** of districts will be elected directly. '.repeat(8),
    publishedAt: new Date(1_700_000_000_000 + i * 60_000).toISOString(),
    entities: ['tokayev', 'kazakhstan'],
    score: 3,
    alsoReportedBy: [{ source: 'Kursiv', title: 'x' }, { source: 'Vlast', title: 'y' }],
    itemIds: [`i${i}`],
  };
}

function rate(count: number, ms: number): string {
  return `${Math.round((count / ms) * 1000).toLocaleString('en')}/s`;
}

export async function run(): Promise<void> {
  console.log('\n## discord');
  const stories = Array.from({ length: 1000 }, (_, i) => story(i));

  // Warm up: the first calls load ICU's grapheme data and compile the regular expressions.
  for (const s of stories) renderDiscordMessage({ kind: 'alert', stories: [s] });
  let start = performance.now();
  for (const s of stories) renderDiscordMessage({ kind: 'alert', stories: [s] });
  console.log(`render alert (1 embed): ${rate(stories.length, performance.now() - start)}`);

  start = performance.now();
  for (let i = 0; i < stories.length; i += 10) renderDiscordMessage({ kind: 'digest', heading: 'Daily digest', stories: stories.slice(i, i + 10) });
  console.log(`render combined (10 embeds): ${rate(stories.length / 10, performance.now() - start)}`);

  const discord = await startFakeDiscord({ rateLimits: { globalPerSecond: 1_000_000 } });
  try {
    const guild = discord.addGuild();
    const channels = Array.from({ length: 150 }, () => discord.addChannel({ guildId: guild.id }).id);
    const sender = createDiscordSender({ token: discord.token, apiUrl: discord.apiUrl });
    const count = 150;
    let limited = 0;
    let sendMs = 0;
    start = performance.now();
    for (let i = 0; i < count; i += 1) {
      for (;;) {
        const t = performance.now();
        try {
          await sender.send({ platform: 'discord', chatId: channels[i] as string }, { kind: 'alert', stories: [stories[i] as Story] }, `bench-${i}`);
          sendMs += performance.now() - t;
          break;
        } catch (err) {
          // The delivery layer waits out a rate limit the same way.
          if (!(err instanceof SendError) || err.failure.kind !== 'rate-limited') throw err;
          limited += 1;
          await sleep(err.failure.retryAfterMs);
        }
      }
    }
    const ms = performance.now() - start;
    console.log(`send to local fake, one at a time: ${rate(count, ms)} overall; ${(sendMs / count).toFixed(2)} ms mean per successful send`);
    console.log(`rate-limited refusals waited out: ${limited} (discord.js REST holds itself to 50 requests/s, as Discord does)`);
  } finally {
    await discord.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
