import { afterEach, describe, expect, it } from 'vitest';
import { createFeedReading, type FeedReading } from '../../../../src/app/feed-reading.js';
import { createFeedAdmin } from '../../../../src/feeds/feed-admin.js';
import { createRedisFeedRegistry, type FeedRegistry } from '../../../../src/feeds/registry.js';
import { silentLogger } from '../../../../src/log.js';
import { discordText } from '../../../e2e/support/chat-helpers.js';
import { waitUntil } from '../../../support/wait-until.js';
import { alreadyListedFeed, importedFeeds, readerExportOpml } from '../../support/feed-lists.js';
import { botHarness, text, type BotHarness } from './harness.js';

let h: BotHarness | undefined;
let reading: FeedReading | undefined;
afterEach(async () => {
  await h?.close();
  await reading?.close();
  h = undefined;
  reading = undefined;
});

/**
 * A bot whose owner is the guild owner, with the real feed admin over the real Redis registry, and attachments
 * fetched by the app's own feed reader (its address policy and FEED_MAX_BYTES).
 */
async function start(feedConfig: { ALLOW_PRIVATE_NETWORK_FEEDS: boolean; FEED_MAX_BYTES: number }): Promise<FeedRegistry> {
  h = await botHarness();
  reading = createFeedReading({ config: feedConfig, logger: silentLogger, parserThreads: 1 });
  const registry = createRedisFeedRegistry({ redis: h.redis.redis, keys: h.redis.keys });
  h.services.feeds = createFeedAdmin({ registry, fetchFeed: reading.fetchFeed, parseFeed: reading.parseFeed });
  await registry.add(alreadyListedFeed, 'operator');
  const fetchFile = reading.fetchFile;
  await h.startBot({ ownerIds: [h.guild.ownerId], fetchFile, maxFileBytes: feedConfig.FEED_MAX_BYTES });
  return registry;
}

/** Runs /feeds import with the OPML file attached, as `userId`, and waits for an answer containing `expect`. */
async function importFile(userId: string, expect: string | RegExp): Promise<string> {
  const discord = h!.discord;
  const { id } = discord.dispatchInteraction({
    channelId: h!.channel.id,
    commandName: 'feeds',
    userId,
    options: [text('action', 'import')],
    attachments: [{ option: 'file', filename: 'kazakhstan.opml', content: readerExportOpml, contentType: 'text/x-opml; charset=utf-8' }],
  });
  return waitUntil(`the answer to /feeds import (so far ${JSON.stringify(discord.interactionResponses(id))})`, () => {
    const shown = discord.interactionResponses(id).map(discordText).join('\n');
    return (typeof expect === 'string' ? shown.includes(expect) : expect.test(shown)) && shown;
  }, { timeoutMs: 10_000 });
}

describe('Discord bot: /feeds import with an attached OPML file', () => {
  it('registers the file as an attachment option of /feeds', async () => {
    await start({ ALLOW_PRIVATE_NETWORK_FEEDS: true, FEED_MAX_BYTES: 1024 * 1024 });
    const registered = h!.discord.requests().find((r) => r.method === 'PUT' && r.path.endsWith('/commands'))?.body as Array<{ name: string; options: Array<{ name: string; type: number }> }>;
    expect(registered.find((c) => c.name === 'feeds')?.options).toContainEqual(expect.objectContaining({ name: 'file', type: 11 }));
  });

  it('imports the attached file for an owner and says how many were added, already present and invalid', async () => {
    const registry = await start({ ALLOW_PRIVATE_NETWORK_FEEDS: true, FEED_MAX_BYTES: 1024 * 1024 });
    const shown = await importFile(h!.guild.ownerId, 'already present');
    expect(shown).toContain('2 added, 1 already present, 1 invalid.');
    expect((await registry.list()).map((f) => f.url).sort()).toEqual([...importedFeeds, alreadyListedFeed].sort());
    expect(h!.discord.attachmentDownloads).toBe(1);
  });

  it('refuses someone who is not an owner without downloading the file', async () => {
    const registry = await start({ ALLOW_PRIVATE_NETWORK_FEEDS: true, FEED_MAX_BYTES: 1024 * 1024 });
    const shown = await importFile(h!.member.id, "Only the bot's owners can import feeds.");
    expect(shown).not.toContain('added');
    expect(h!.discord.attachmentDownloads).toBe(0);
    expect(await registry.list()).toHaveLength(1);
  });

  it('fetches the attachment with the address checks of feeds: a private address is refused', async () => {
    const registry = await start({ ALLOW_PRIVATE_NETWORK_FEEDS: false, FEED_MAX_BYTES: 1024 * 1024 });
    const shown = await importFile(h!.guild.ownerId, 'I could not download kazakhstan.opml');
    expect(shown).toMatch(/private|not allowed|blocked/i);
    expect(h!.discord.attachmentDownloads).toBe(0);
    expect(await registry.list()).toHaveLength(1);
  });

  it('refuses a file over FEED_MAX_BYTES before downloading it', async () => {
    await start({ ALLOW_PRIVATE_NETWORK_FEEDS: true, FEED_MAX_BYTES: 512 });
    await importFile(h!.guild.ownerId, /kazakhstan\.opml is \d+ KiB; I read files of at most 1 KiB/);
    expect(h!.discord.attachmentDownloads).toBe(0);
  });
});
