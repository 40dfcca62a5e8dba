/**
 * Telegram benchmark (figures printed, not asserted):
 * - rendering: single alerts and 60-story digests per second (pure, no I/O);
 * - sending: messages per second through the real grammY Api to the local fake Bot API (limits off), which
 *   bounds what one sender process can push before Telegram's own 30 messages/s applies.
 */
import { createTelegramSender } from '../src/platforms/telegram/sender.js';
import { renderTelegramMessages } from '../src/platforms/telegram/render.js';
import type { Story } from '../src/news/types.js';
import { startFakeTelegram } from '../tests/fakes/telegram/server.js';

function story(i: number): Story {
  return {
    id: `s${i}`,
    title: `Tokayev <meets> regional leaders & ministers in Astana, story ${i}`,
    link: `https://news.example.kz/a/${i}?ref="feed"&x=1`,
    source: 'Kazinform',
    summary: 'The president discussed trade, water and transit with neighbouring states. '.repeat(3),
    publishedAt: '2022-01-06T14:05:00Z',
    entities: ['tokayev'],
    score: 5,
    alsoReportedBy: [{ source: 'Tengrinews', link: 'https://tengrinews.example/1', title: 't' }],
    itemIds: [`i${i}`],
  };
}

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en')}/s`;
}

export async function run(): Promise<void> {
  console.log('\n## telegram');
  const alerts = Array.from({ length: 20_000 }, (_, i) => story(i));
  let t = performance.now();
  for (const s of alerts) renderTelegramMessages({ kind: 'alert', stories: [s] });
  console.log(`render single alert: ${rate(alerts.length, performance.now() - t)}`);

  const digest = { kind: 'digest' as const, heading: 'Daily digest, 6 Jan 2022', stories: alerts.slice(0, 60) };
  t = performance.now();
  let parts = 0;
  for (let i = 0; i < 500; i++) parts = renderTelegramMessages(digest).length;
  console.log(`render 60-story digest: ${rate(500, performance.now() - t)} (${parts} messages each)`);

  const tg = await startFakeTelegram({ rateLimits: false });
  try {
    const sender = createTelegramSender({ token: tg.token, apiRoot: tg.apiRoot });
    const chats = Array.from({ length: 50 }, (_, i) => tg.addChat({ type: 'private', user: { id: 10_000 + i } }));
    const total = 2000;
    t = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < total) {
          const i = next++;
          await sender.send({ platform: 'telegram', chatId: String(chats[i % chats.length]) }, { kind: 'alert', stories: [story(i)] }, `b${i}`);
        }
      }),
    );
    console.log(`send to the local fake (8 in flight): ${rate(total, performance.now() - t)}`);
  } finally {
    await tg.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
