import { afterEach, describe, expect, it } from 'vitest';
import { createFeedAdmin } from '../../../../src/feeds/feed-admin.js';
import { createRedisFeedRegistry, type FeedRegistry } from '../../../../src/feeds/registry.js';
import { alreadyListedFeed, importedFeeds, readerExportOpml } from '../../support/feed-lists.js';
import { aigerim, bolat, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The harness with the real feed admin over the real Redis registry (nothing is fetched on import). */
async function start(bot: { maxFileBytes?: number } = {}): Promise<{ h: Harness; registry: FeedRegistry }> {
  const harness = await startHarness({ ownerIds: [String(aigerim.id)], bot });
  const registry = createRedisFeedRegistry({ redis: harness.redis.redis, keys: harness.redis.keys });
  const refuse = () => Promise.reject(new Error('nothing is fetched on import'));
  harness.services.feeds = createFeedAdmin({ registry, fetchFeed: refuse, parseFeed: refuse });
  await registry.add(alreadyListedFeed, 'operator');
  return { h: harness, registry };
}

/** Sends a document with a caption and resolves with the bot's next message in that chat. */
async function sendDocument(harness: Harness, chatId: number, from: typeof aigerim, caption: string, content = readerExportOpml) {
  const before = harness.tg.botReplies(chatId).length;
  harness.tg.sendUserDocument({ chatId, from, caption, fileName: 'kazakhstan.opml', content, mimeType: 'text/x-opml' });
  return (await harness.tg.waitForBotReplies(chatId, before + 1))[before]!;
}

describe('Telegram bot: /feeds import with an attached OPML file', () => {
  it('imports the file an owner sends captioned /feeds import, and says how many were added, already present and invalid', async () => {
    const started = await start();
    h = started.h;
    const dm = h.tg.addChat({ type: 'private', user: aigerim });
    const reply = await sendDocument(h, dm, aigerim, '/feeds import');
    expect(reply.text).toContain('Feeds imported from kazakhstan.opml');
    expect(reply.text).toContain('2 added, 1 already present, 1 invalid.');
    expect(reply.text).toContain('javascript');
    expect((await started.registry.list()).map((f) => f.url).sort()).toEqual([...importedFeeds, alreadyListedFeed].sort());
    expect(h.tg.calls('getFile')).toHaveLength(1);
    expect(h.tg.fileDownloads).toBe(1);
  });

  it('also answers /feeds@bot import in a group, for an owner', async () => {
    const started = await start();
    h = started.h;
    const group = h.tg.addChat({ type: 'supergroup', title: 'Desk' });
    h.tg.setMember(group, aigerim, 'member');
    const reply = await sendDocument(h, group, aigerim, `/feeds@${h.tg.bot.username} import`);
    expect(reply.text).toContain('2 added, 1 already present, 1 invalid.');
  });

  it('refuses someone who is not an owner without downloading the file', async () => {
    const started = await start();
    h = started.h;
    const dm = h.tg.addChat({ type: 'private', user: bolat });
    const reply = await sendDocument(h, dm, bolat, '/feeds import');
    expect(reply.text).toContain("Only the bot's owners can import feeds.");
    expect(h.tg.calls('getFile')).toEqual([]);
    expect(h.tg.fileDownloads).toBe(0);
    expect(await started.registry.list()).toHaveLength(1);
  });

  it('refuses a file over the size cap before downloading it', async () => {
    const started = await start({ maxFileBytes: 512 });
    h = started.h;
    const dm = h.tg.addChat({ type: 'private', user: aigerim });
    const reply = await sendDocument(h, dm, aigerim, '/feeds import');
    expect(reply.text).toMatch(/kazakhstan\.opml is \d+ KiB; I read files of at most 1 KiB/);
    expect(h.tg.fileDownloads).toBe(0);
    expect(await started.registry.list()).toHaveLength(1);
  });

  it('leaves alone a document whose caption is not one of its commands', async () => {
    const started = await start();
    h = started.h;
    const dm = h.tg.addChat({ type: 'private', user: aigerim });
    h.tg.sendUserDocument({ chatId: dm, from: aigerim, caption: 'my feeds, for later', fileName: 'kazakhstan.opml', content: readerExportOpml });
    h.tg.sendUserDocument({ chatId: dm, from: aigerim, caption: '/feeds@another_bot import', fileName: 'kazakhstan.opml', content: readerExportOpml });
    const help = await sendDocument(h, dm, aigerim, '/help');
    expect(help.text).toContain('/timeline');
    expect(help.text).toContain('send the file as a document with the command as its caption');
    expect(h.tg.botReplies(dm)).toHaveLength(1);
    expect(h.tg.fileDownloads).toBe(0);
  });
});
