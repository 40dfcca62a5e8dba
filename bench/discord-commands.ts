/**
 * Discord command adapter benchmark (figures printed, not asserted): the real discord.js Client against the
 * local fake Discord, with the Redis rate limit, page and subscription stores:
 * - rendering a long reply to embeds (pure);
 * - /timeline round trip, one at a time (interaction dispatched, first response recorded): median and p95;
 * - a Next press on the paged /timeline until the message is updated;
 * - 50 users at once: interactions answered per second.
 */
import { commandList } from '../commands/index.js';
import { createRedisPageStore } from '../src/commands/page-store.js';
import { createRedisSubscriptionStore } from '../src/delivery/core/subscriptions.js';
import { platforms } from '../src/app/platforms.js';
import { createDiscordBot, renderDiscordReply } from '../src/platforms/discord/bot/index.js';
import { archiveOf, makeServices, story } from '../tests/support/command-doubles.js';
import { startFakeDiscord } from '../tests/fakes/discord/server.js';
import { useRedis } from '../tests/support/redis.js';

const NOW = new Date('2022-01-10T12:00:00Z');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

export async function run(): Promise<void> {
  console.log('\n## discord commands');
  const reply = {
    title: 'Timeline',
    blocks: Array.from({ length: 8 }, (_, d) => [
      { kind: 'heading' as const, text: `Monday ${d + 1} January` },
      {
        kind: 'links' as const,
        items: Array.from({ length: 5 }, (_, i) => ({ label: `Headline *${d}.${i}* [more]`, url: `https://news.example/${d}/${i}`, meta: '12:00 UTC · 3 outlets' })),
      },
    ]).flat(),
    pages: { page: 1, total: 3, token: 'abcdefghijklmnop' },
  };
  let t = performance.now();
  for (let i = 0; i < 5000; i++) renderDiscordReply(reply);
  console.log(`render a 40-link, 8-heading reply to embeds: ${Math.round((5000 / (performance.now() - t)) * 1000).toLocaleString('en')}/s`);

  const discord = await startFakeDiscord();
  const redis = await useRedis('bench-discord-cmd');
  const stories = Array.from({ length: 200 }, (_, i) => story(new Date(NOW.getTime() - i * 1800_000).toISOString(), `Story ${i}`));
  const services = makeServices({
    subscriptions: createRedisSubscriptionStore({ redis: redis.redis, keys: redis.keys, platforms }),
    pages: createRedisPageStore(redis.redis, redis.keys),
    archive: archiveOf(stories),
  });
  const guild = discord.addGuild();
  const channel = discord.addChannel({ guildId: guild.id });
  const bot = createDiscordBot({
    token: discord.token, apiUrl: discord.apiUrl, guildId: guild.id, commands: commandList, services,
    redis: redis.redis, keys: redis.keys, ownerIds: [], rateLimit: { limit: 1_000_000 }, now: () => NOW,
  });
  try {
    t = performance.now();
    await bot.start();
    console.log(`start-up (login, ready, command registration): ${ms(performance.now() - t)}`);

    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      t = performance.now();
      await discord.dispatchInteraction({ channelId: channel.id, commandName: 'timeline', options: [{ name: 'days', type: 4, value: 7 }] }).firstResponse;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`/timeline round trip (200, one at a time): median ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}`);

    const message = discord.messages(channel.id).at(-1);
    const next = (message?.components as Array<{ components: Array<{ custom_id: string }> }>)[0]?.components[1]?.custom_id ?? '';
    const presses: number[] = [];
    for (let i = 0; i < 100; i++) {
      t = performance.now();
      await discord.dispatchInteraction({ type: 3, channelId: channel.id, customId: next, messageId: message?.id }).firstResponse;
      presses.push(performance.now() - t);
    }
    presses.sort((a, b) => a - b);
    console.log(`Next press until the message is updated (100): median ${ms(percentile(presses, 50))}, p95 ${ms(percentile(presses, 95))}`);

    const users = Array.from({ length: 50 }, (_, i) => discord.addUser(`user${i}`));
    for (const u of users) discord.addMember(guild.id, u.id);
    t = performance.now();
    await Promise.all(
      users.flatMap((u) => Array.from({ length: 4 }, () => discord.dispatchInteraction({ channelId: channel.id, commandName: 'who', userId: u.id, options: [{ name: 'name', type: 3, value: 'Tokayev' }] }).firstResponse)),
    );
    const elapsed = performance.now() - t;
    console.log(`200 /who from 50 users at once: ${ms(elapsed)} (${Math.round((200 / elapsed) * 1000)} interactions/s)`);
  } finally {
    await bot.stop();
    await discord.close();
    await redis.cleanup();
  }
}
