import { afterEach, describe, expect, it } from 'vitest';
import type { ArchiveReader, EntityDirectory } from '../../../../src/commands/services.js';
import { archiveOf, entityDirectory } from '../../../support/command-doubles.js';
import { botHarness, recentStories, text, type BotHarness } from './harness.js';

let h: BotHarness;
afterEach(() => h.close());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An archive whose reads take `ms` longer than usual, as on a busy Redis. */
function slowArchive(ms: number): ArchiveReader {
  const fast = archiveOf(recentStories(3));
  return {
    listStories: async (q) => (await pause(ms), fast.listStories(q)),
    countMentions: async (id, since) => (await pause(ms), fast.countMentions(id, since)),
    coMentions: (id, since, limit) => fast.coMentions(id, since, limit),
    latestForEntity: (id, limit) => fast.latestForEntity(id, limit),
  };
}

/** Resolves once the interaction has `count` recorded responses. */
async function responses(h: BotHarness, id: string, count: number) {
  for (let i = 0; i < 500 && h.discord.interactionResponses(id).length < count; i += 1) await pause(10);
  return h.discord.interactionResponses(id);
}

describe('answering within Discord’s three seconds', () => {
  it('defers a slow command, then edits the placeholder with the answer', async () => {
    h = await botHarness({ services: { archive: slowArchive(300) } });
    await h.startBot({ deferAfterMs: 50 });
    const sent = h.discord.dispatchInteraction({ channelId: h.channel.id, commandName: 'timeline', options: [text('query', 'tokayev')] });
    const seen = await responses(h, sent.id, 2);
    expect(seen.map((r) => [r.kind, r.type, r.ephemeral])).toEqual([
      ['callback', 5, false],
      ['edit-original', undefined, false],
    ]);
    const [message] = h.discord.messages(h.channel.id);
    expect((message?.embeds[0] as { title?: string }).title).toBe('Timeline about Kassym-Jomart Tokayev, the last 7 days');
  });

  it('answers a fast command directly, without deferring', async () => {
    h = await botHarness({ services: { archive: slowArchive(0) } });
    await h.startBot();
    const sent = h.discord.dispatchInteraction({ channelId: h.channel.id, commandName: 'timeline' });
    await sent.firstResponse;
    expect(h.discord.interactionResponses(sent.id).map((r) => [r.kind, r.type])).toEqual([['callback', 4]]);
  });

  it('replaces a public placeholder with a private follow-up when a slow command refuses', async () => {
    const entities = entityDirectory();
    const slowEntities: EntityDirectory = { ...entities, find: async (q) => (await pause(300), entities.find(q)) };
    h = await botHarness({ services: { entities: slowEntities } });
    await h.startBot({ deferAfterMs: 50 });
    const sent = h.discord.dispatchInteraction({ channelId: h.channel.id, commandName: 'who', options: [text('name', 'Tokaeff')] });
    const seen = await responses(h, sent.id, 3);
    expect(seen.map((r) => [r.kind, r.ephemeral])).toEqual([
      ['callback', false],
      ['delete-original', false],
      ['followup', true],
    ]);
    expect(JSON.stringify(seen[2]?.embeds)).toContain('No actor named \\"Tokaeff\\". Did you mean: Kassym-Jomart Tokayev?');
    expect(h.discord.messages(h.channel.id)).toHaveLength(0);
  });

  it('defers a slow page, then edits the message the button is on', async () => {
    h = await botHarness({ stories: recentStories(23) });
    await h.startBot({ deferAfterMs: 50 });
    const first = h.discord.dispatchInteraction({ channelId: h.channel.id, commandName: 'timeline' });
    // On a busy machine even the first page may take longer than 50 ms and be deferred: wait for its buttons.
    const answered = (await responses(h, first.id, 1))[0]?.type === 5 ? 2 : 1;
    await responses(h, first.id, answered);
    const [message] = h.discord.messages(h.channel.id);
    const customId = (message?.components as Array<{ components: Array<{ custom_id: string }> }>)[0]?.components[1]?.custom_id ?? '';
    const fast = archiveOf(recentStories(23));
    h.services.archive = { ...fast, listStories: async (q) => (await pause(300), fast.listStories(q)) };
    const press = h.discord.dispatchInteraction({ type: 3, channelId: h.channel.id, customId });
    const seen = await responses(h, press.id, 2);
    expect(seen.map((r) => [r.kind, r.type])).toEqual([
      ['callback', 6],
      ['edit-original', undefined],
    ]);
    expect(h.discord.messages(h.channel.id)).toHaveLength(1);
    expect((message?.embeds.at(-1) as { footer?: { text: string } }).footer?.text).toBe('Page 2 of 3');
  });
});

describe('per-user rate limit', () => {
  it('answers a flood with one polite private refusal, then silence', async () => {
    h = await botHarness();
    await h.startBot({ rateLimit: { limit: 2, windowMs: 60_000 } });
    const help = (userId = h.member.id) => h.discord.dispatchInteraction({ channelId: h.channel.id, commandName: 'help', userId });
    expect(await help().firstResponse).toMatchObject({ ephemeral: false });
    expect(await help().firstResponse).toMatchObject({ ephemeral: false });
    const refused = await help().firstResponse;
    expect(refused).toMatchObject({ type: 4, ephemeral: true });
    expect(JSON.stringify(refused.embeds)).toMatch(/You are sending commands faster than I can answer\. Please wait \d+ s and try again\./);
    const ignored = help();
    // Another user's command, sent after the ignored one, is answered: by then the ignored one was decided.
    await help(h.guild.ownerId).firstResponse;
    expect(h.discord.interactionResponses(ignored.id)).toEqual([]);
  });
});
