import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SendError, type Destination, type Sender } from '../../../src/delivery/core/types.js';
import { createDiscordSender } from '../../../src/platforms/discord/sender.js';
import { Perm, startFakeDiscord, type FakeDiscord } from '../../fakes/discord/server.js';
import { story } from './story.js';

let discord: FakeDiscord;
let sender: Sender;
let destination: Destination;
let channelId: string;

const newSender = (requestTimeoutMs = 2000) =>
  createDiscordSender({ token: discord.token, apiUrl: discord.apiUrl, requestTimeoutMs });

async function failure(promise: Promise<unknown>): Promise<SendError['failure']> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof SendError)) throw new Error(`expected a SendError, got ${String(err)}`);
  return err.failure;
}

beforeEach(async () => {
  discord = await startFakeDiscord({ rateLimits: { messageCreate: { limit: 5, windowMs: 1500 } } });
  const guild = discord.addGuild();
  channelId = discord.addChannel({ guildId: guild.id }).id;
  destination = { platform: 'discord', chatId: channelId };
  sender = newSender();
});
afterEach(async () => {
  await discord.close();
});

describe('Discord sender', () => {
  it('posts a story as one embed within Discord limits, cutting long text with "…"', async () => {
    const long = story({ title: 'Headline '.repeat(100), summary: 'Sentence. '.repeat(1000) });
    const ref = await sender.send(destination, { kind: 'alert', stories: [long] }, 'k1');
    const [posted] = discord.messages(channelId);
    expect(ref.messageIds).toEqual([posted?.id]);
    const embed = posted?.embeds[0] as { title: string; description: string; url: string };
    expect(posted?.embeds).toHaveLength(1);
    expect(embed.title.endsWith('…')).toBe(true);
    expect(embed.description.endsWith('…')).toBe(true);
    expect(embed.url).toBe('https://example.kz/news/1');
  });

  it('pings nobody for @everyone, @here or a role mention in a headline or digest heading', async () => {
    const guild = discord.addGuild();
    const role = discord.addRole(guild.id, { mentionable: true });
    const channel = discord.addChannel({ guildId: guild.id });
    const loud = `@everyone @here <@&${role.id}> <@${guild.ownerId}>`;
    await sender.send(
      { platform: 'discord', chatId: channel.id },
      { kind: 'digest', heading: loud, stories: [story({ title: loud, summary: loud })] },
      'k-loud',
    );
    const [posted] = discord.messages(channel.id);
    expect(posted?.content).toContain('@everyone');
    expect(posted?.pinged).toEqual({ everyone: false, users: [], roles: [] });
  });

  it('posts once when the same idempotency key is sent twice', async () => {
    const first = await sender.send(destination, { kind: 'alert', stories: [story()] }, 'deliver-1');
    const again = await newSender().send(destination, { kind: 'alert', stories: [story()] }, 'deliver-1');
    expect(again).toEqual(first);
    expect(discord.messages(channelId)).toHaveLength(1);
    await sender.send(destination, { kind: 'alert', stories: [story()] }, 'deliver-2');
    expect(discord.messages(channelId)).toHaveLength(2);
  });

  it('posts to a thread when the destination names one', async () => {
    const guild = discord.addGuild();
    const parent = discord.addChannel({ guildId: guild.id });
    const thread = discord.addChannel({ guildId: guild.id, parentId: parent.id });
    await sender.send({ platform: 'discord', chatId: parent.id, threadId: thread.id }, { kind: 'alert', stories: [story()] }, 'k-thread');
    expect(discord.messages(thread.id)).toHaveLength(1);
    expect(discord.messages(parent.id)).toHaveLength(0);
  });

  it('reports a deleted channel, a hidden one and missing permissions as destination-gone', async () => {
    const guild = discord.addGuild();
    const hidden = discord.addChannel({ guildId: guild.id });
    discord.revokeAccess(hidden.id);
    const noEmbeds = discord.addChannel({ guildId: guild.id, botPermissions: Perm.ViewChannel | Perm.SendMessages });
    const gone = discord.addChannel({ guildId: guild.id });
    discord.removeChannel(gone.id);
    const send = (id: string) => sender.send({ platform: 'discord', chatId: id }, { kind: 'alert', stories: [story()] }, `k-${id}`);

    expect(await failure(send(gone.id))).toEqual({ kind: 'destination-gone', reason: 'Unknown Channel: the channel was deleted' });
    expect(await failure(send(hidden.id))).toMatchObject({ kind: 'destination-gone', reason: expect.stringMatching(/^Missing Access/) });
    expect(await failure(send(noEmbeds.id))).toEqual({
      kind: 'destination-gone',
      reason: 'Missing Permissions: the bot cannot send messages or embed links in this channel',
    });
  });

  it('reports 5xx answers, timeouts and a closed port as transient', async () => {
    discord.failNext(1, { status: 500 });
    expect(await failure(sender.send(destination, { kind: 'alert', stories: [story()] }, 'k-500'))).toEqual({ kind: 'transient' });
    discord.failNext(1, { status: 502 });
    expect(await failure(sender.send(destination, { kind: 'alert', stories: [story()] }, 'k-502'))).toEqual({ kind: 'transient' });
    discord.delayResponses(1000);
    expect(await failure(newSender(200).send(destination, { kind: 'alert', stories: [story()] }, 'k-slow'))).toEqual({ kind: 'transient' });
    discord.delayResponses(0);
    const closed = createDiscordSender({ token: 't', apiUrl: 'http://127.0.0.1:9/api', requestTimeoutMs: 1000 });
    expect(await failure(closed.send(destination, { kind: 'alert', stories: [story()] }, 'k-closed'))).toEqual({ kind: 'transient' });
  });

  it('does not post twice when a timed-out send is retried with the same key', async () => {
    discord.delayResponses(400);
    await failure(newSender(100).send(destination, { kind: 'alert', stories: [story()] }, 'k-retry'));
    discord.delayResponses(0);
    await new Promise((r) => setTimeout(r, 400)); // the first request lands on the server meanwhile
    await sender.send(destination, { kind: 'alert', stories: [story()] }, 'k-retry');
    expect(discord.messages(channelId)).toHaveLength(1);
  });

  it('reports a served 429 as rate-limited with the server delay, and never waits itself', async () => {
    const busy = newSender();
    for (let i = 0; i < 5; i += 1) await busy.send(destination, { kind: 'alert', stories: [story()] }, `fill-${i}`);
    // A fresh client has no bucket state yet, so the server itself answers 429.
    const served = await failure(sender.send(destination, { kind: 'alert', stories: [story()] }, 'k-429'));
    // Discord's Retry-After header is whole seconds (rounded up) and discord.js adds a 50 ms margin.
    expect(served).toMatchObject({ kind: 'rate-limited', global: false });
    expect(served.kind === 'rate-limited' && served.retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(served.kind === 'rate-limited' && served.retryAfterMs).toBeLessThanOrEqual(2050);
    expect(discord.counters.rateLimited.user).toBe(1);
    // The client that saw the bucket empty refuses locally with the time left.
    const local = await failure(busy.send(destination, { kind: 'alert', stories: [story()] }, 'k-local'));
    expect(local).toMatchObject({ kind: 'rate-limited', global: false });
    expect(local.kind === 'rate-limited' && local.retryAfterMs).toBeGreaterThan(0);
    // At most the 1.5 s window plus discord.js's 50 ms safety offset, which it adds twice here.
    expect(local.kind === 'rate-limited' && local.retryAfterMs).toBeLessThanOrEqual(1500 + 100);
    expect(discord.messages(channelId)).toHaveLength(5);
  });

  it('reports a global 429 with the global flag', async () => {
    await discord.close();
    discord = await startFakeDiscord({ rateLimits: { globalPerSecond: 5, globalWindowMs: 60_000 } });
    destination = { platform: 'discord', chatId: discord.addChannel({ guildId: discord.addGuild().id }).id };
    sender = newSender();
    const burst = Array.from({ length: 5 }, () =>
      fetch(`${discord.apiUrl}/v10/users/@me`, { headers: { Authorization: `Bot ${discord.token}` } }),
    );
    await Promise.all(burst);
    expect(await failure(sender.send(destination, { kind: 'alert', stories: [story()] }, 'k-global'))).toMatchObject({
      kind: 'rate-limited',
      global: true,
    });
  });

  it('drops a link Discord would refuse instead of failing the message', async () => {
    const tooLong = story({ link: `https://example.kz/${'a'.repeat(3000)}` });
    await sender.send(destination, { kind: 'alert', stories: [tooLong] }, 'k-long-link');
    expect((discord.messages(channelId)[0]?.embeds[0] as { url?: string }).url).toBeUndefined();
  });

  it('rejects a message without stories without calling Discord', async () => {
    expect(await failure(sender.send(destination, { kind: 'alert', stories: [] }, 'k-empty'))).toMatchObject({ kind: 'rejected' });
    expect(discord.requests()).toHaveLength(0);
  });

  it('edits the posted message when a story gains outlets', async () => {
    const ref = await sender.send(destination, { kind: 'alert', stories: [story()] }, 'k-edit');
    const grown = story({ alsoReportedBy: [{ source: 'Kursiv', title: 'x' }] });
    await sender.edit(destination, ref, { kind: 'alert', stories: [grown] });
    const [posted] = discord.messages(channelId);
    expect(discord.messages(channelId)).toHaveLength(1);
    expect((posted?.embeds[0] as { footer: { text: string } }).footer.text).toBe('Astana Times · Also reported by: Kursiv');
    expect(posted?.edited_timestamp).not.toBeNull();
  });

  it('reports an edit of a deleted message as rejected, not as a gone channel', async () => {
    const failed = await failure(sender.edit(destination, { messageIds: ['123456789012345678'] }, { kind: 'alert', stories: [story()] }));
    expect(failed).toMatchObject({ kind: 'rejected' });
  });
});
