import { once } from 'node:events';
import { ChannelType, Client, Events, GatewayIntentBits, MessageFlags, type Interaction } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './server.js';

let discord: FakeDiscord;
let client: Client | undefined;

function newClient(): Client {
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl, retries: 0 } });
  return client;
}

async function login(c: Client, token = discord.token): Promise<void> {
  const ready = once(c, Events.ClientReady);
  await c.login(token);
  await ready;
}

beforeEach(async () => {
  discord = await startFakeDiscord({ interactionAckWindowMs: 3000 });
});
afterEach(async () => {
  await client?.destroy();
  client = undefined;
  await discord.close();
});

describe('fake Discord gateway', () => {
  it('lets a real discord.js Client log in and see guilds, channels, threads and its own roles', async () => {
    const guild = discord.addGuild({ name: 'Steppe News' });
    const role = discord.addRole(guild.id, { name: 'Editors' });
    const channel = discord.addChannel({ guildId: guild.id, name: 'alerts' });
    const thread = discord.addChannel({ guildId: guild.id, parentId: channel.id, name: 'almaty' });
    const c = newClient();
    await login(c);

    expect(c.user?.id).toBe(discord.botUser.id);
    expect(c.application?.id).toBe(discord.applicationId);
    const cached = c.guilds.cache.get(guild.id);
    expect(cached?.name).toBe('Steppe News');
    expect(cached?.available).toBe(true);
    expect(cached?.roles.cache.has(role.id)).toBe(true);
    expect(c.channels.cache.get(channel.id)?.type).toBe(ChannelType.GuildText);
    expect(c.channels.cache.get(thread.id)?.isThread()).toBe(true);
    expect(cached?.members.me?.id).toBe(discord.botUser.id);
    expect(discord.gatewayStats.identifies).toBe(1);
  });

  it('refuses a bad token', async () => {
    discord.addGuild();
    const c = newClient();
    await expect(c.login('wrong-token')).rejects.toThrow();
    expect(discord.gatewayStats.identifies).toBe(0);
  });

  it('tells a connected client about channels added later', async () => {
    const guild = discord.addGuild();
    const c = newClient();
    await login(c);
    const created = once(c, Events.ChannelCreate);
    const channel = discord.addChannel({ guildId: guild.id, name: 'late' });
    await created;
    expect(c.channels.cache.get(channel.id)).toBeDefined();
  });

  it('resumes the session when asked to reconnect, without identifying again', async () => {
    discord.addGuild();
    const c = newClient();
    await login(c);
    const resumed = once(c, Events.ShardResume);
    discord.requestGatewayReconnect();
    await resumed;
    expect(discord.gatewayStats.resumes).toBe(1);
    expect(discord.gatewayStats.identifies).toBe(1);
  });

  it('delivers a slash command and records an ephemeral reply', async () => {
    const guild = discord.addGuild();
    const channel = discord.addChannel({ guildId: guild.id });
    const c = newClient();
    c.on(Events.InteractionCreate, (interaction: Interaction) => {
      if (interaction.isChatInputCommand() && interaction.commandName === 'who') {
        void interaction.reply({ content: `who: ${interaction.options.getString('name')}`, flags: MessageFlags.Ephemeral });
      }
    });
    await login(c);
    const sent = discord.dispatchInteraction({
      channelId: channel.id,
      commandName: 'who',
      options: [{ name: 'name', type: 3, value: 'Tokayev' }],
    });
    const response = await sent.firstResponse;
    expect(response).toMatchObject({ kind: 'callback', type: 4, content: 'who: Tokayev', ephemeral: true });
    expect(discord.messages(channel.id)).toHaveLength(0);
  });

  it('records a deferred reply, its edit and a follow-up', async () => {
    const guild = discord.addGuild();
    const channel = discord.addChannel({ guildId: guild.id });
    const c = newClient();
    const done = new Promise<void>((resolve, reject) => {
      c.on(Events.InteractionCreate, (interaction: Interaction) => {
        if (!interaction.isChatInputCommand()) return;
        void (async () => {
          await interaction.deferReply();
          await interaction.editReply({ content: 'timeline ready' });
          await interaction.followUp({ content: 'more' });
          resolve();
        })().catch(reject);
      });
    });
    await login(c);
    const sent = discord.dispatchInteraction({ channelId: channel.id, commandName: 'timeline' });
    await done;
    expect(discord.interactionResponses(sent.id).map((r) => [r.kind, r.type, r.content])).toEqual([
      ['callback', 5, undefined],
      ['edit-original', undefined, 'timeline ready'],
      ['followup', undefined, 'more'],
    ]);
    expect(discord.messages(channel.id).map((m) => m.content)).toEqual(['timeline ready', 'more']);
  });

  it('delivers a button press with its message, and autocomplete with the focused option', async () => {
    const guild = discord.addGuild();
    const channel = discord.addChannel({ guildId: guild.id });
    const c = newClient();
    c.on(Events.InteractionCreate, (interaction: Interaction) => {
      if (interaction.isButton()) void interaction.update({ content: `pressed ${interaction.customId} on ${interaction.message.id}` });
      if (interaction.isAutocomplete()) {
        const typed = interaction.options.getFocused();
        void interaction.respond([{ name: `${typed}ayev`, value: 'tokayev' }]);
      }
    });
    await login(c);
    const posted = (await c.rest.post(`/channels/${channel.id}/messages`, { body: { content: 'alert' } })) as { id: string };
    const press = discord.dispatchInteraction({ type: 3, channelId: channel.id, customId: 'more' });
    expect(await press.firstResponse).toMatchObject({ type: 7, content: `pressed more on ${posted.id}` });
    const auto = discord.dispatchInteraction({
      type: 4,
      channelId: channel.id,
      commandName: 'who',
      options: [{ name: 'name', type: 3, value: 'Tok', focused: true }],
    });
    expect(await auto.firstResponse).toMatchObject({ type: 8, choices: [{ name: 'Tokayev', value: 'tokayev' }] });
  });

  it('answers 10062 to a reply after the 3 s window and 40060 to a second acknowledgement', async () => {
    await discord.close();
    discord = await startFakeDiscord({ interactionAckWindowMs: 100 });
    const guild = discord.addGuild();
    const channel = discord.addChannel({ guildId: guild.id });
    const c = newClient();
    const outcomes: unknown[] = [];
    const done = new Promise<void>((resolve) => {
      c.on(Events.InteractionCreate, (interaction: Interaction) => {
        if (!interaction.isChatInputCommand()) return;
        void (async () => {
          if (interaction.commandName === 'slow') {
            await new Promise((r) => setTimeout(r, 200));
            outcomes.push(await interaction.reply('late').catch((e: { code?: number }) => e.code));
          } else {
            await interaction.reply('first');
            // Bypass discord.js's own "already replied" guard to hit the API twice.
            outcomes.push(await c.rest.post(`/interactions/${interaction.id}/${interaction.token}/callback`, { body: { type: 4, data: { content: 'again' } }, auth: false }).catch((e: { code?: number }) => e.code));
          }
          if (outcomes.length === 2) resolve();
        })();
      });
    });
    await login(c);
    discord.dispatchInteraction({ channelId: channel.id, commandName: 'slow' });
    discord.dispatchInteraction({ channelId: channel.id, commandName: 'fast' });
    await done;
    expect(outcomes.sort()).toEqual([10062, 40060]);
  });
});

describe('fake Discord gateway protocol', () => {
  async function firstFrames(url: string, send: object): Promise<{ hello: unknown; closeCode: number }> {
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(url);
    const hello = await new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
    ws.send(JSON.stringify(send));
    const [closeCode] = (await once(ws, 'close')) as [number];
    return { hello, closeCode };
  }

  it('says Hello with a heartbeat interval, then closes 4004 on an Identify with a bad token', async () => {
    const { hello, closeCode } = await firstFrames(`${discord.gatewayUrl}?v=10&encoding=json`, {
      op: 2,
      d: { token: 'nope', intents: 1, properties: {} },
    });
    expect(hello).toMatchObject({ op: 10, d: { heartbeat_interval: 41_250 } });
    expect(closeCode).toBe(4004);
  });

  it('closes 4003 on a request before Identify and 4014 on a privileged intent not granted', async () => {
    const url = `${discord.gatewayUrl}?v=10&encoding=json`;
    expect((await firstFrames(url, { op: 3, d: {} })).closeCode).toBe(4003);
    const members = 1 << 1;
    expect((await firstFrames(url, { op: 2, d: { token: discord.token, intents: 1 | members } })).closeCode).toBe(4014);
  });
});
