import { DiscordAPIError, RateLimitError, REST, Routes } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Perm, startFakeDiscord, type FakeDiscord } from './server.js';

let discord: FakeDiscord;
let rest: REST;

const makeRest = (token = discord.token) =>
  new REST({ api: discord.apiUrl, version: '10', retries: 0, timeout: 2000, rejectOnRateLimit: () => true }).setToken(token);

async function apiError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DiscordAPIError)) throw new Error(`expected a DiscordAPIError, got ${String(err)}`);
  return err;
}

beforeEach(async () => {
  discord = await startFakeDiscord({ rateLimits: { messageCreate: { limit: 5, windowMs: 800 } } });
  rest = makeRest();
});
afterEach(async () => {
  await discord.close();
});

describe('fake Discord REST', () => {
  it('answers the bot identity and gateway routes to a real REST client', async () => {
    const me = (await rest.get(Routes.user('@me'))) as { id: string; bot: boolean };
    const gateway = (await rest.get(Routes.gatewayBot())) as { url: string; shards: number };
    const app = (await rest.get(Routes.currentApplication())) as { id: string };
    expect(me).toMatchObject({ id: discord.botUser.id, bot: true });
    expect(gateway).toMatchObject({ url: discord.gatewayUrl, shards: 1 });
    expect(app.id).toBe(discord.applicationId);
  });

  it('refuses a wrong token with 401 and counts it as an invalid request', async () => {
    const err = await apiError(makeRest('not-the-token').get(Routes.user('@me')));
    expect(err.status).toBe(401);
    expect(err.rawError).toEqual({ message: '401: Unauthorized', code: 0 });
    expect(discord.counters.invalidRequests).toBe(1);
  });

  it('posts a message and records it', async () => {
    const guild = discord.addGuild();
    const channel = discord.addChannel({ guildId: guild.id });
    const sent = (await rest.post(Routes.channelMessages(channel.id), { body: { content: 'hello' } })) as { id: string; content: string };
    expect(sent.content).toBe('hello');
    expect(discord.messages(channel.id).map((m) => m.id)).toEqual([sent.id]);
  });

  it('answers Unknown Channel, Missing Access and Missing Permissions with Discord codes', async () => {
    const guild = discord.addGuild();
    const hidden = discord.addChannel({ guildId: guild.id });
    discord.revokeAccess(hidden.id);
    const readOnly = discord.addChannel({ guildId: guild.id, botPermissions: Perm.ViewChannel | Perm.EmbedLinks });
    const noEmbeds = discord.addChannel({ guildId: guild.id, botPermissions: Perm.ViewChannel | Perm.SendMessages });
    const gone = discord.addChannel({ guildId: guild.id });
    discord.removeChannel(gone.id);

    const post = (id: string, body: object) => apiError(rest.post(Routes.channelMessages(id), { body }));
    expect((await post(gone.id, { content: 'x' })).rawError).toEqual({ message: 'Unknown Channel', code: 10003 });
    expect(await post(hidden.id, { content: 'x' })).toMatchObject({ status: 403, code: 50001 });
    expect(await post(readOnly.id, { content: 'x' })).toMatchObject({ status: 403, code: 50013 });
    expect(await post(noEmbeds.id, { embeds: [{ title: 't' }] })).toMatchObject({ status: 403, code: 50013 });
    await rest.post(Routes.channelMessages(noEmbeds.id), { body: { content: 'text only is fine' } });
  });

  it('rejects bodies over Discord limits with 50035 and the path of each error', async () => {
    const guild = discord.addGuild();
    const channel = discord.addChannel({ guildId: guild.id });
    const post = (body: object) => apiError(rest.post(Routes.channelMessages(channel.id), { body }));

    const long = await post({ content: 'x'.repeat(2001), embeds: [{ title: 't'.repeat(257), fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] });
    expect(long.code).toBe(50035);
    expect(long.rawError).toMatchObject({
      message: 'Invalid Form Body',
      errors: {
        content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] },
        embeds: { 0: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] }, fields: { 0: { value: { _errors: [{}] } } } } },
      },
    });
    const total = await post({ embeds: [1, 2].map(() => ({ description: 'd'.repeat(3500) })) });
    expect(total.rawError).toMatchObject({ errors: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] } } });
    expect((await post({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) })).code).toBe(50035);
    expect((await post({ content: '' })).code).toBe(50006);
    expect(discord.messages(channel.id)).toHaveLength(0);
  });

  it('counts characters as code points, so 2000 emoji fit in content', async () => {
    const guild = discord.addGuild();
    const channel = discord.addChannel({ guildId: guild.id });
    await rest.post(Routes.channelMessages(channel.id), { body: { content: '🇰'.repeat(2000) } });
    expect(discord.messages(channel.id)).toHaveLength(1);
  });

  it('returns the first message for a repeated nonce with enforce_nonce, and posts once', async () => {
    const guild = discord.addGuild();
    const channel = discord.addChannel({ guildId: guild.id });
    const body = { content: 'once', nonce: 'abc123', enforce_nonce: true };
    const first = (await rest.post(Routes.channelMessages(channel.id), { body })) as { id: string };
    const second = (await rest.post(Routes.channelMessages(channel.id), { body: { ...body, content: 'twice' } })) as { id: string };
    expect(second.id).toBe(first.id);
    expect(discord.messages(channel.id)).toHaveLength(1);
    await rest.post(Routes.channelMessages(channel.id), { body: { content: 'no enforce', nonce: 'abc123' } });
    expect(discord.messages(channel.id)).toHaveLength(2);
  });

  it('pings @everyone without allowed_mentions, and nobody with parse: []', async () => {
    const guild = discord.addGuild();
    const channel = discord.addChannel({ guildId: guild.id });
    const role = discord.addRole(guild.id, { mentionable: true });
    const content = `@everyone <@&${role.id}> <@${guild.ownerId}>`;
    await rest.post(Routes.channelMessages(channel.id), { body: { content } });
    await rest.post(Routes.channelMessages(channel.id), { body: { content, allowed_mentions: { parse: [] } } });
    await rest.post(Routes.channelMessages(channel.id), { body: { content: 'x', embeds: [{ title: '@everyone' }] } });
    const [loud, quiet, embedOnly] = discord.messages(channel.id);
    expect(loud?.pinged).toEqual({ everyone: true, users: [guild.ownerId], roles: [role.id] });
    expect(quiet?.pinged).toEqual({ everyone: false, users: [], roles: [] });
    expect(embedOnly?.pinged.everyone).toBe(false);
  });

  it('serves 429 with Discord headers when a channel gets more than 5 messages in its window', async () => {
    const guild = discord.addGuild();
    const channel = discord.addChannel({ guildId: guild.id });
    const post = (i: number) => fetch(`${discord.apiUrl}/v10/channels/${channel.id}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bot ${discord.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ content: `m${i}` }),
    });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 6; i += 1) {
      const res = await post(i);
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(limited?.headers.get('x-ratelimit-limit')).toBe('5');
    expect(limited?.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited?.headers.get('x-ratelimit-scope')).toBe('user');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await limited?.json()) as { retry_after: number; global: boolean };
    expect(body.global).toBe(false);
    expect(body.retry_after).toBeGreaterThan(0);
    expect(body.retry_after).toBeLessThanOrEqual(0.8);
    expect(discord.counters.rateLimited.user).toBe(1);
  });

  it('makes a real REST client reject on its sixth message instead of waiting', async () => {
    const guild = discord.addGuild();
    const channel = discord.addChannel({ guildId: guild.id });
    for (let i = 0; i < 5; i += 1) await rest.post(Routes.channelMessages(channel.id), { body: { content: `m${i}` } });
    const err = await rest.post(Routes.channelMessages(channel.id), { body: { content: 'm6' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    // A second process with its own client does reach the server and gets a real 429.
    const other = await makeRest().post(Routes.channelMessages(channel.id), { body: { content: 'm7' } }).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(RateLimitError);
    expect(discord.counters.rateLimited.user).toBe(1);
    expect(discord.messages(channel.id)).toHaveLength(5);
  });

  it('serves a global 429 past 50 requests in the global window', async () => {
    await discord.close();
    discord = await startFakeDiscord({ rateLimits: { globalWindowMs: 60_000 } });
    const get = () => fetch(`${discord.apiUrl}/v10/users/@me`, { headers: { Authorization: `Bot ${discord.token}` } });
    const responses = await Promise.all(Array.from({ length: 55 }, get));
    const limited = responses.filter((r) => r.status === 429);
    expect(limited.length).toBe(5);
    expect(limited[0]?.headers.get('x-ratelimit-global')).toBe('true');
    expect(limited[0]?.headers.get('x-ratelimit-scope')).toBe('global');
    expect(((await limited[0]?.json()) as { global: boolean }).global).toBe(true);
    expect(discord.counters.rateLimited.global).toBe(5);
  });

  it('fails the next requests or a whole outage on demand, for message routes only when asked', async () => {
    const guild = discord.addGuild();
    const channel = discord.addChannel({ guildId: guild.id });
    discord.failNext(1, { status: 502, scope: 'messages' });
    await rest.get(Routes.user('@me'));
    const failed = await rest.post(Routes.channelMessages(channel.id), { body: { content: 'x' } }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ status: 502 });
    discord.outage(true);
    await expect(rest.get(Routes.user('@me'))).rejects.toMatchObject({ status: 503 });
    discord.outage(false);
    await rest.post(Routes.channelMessages(channel.id), { body: { content: 'after' } });
    expect(discord.messages(channel.id).map((m) => m.content)).toEqual(['after']);
  });

  it('validates edits like creates and keeps every version of an edited message', async () => {
    const guild = discord.addGuild();
    const channel = discord.addChannel({ guildId: guild.id });
    const sent = (await rest.post(Routes.channelMessages(channel.id), { body: { embeds: [{ title: 'v1' }] } })) as { id: string };
    const tooLong = await apiError(rest.patch(Routes.channelMessage(channel.id, sent.id), { body: { embeds: [{ title: 't'.repeat(300) }] } }));
    expect(tooLong.code).toBe(50035);
    await rest.patch(Routes.channelMessage(channel.id, sent.id), { body: { embeds: [{ title: 'v2' }] } });
    expect(discord.messages(channel.id)[0]?.history.map((h) => (h.embeds[0] as { title: string }).title)).toEqual(['v1', 'v2']);
    expect((await apiError(rest.patch(Routes.channelMessage(channel.id, '1'), { body: { content: 'x' } }))).code).toBe(10008);
  });

  it('answers channel, guild, member and role lookups from state', async () => {
    const guild = discord.addGuild({ name: 'Qazaq' });
    const role = discord.addRole(guild.id, { name: 'Editors', permissions: Perm.ManageGuild });
    const channel = discord.addChannel({ guildId: guild.id, name: 'news' });
    expect(await rest.get(Routes.channel(channel.id))).toMatchObject({ id: channel.id, name: 'news', guild_id: guild.id, type: 0 });
    expect(await rest.get(Routes.guild(guild.id))).toMatchObject({ id: guild.id, name: 'Qazaq', owner_id: guild.ownerId });
    expect(await rest.get(Routes.guildMember(guild.id, discord.botUser.id))).toMatchObject({ user: { id: discord.botUser.id } });
    const roles = (await rest.get(Routes.guildRoles(guild.id))) as Array<{ id: string; permissions: string }>;
    expect(roles.find((r) => r.id === role.id)?.permissions).toBe(Perm.ManageGuild.toString());
    expect((await apiError(rest.get(Routes.guildMember(guild.id, '42')))).code).toBe(10007);
    expect((await apiError(rest.get(Routes.guild('42')))).code).toBe(10004);
  });

  it('bulk-overwrites commands, keeps ids of surviving names and validates names', async () => {
    const route = Routes.applicationCommands(discord.applicationId);
    const first = (await rest.put(route, { body: [{ name: 'subscribe', description: 'Subscribe' }] })) as Array<{ id: string }>;
    const second = (await rest.put(route, {
      body: [
        { name: 'subscribe', description: 'Subscribe here' },
        { name: 'timeline', description: 'Recent stories' },
      ],
    })) as Array<{ id: string; name: string }>;
    expect(second[0]?.id).toBe(first[0]?.id);
    expect(discord.commands().map((c) => c.name)).toEqual(['subscribe', 'timeline']);
    const bad = await apiError(rest.put(route, { body: [{ name: 'Bad Name', description: '' }] }));
    expect(bad.rawError).toMatchObject({ code: 50035, errors: { 0: { name: {}, description: {} } } });
  });
});
