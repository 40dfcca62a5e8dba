import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandList, timeline } from '../../commands/index.js';
import { ask } from '../../src/cli/ask.js';
import { runCommand, runPage } from '../../src/commands/dispatch.js';
import { createCommandRegistry } from '../../src/commands/registry.js';
import { createCommandServices, type CommandServicesHandle } from '../../src/app/command-services.js';
import { loadConfig } from '../../src/config/env.js';
import { createRedisArchive } from '../../src/news/archive.js';
import { TEST_REDIS_URL, useRedis, type RedisTestContext } from '../support/redis.js';
import { story } from '../support/command-doubles.js';

const registry = createCommandRegistry(commandList);
const now = () => new Date('2022-01-08T12:00:00Z');

describe('npm run ask, on the real services', () => {
  let ctx: RedisTestContext;
  let handle: CommandServicesHandle;
  beforeEach(async () => {
    ctx = await useRedis('cmd-ask');
    const config = loadConfig({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: ctx.prefix });
    handle = createCommandServices({ config, redis: ctx.redis, keys: ctx.keys });
  });
  afterEach(async () => {
    await handle.close();
    await ctx.cleanup();
  });

  const run = (text: string) => ask(text, { registry, services: handle.services, now });

  it('subscribes the console and lists it, with Telegram-style words and name=value', async () => {
    const first = await run('/subscribe Токаев fuel');
    expect(first.output).toContain('This channel will get stories about Kassym-Jomart Tokayev containing "fuel" as they break.');
    const again = await run('/subscribe topic=tokayev keywords=fuel,gas mode=digest');
    expect(again.output).toContain("Updated this channel's subscription");
    const list = await run('/subscriptions');
    // 08:00 in Almaty, shown with the UTC time it is on the day (Almaty moved from UTC+6 to UTC+5 in 2024).
    expect(list.output).toMatch(/Stories about Kassym-Jomart Tokayev containing "fuel" or "gas", in a daily digest at 08:00 Asia\/Almaty \(0[23]:00 UTC\)\./);
    expect(list.output).toContain("This channel's subscriptions (1)");
  });

  it('reads a quoted phrase typed in the terminal as one keyword', async () => {
    const { output } = await run('/subscribe topic=tokayev keywords="fuel prices" exclude=«футбол»');
    expect(output).toContain('stories about Kassym-Jomart Tokayev containing "fuel prices", excluding "футбол" as they break');
  });

  it('answers /who from the topic pack, in any script', async () => {
    const { output, exitCode } = await run('/who Тоқаев');
    expect(exitCode).toBe(0);
    expect(output.split('\n')[0]).toBe('Kassym-Jomart Tokayev');
    // Nothing was read yet: the archive's emptiness is said, not "0 mentions".
    expect(output).toContain('Mentions: none yet: the archive is still empty');
    // The bundled profile file is wired in: role and key dates come from it.
    expect(output).toContain('Role: ');
    expect(output).toContain('── Key dates ──');
  });

  it('pages a timeline from the real archive, and the token serves the next page', async () => {
    const archive = createRedisArchive({ redis: ctx.redis, keys: ctx.keys });
    for (let i = 0; i < 12; i++) await archive.saveNewStory(story(new Date(Date.UTC(2022, 0, 6, i)).toISOString(), `Headline ${i + 1}`));
    const { output } = await run('/timeline tokayev');
    expect(output).toContain('12 stories, oldest first.');
    expect(output).toContain('Page 1 of 2. Add page=2 for the next.');
    expect(output).toContain('── Thursday 6 January 2022 ──');

    const reader = { platform: 'discord', userId: '1', isChannelAdmin: false, isOwner: false } as const;
    const first = await runCommand(timeline, { query: 'tokayev' }, reader, undefined, handle.services, { now });
    const second = await runPage(registry, first!.pages!.token, 2, reader, undefined, handle.services, { now });
    const labels = second!.blocks.flatMap((b) => (b.kind === 'links' ? b.items.map((i) => i.label) : []));
    expect(labels).toEqual(['Headline 11', 'Headline 12']);
  });

  it('refuses a feed on a private address through the poller guard', async () => {
    const { output } = await run('/feeds add http://127.0.0.1:9/feed');
    expect(output).toContain('Not added: http://127.0.0.1:9/feed');
    expect(output).toContain('ALLOW_PRIVATE_NETWORK_FEEDS');
    // Before the poller's first round the configured feeds are listed, not polled yet.
    const list = (await run('/feeds')).output;
    expect(list).not.toContain('No feeds yet.');
    expect(list).toContain('not polled yet');
    expect(list).not.toContain('127.0.0.1');
  });

  it('exits 2 on an unknown command, listing the known ones', async () => {
    const { output, exitCode } = await run('/weather almaty');
    expect(exitCode).toBe(2);
    expect(output).toContain('Unknown command /weather. Commands: /subscribe, /unsubscribe');
  });
});
