import { describe, expect, it } from 'vitest';
import { feeds } from '../../commands/index.js';
import { runCommand } from '../../src/commands/dispatch.js';
import { renderReplyText } from '../../src/commands/render-text.js';
import type { Caller } from '../../src/commands/command.js';
import { channel, feedRegistry, makeServices, member, owner } from '../support/command-doubles.js';

const now = () => new Date('2022-01-08T12:00:00Z');

function setup() {
  const registry = feedRegistry([
    { id: 'a', url: 'https://tengrinews.kz/rss', title: 'Tengrinews', lastSuccessAt: '2022-01-08T11:55:00Z', consecutiveFailures: 0, itemsSeen: 120, failing: false },
    { id: 'b', url: 'https://broken.example/feed', consecutiveFailures: 4, lastError: 'HTTP 404', itemsSeen: 0, failing: true },
  ]);
  return { registry, services: makeServices({ feeds: registry }) };
}

async function run(args: Record<string, unknown> | string[], caller: Caller, services = setup().services) {
  const reply = await runCommand(feeds, args, caller, channel, services, { now });
  return { reply: reply!, text: renderReplyText(reply!) };
}

describe('/feeds', () => {
  it('lists every feed with its health, failing ones first', async () => {
    const { reply, text } = await run([], member);
    expect(reply.title).toBe('Feeds (2)');
    expect(text).toContain('1 feed is failing.');
    const items = reply.blocks.flatMap((b) => (b.kind === 'links' ? b.items : []));
    expect(items).toEqual([
      { label: 'https://broken.example/feed', url: 'https://broken.example/feed', meta: 'failing, 4 failures in a row: HTTP 404' },
      { label: 'Tengrinews', url: 'https://tengrinews.kz/rss', meta: 'ok, last read 5 min ago, 120 items seen' },
    ]);
  });

  it('lets an owner add a feed', async () => {
    const { registry, services } = setup();
    const { text } = await run(['add', 'https://kursiv.media/feed'], owner, services);
    expect(text).toContain('Added https://kursiv.media/feed.');
    expect(registry.feeds.map((f) => f.url)).toContain('https://kursiv.media/feed');
  });

  it('tells an owner that a feed which did not answer is kept and retried', async () => {
    const { registry, services } = setup();
    registry.add = async (url) => {
      const feed = { id: 'c', url, consecutiveFailures: 0, itemsSeen: 0, failing: false, lastError: 'network_error: getaddrinfo ENOTFOUND' };
      registry.feeds.push(feed);
      return feed;
    };
    const { text } = await run(['add', 'https://down.example/rss'], owner, services);
    expect(text).toContain('Added https://down.example/rss, but it did not answer just now (network_error: getaddrinfo ENOTFOUND).');
    expect(text).toContain('It is kept and the poller keeps trying it');
  });

  it('refuses add and remove to anyone who is not an owner, privately', async () => {
    const { registry, services } = setup();
    const admin: Caller = { ...member, isChannelAdmin: true };
    const { reply, text } = await run({ action: 'remove', url: 'https://tengrinews.kz/rss' }, admin, services);
    expect(reply.private).toBe(true);
    expect(text).toContain("Only the bot's owners can remove feeds.");
    expect(registry.feeds).toHaveLength(2);
  });

  it("surfaces the address guard's refusal as a private reply", async () => {
    const { reply, text } = await run({ action: 'add', url: 'http://127.0.0.1:6379/' }, owner);
    expect(reply.private).toBe(true);
    expect(text).toContain('Not added: http://127.0.0.1:6379/ — the address points into a private network');
  });

  it('asks for the url when adding without one, and for an http(s) address', async () => {
    expect((await run({ action: 'add' }, owner)).text).toContain('url: is needed to add a feed');
    expect((await run({ action: 'add', url: 'ftp://x' }, owner)).text).toContain('url: must be an http(s) address');
  });

  it('removes a feed for an owner, and says when there was none', async () => {
    const { registry, services } = setup();
    expect((await run(['remove', 'https://tengrinews.kz/rss'], owner, services)).text).toContain('Removed https://tengrinews.kz/rss');
    expect(registry.feeds).toHaveLength(1);
    const again = await run(['remove', 'https://tengrinews.kz/rss'], owner, services);
    expect(again.reply.private).toBe(true);
    expect(again.text).toContain('No feed has the address https://tengrinews.kz/rss.');
  });

  it('lists feeds never polled as such, and says how many wait for their first poll', async () => {
    const registry = feedRegistry([
      { id: 'a', url: 'https://tengrinews.kz/rss', title: 'Tengrinews', lastSuccessAt: '2022-01-08T11:55:00Z', consecutiveFailures: 0, itemsSeen: 120, failing: false },
      { id: 'c', url: 'https://kursiv.media/feed', consecutiveFailures: 0, itemsSeen: 0, failing: false },
    ]);
    const { reply, text } = await run([], member, makeServices({ feeds: registry }));
    expect(reply.title).toBe('Feeds (2)');
    expect(text).toContain('Every feed is healthy. 1 feed has not been polled yet: the first poll comes soon after the start.');
    expect(text).toContain('- https://kursiv.media/feed (not polled yet)');
  });

  it('answers a Russian reader in Russian, the refusal of the address guard included', async () => {
    const russian: Caller = { ...owner, languageHints: ['ru'] };
    const listed = await run([], russian);
    expect(listed.reply.title).toBe('Ленты (2)');
    expect(listed.text).toContain('1 лента не работает.');
    expect(listed.text).toContain('работает, прочитана 5 мин назад, 120 материалов');
    expect(listed.text).toContain('не работает, 4 ошибки подряд: HTTP 404');
    const refused = await run({ action: 'add', url: 'http://127.0.0.1:6379/' }, russian);
    expect(refused.text).toContain('Лента не добавлена: http://127.0.0.1:6379/ — the address points into a private network');
  });

  describe('import', () => {
    const list = ['https://tengrinews.kz/rss', 'https://kursiv.media/feed', 'not a feed', 'https://ru.sputnik.kz/export/rss2/archive/index.xml', ''].join('\n');
    const fileOf = (text: string) => {
      let reads = 0;
      return { file: { name: 'feeds.txt', size: text.length, read: async () => (reads++, text) }, reads: () => reads };
    };

    it('imports an attached list for an owner and says how many were added, already present and invalid', async () => {
      const { registry, services } = setup();
      const { file, reads } = fileOf(list);
      const { reply, text } = await run({ action: 'import', file }, owner, services);
      expect(reply.title).toBe('Feeds imported from feeds.txt');
      expect(text).toContain('2 added, 1 already present, 1 invalid.');
      expect(text).toContain('line 3');
      expect(reads()).toBe(1);
      expect(registry.feeds.map((f) => f.url)).toContain('https://ru.sputnik.kz/export/rss2/archive/index.xml');
    });

    it('does not even read the file for someone who is not an owner', async () => {
      const { registry, services } = setup();
      const { file, reads } = fileOf(list);
      const { reply, text } = await run({ action: 'import', file }, member, services);
      expect(reply.private).toBe(true);
      expect(text).toContain("Only the bot's owners can import feeds.");
      expect(reads()).toBe(0);
      expect(registry.feeds).toHaveLength(2);
    });

    it('asks for a file when none is attached, even when one is named in words', async () => {
      expect((await run(['import'], owner)).text).toContain('file: attach an OPML file');
      expect((await run(['import', 'file=feeds.opml'], owner)).text).toContain('file: must be a file sent with the command');
    });
  });
});
