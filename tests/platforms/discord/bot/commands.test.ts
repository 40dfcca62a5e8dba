import { afterEach, describe, expect, it } from 'vitest';
import { Perm } from '../../../fakes/discord/server.js';
import { botHarness, recentStories, text, type BotHarness } from './harness.js';

let h: BotHarness;
afterEach(() => h.close());

type Embed = { title?: string; description?: string; fields?: Array<{ name: string; value: string }>; footer?: { text: string } };
const embedsOf = (r: { embeds?: unknown[] }) => (r.embeds ?? []) as Embed[];
const allText = (embeds: Embed[]) =>
  embeds.map((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text].join('\n')).join('\n');

describe('slash commands on Discord', () => {
  it('refuses /subscribe, privately, to a member without Manage Channels', async () => {
    h = await botHarness();
    await h.startBot();
    const sent = h.discord.dispatchInteraction({ channelId: h.channel.id, commandName: 'subscribe', userId: h.member.id });
    const first = await sent.firstResponse;
    expect(first).toMatchObject({ kind: 'callback', type: 4, ephemeral: true });
    expect(allText(embedsOf(first))).toContain('You need permission to manage this channel to use /subscribe.');
    expect(await h.services.subscriptions.listForDestination({ platform: 'discord', chatId: h.channel.id })).toEqual([]);
    expect(h.discord.messages(h.channel.id)).toHaveLength(0);
  });

  it('lets a member whose role has Manage Channels subscribe, even though the command was not shown to them by default', async () => {
    h = await botHarness();
    const editors = h.discord.addRole(h.guild.id, { name: 'Editors', permissions: Perm.ManageChannels });
    const editor = h.discord.addUser('bolat');
    h.discord.addMember(h.guild.id, editor.id, [editors.id]);
    await h.startBot();
    const first = await h.discord.dispatchInteraction({ channelId: h.channel.id, commandName: 'subscribe', userId: editor.id }).firstResponse;
    expect(first).toMatchObject({ type: 4, ephemeral: false });
    expect(await h.services.subscriptions.listForDestination({ platform: 'discord', chatId: h.channel.id })).toHaveLength(1);
  });

  it('confirms an admin subscription in the channel and stores it', async () => {
    h = await botHarness();
    await h.startBot();
    const sent = h.discord.dispatchInteraction({
      channelId: h.channel.id,
      commandName: 'subscribe',
      options: [text('topic', 'Tokayev'), text('keywords', 'fuel, prices'), text('mode', 'digest')],
    });
    const first = await sent.firstResponse;
    expect(first).toMatchObject({ kind: 'callback', type: 4, ephemeral: false });
    const [embed] = embedsOf(first);
    expect(embed?.title).toBe('Subscribed');
    const stored = await h.services.subscriptions.listForDestination({ platform: 'discord', chatId: h.channel.id });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ entities: ['tokayev'], keywords: ['fuel', 'prices'], mode: 'digest', createdBy: h.guild.ownerId });
    expect(embed?.fields).toContainEqual({ name: 'Subscription id', value: stored[0]?.id.replace(/[_*~`|[\]\\]/g, '\\$&') });
    expect(h.discord.messages(h.channel.id)).toHaveLength(1);
  });

  it('reads a quoted phrase in the keywords option as one keyword, and preview as a boolean option', async () => {
    h = await botHarness();
    await h.startBot();
    const sent = h.discord.dispatchInteraction({
      channelId: h.channel.id,
      commandName: 'subscribe',
      options: [text('keywords', '"fuel prices", «цены на газ»'), { name: 'preview', type: 5, value: false }],
    });
    expect(embedsOf(await sent.firstResponse)[0]?.title).toBe('Subscribed');
    const [stored] = await h.services.subscriptions.listForDestination({ platform: 'discord', chatId: h.channel.id });
    expect(stored).toMatchObject({ keywords: ['fuel prices', 'цены на газ'], preview: false });
  });

  it('says which permissions the bot is missing before subscribing a channel it cannot post embeds in', async () => {
    h = await botHarness();
    const locked = h.discord.addChannel({ guildId: h.guild.id, name: 'no-embeds', botPermissions: Perm.ViewChannel | Perm.SendMessages });
    await h.startBot();
    const first = await h.discord.dispatchInteraction({ channelId: locked.id, commandName: 'subscribe' }).firstResponse;
    expect(first).toMatchObject({ type: 4, ephemeral: true });
    const said = allText(embedsOf(first));
    expect(said).toContain('missing the Embed Links permission');
    expect(said).not.toContain('Send Messages');
    expect(await h.services.subscriptions.listForDestination({ platform: 'discord', chatId: locked.id })).toEqual([]);
  });

  it('subscribes a thread as its own destination, checking Send Messages in Threads', async () => {
    h = await botHarness();
    const thread = h.discord.addChannel({ guildId: h.guild.id, parentId: h.channel.id, name: 'almaty' });
    await h.startBot();
    const first = await h.discord.dispatchInteraction({ channelId: thread.id, commandName: 'subscribe' }).firstResponse;
    expect(first).toMatchObject({ type: 4, ephemeral: false });
    expect(await h.services.subscriptions.listForDestination({ platform: 'discord', chatId: thread.id })).toHaveLength(1);
    expect(await h.services.subscriptions.listForDestination({ platform: 'discord', chatId: h.channel.id })).toEqual([]);
  });

  it('names Send Messages in Threads when the bot may post in a channel but not in its threads', async () => {
    h = await botHarness();
    const parent = h.discord.addChannel({ guildId: h.guild.id, botPermissions: Perm.ViewChannel | Perm.SendMessages | Perm.EmbedLinks });
    const thread = h.discord.addChannel({ guildId: h.guild.id, parentId: parent.id });
    await h.startBot();
    const first = await h.discord.dispatchInteraction({ channelId: thread.id, commandName: 'subscribe' }).firstResponse;
    expect(first).toMatchObject({ type: 4, ephemeral: true });
    expect(allText(embedsOf(first))).toContain('missing the Send Messages in Threads permission');
  });

  it('still lets a channel unsubscribe when the bot lost its permissions there, saying what is missing', async () => {
    h = await botHarness();
    const locked = h.discord.addChannel({ guildId: h.guild.id, botPermissions: Perm.ViewChannel });
    await h.services.subscriptions.subscribe({ destination: { platform: 'discord', chatId: locked.id }, entities: [], keywords: [], exclude: [], mode: 'instant', createdBy: 'x' });
    await h.startBot();
    const first = await h.discord.dispatchInteraction({ channelId: locked.id, commandName: 'unsubscribe' }).firstResponse;
    expect(allText(embedsOf(first))).toContain('missing the Send Messages and Embed Links permissions');
    expect(await h.services.subscriptions.listForDestination({ platform: 'discord', chatId: locked.id })).toEqual([]);
  });

  it('answers /who tokayev with an embed about him', async () => {
    h = await botHarness({ stories: recentStories(2) });
    await h.startBot();
    const first = await h.discord.dispatchInteraction({ channelId: h.channel.id, commandName: 'who', options: [text('name', 'tokayev')] }).firstResponse;
    expect(first).toMatchObject({ type: 4, ephemeral: false });
    const embeds = embedsOf(first);
    expect(embeds[0]?.title).toBe('Kassym-Jomart Tokayev');
    expect(embeds[0]?.fields).toContainEqual({ name: 'Mentions', value: '2 in the last 7 days, 2 in the last 30 days' });
    const headlines = embeds.find((e) => e.title === 'Latest headlines');
    expect(headlines?.description).toMatch(/^• \[Tokayev story number 2\]\(https:\/\/news\.example\/\d+\) \(/);
  });

  it('pages /timeline with buttons, and pressing Next updates the message in place', async () => {
    h = await botHarness({ stories: recentStories(23) });
    await h.startBot();
    const first = await h.discord.dispatchInteraction({ channelId: h.channel.id, commandName: 'timeline', options: [text('query', 'tokayev')] }).firstResponse;
    expect(first).toMatchObject({ type: 4, ephemeral: false });
    expect(embedsOf(first).at(-1)?.footer?.text).toBe('Page 1 of 3');
    expect(allText(embedsOf(first))).toContain('story number 1](');
    const buttons = (first.components as Array<{ components: Array<{ custom_id: string; disabled: boolean; label: string }> }>)[0]?.components;
    expect(buttons?.map((b) => [b.label, b.disabled])).toEqual([['« Previous', true], ['Next »', false]]);

    const [message] = h.discord.messages(h.channel.id);
    const press = await h.discord.dispatchInteraction({ type: 3, channelId: h.channel.id, customId: buttons?.[1]?.custom_id ?? '', messageId: message?.id }).firstResponse;
    expect(press).toMatchObject({ type: 7 });
    const updated = h.discord.messages(h.channel.id);
    expect(updated).toHaveLength(1);
    expect(updated[0]?.history).toHaveLength(2);
    const shown = updated[0]?.embeds as Embed[];
    expect(shown.at(-1)?.footer?.text).toBe('Page 2 of 3');
    expect(allText(shown)).toContain('story number 11](');
    expect(allText(shown)).not.toContain('story number 1](');
    const next = (updated[0]?.components as Array<{ components: Array<{ disabled: boolean }> }>)[0]?.components;
    expect(next?.map((b) => b.disabled)).toEqual([false, false]);
  });

  it('tells only the presser when the results behind a button have expired, leaving the message alone', async () => {
    h = await botHarness({ stories: recentStories(23) });
    await h.startBot();
    await h.discord.dispatchInteraction({ channelId: h.channel.id, commandName: 'timeline' }).firstResponse;
    const press = await h.discord.dispatchInteraction({ type: 3, channelId: h.channel.id, customId: 'pg:gone-token:2', userId: h.member.id }).firstResponse;
    expect(press).toMatchObject({ type: 4, ephemeral: true });
    expect(allText(embedsOf(press))).toContain('These results have expired');
    expect(h.discord.messages(h.channel.id)[0]?.history).toHaveLength(1);
  });

  it('pings nobody with a reply that repeats @everyone', async () => {
    h = await botHarness();
    await h.startBot();
    const first = await h.discord.dispatchInteraction({ channelId: h.channel.id, commandName: 'timeline', options: [text('query', '@everyone <@&1> look')] }).firstResponse;
    expect(first).toMatchObject({ type: 4, ephemeral: false });
    expect(allText(embedsOf(first))).toContain('@everyone');
    expect((first.data as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
    const [message] = h.discord.messages(h.channel.id);
    expect(message?.pinged).toEqual({ everyone: false, users: [], roles: [] });
  });
});
