/**
 * Telegram command adapter benchmark (figures printed, not asserted), a real grammY bot under
 * @grammyjs/runner against the local fake Bot API, with the Redis rate limit, page and subscription stores:
 * - command round trip (user message in, reply stored by the fake), one at a time: median and p95;
 * - many users in many groups at once: commands answered per second;
 * - a Next press on a paged /timeline until the message is edited;
 * - rendering a long reply to HTML (pure).
 */
import { commandList } from '../commands/index.js';
import { createRedisPageStore } from '../src/commands/page-store.js';
import { createRedisSubscriptionStore } from '../src/delivery/core/subscriptions.js';
import { platforms } from '../src/app/platforms.js';
import { createTelegramBot, renderTelegramReply } from '../src/platforms/telegram/bot/index.js';
import { archiveOf, makeServices, story } from '../tests/support/command-doubles.js';
import { startFakeTelegram } from '../tests/fakes/telegram/server.js';
import { useRedis } from '../tests/support/redis.js';

const NOW = new Date('2022-01-10T12:00:00Z');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function until(check: () => boolean): Promise<void> {
  // Polls every 2 ms: a tighter loop would take CPU from the bot it is timing, in this same process.
  while (!check()) await new Promise((r) => setTimeout(r, 2));
}

export async function run(): Promise<void> {
  console.log('\n## telegram commands');
  const reply = {
    title: 'Timeline',
    blocks: Array.from({ length: 40 }, (_, i) => ({
      kind: 'links' as const,
      items: [{ label: `Headline <${i}> & more`, url: `https://news.example/${i}?a=1&b=2`, meta: '12:00 UTC · 3 outlets' }],
    })),
    pages: { page: 1, total: 3, token: 'abcdefghijklmnop' },
  };
  let t = performance.now();
  for (let i = 0; i < 5000; i++) renderTelegramReply(reply);
  console.log(`render a 40-link reply to HTML: ${Math.round((5000 / (performance.now() - t)) * 1000).toLocaleString('en')}/s`);

  const tg = await startFakeTelegram({ rateLimits: false });
  const redis = await useRedis('bench-tg-cmd');
  const stories = Array.from({ length: 200 }, (_, i) => story(new Date(NOW.getTime() - i * 1800_000).toISOString(), `Story ${i}`));
  const services = makeServices({
    subscriptions: createRedisSubscriptionStore({ redis: redis.redis, keys: redis.keys, platforms }),
    pages: createRedisPageStore(redis.redis, redis.keys),
    archive: archiveOf(stories),
  });
  const bot = createTelegramBot({
    token: tg.token, apiRoot: tg.apiRoot, commands: commandList, services, redis: redis.redis, keys: redis.keys,
    ownerIds: [], rateLimit: { limit: 1_000_000 }, now: () => NOW, pollingTimeoutSeconds: 5,
  });
  try {
    await bot.start();
    const dm = tg.addChat({ type: 'private', user: { id: 900 } });
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const before = tg.botReplies(dm).length;
      t = performance.now();
      tg.sendUserMessage({ chatId: dm, from: { id: 900 }, text: '/who tokayev' });
      await until(() => tg.botReplies(dm).length > before);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`/who round trip, one at a time: median ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`);

    const groups = Array.from({ length: 20 }, (_, i) => tg.addChat({ type: 'supergroup', title: `G${i}` }));
    const total = 1000;
    t = performance.now();
    for (let i = 0; i < total; i++) {
      tg.sendUserMessage({ chatId: groups[i % groups.length]!, from: { id: 2000 + (i % 100) }, text: '/timeline tokayev' });
    }
    await until(() => groups.reduce((n, g) => n + tg.botReplies(g).length, 0) >= total);
    const ms = performance.now() - t;
    console.log(`/timeline from 100 users in 20 groups: ${Math.round((total / ms) * 1000).toLocaleString('en')} answered/s`);

    const first = tg.botReplies(groups[0]!)[0]!;
    const data = first.replyMarkup?.inline_keyboard[0]?.[0]?.callback_data ?? '';
    t = performance.now();
    tg.pressButton({ chatId: groups[0]!, messageId: first.messageId, from: { id: 2000 }, data });
    await until(() => tg.callbackAnswers().some((q) => q.answered));
    console.log(`Next press to edited page: ${(performance.now() - t).toFixed(1)} ms`);
  } finally {
    await bot.stop();
    await tg.close();
    await redis.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
