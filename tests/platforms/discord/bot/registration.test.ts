import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandList } from '../../../../commands/index.js';
import type { Command } from '../../../../src/commands/command.js';
import { botHarness, type BotHarness } from './harness.js';

let h: BotHarness;
beforeEach(async () => {
  h = await botHarness();
});
afterEach(() => h.close());

const commandPuts = () => h.discord.requests().filter((r) => r.method === 'PUT' && r.path.endsWith('/commands'));

describe('slash command registration', () => {
  it('registers every command in the guild with one bulk overwrite and the right JSON', async () => {
    await h.startBot();

    expect(commandPuts().map((r) => [r.path, r.status])).toEqual([[`/applications/${h.discord.applicationId}/guilds/${h.guild.id}/commands`, 200]]);
    const registered = h.discord.commands(h.guild.id) as unknown as Array<Record<string, unknown>>;
    expect(registered.map((c) => c.name)).toEqual(commandList.map((c) => c.name));
    const subscribe = registered.find((c) => c.name === 'subscribe');
    expect(subscribe).toMatchObject({ type: 1, default_member_permissions: '16', dm_permission: false });
    expect(subscribe?.options).toEqual([
      expect.objectContaining({ name: 'topic', type: 3, required: false, autocomplete: true, max_length: 100 }),
      expect.objectContaining({ name: 'keywords', type: 3, max_length: 1000 }),
      expect.objectContaining({ name: 'exclude', type: 3 }),
      expect.objectContaining({
        name: 'mode',
        type: 3,
        choices: [expect.objectContaining({ name: 'instant', value: 'instant' }), expect.objectContaining({ name: 'digest', value: 'digest' })],
      }),
      expect.objectContaining({ name: 'hour', type: 4, min_value: 0, max_value: 23 }),
      expect.objectContaining({ name: 'tz', type: 3 }),
      expect.objectContaining({ name: 'quiet', type: 3 }),
      expect.objectContaining({ name: 'preview', type: 5 }),
    ]);
    expect((subscribe?.options as Array<Record<string, unknown>>)[3]).not.toHaveProperty('autocomplete');
    const timeline = registered.find((c) => c.name === 'timeline');
    expect(timeline).not.toHaveProperty('default_member_permissions');
    expect(timeline?.options).toEqual([
      expect.objectContaining({ name: 'query', type: 3, autocomplete: true }),
      expect.objectContaining({ name: 'days', type: 4, min_value: 1, max_value: 90 }),
    ]);
    expect(registered.find((c) => c.name === 'who')?.options).toEqual([
      expect.objectContaining({ name: 'name', type: 3, required: true, autocomplete: true, min_length: 1, max_length: 100 }),
    ]);
  });

  it('describes every command and option in Russian too, keeping the English names in every locale', async () => {
    await h.startBot();
    const registered = h.discord.commands(h.guild.id) as unknown as Array<Record<string, unknown>>;
    const each = registered.flatMap((c) => [c, ...((c.options as Array<Record<string, unknown>>) ?? [])]);
    for (const item of each) {
      expect(item.name_localizations, String(item.name)).toEqual({ ru: item.name });
      const ru = (item.description_localizations as Record<string, string>).ru;
      expect(ru, String(item.name)).toMatch(/[а-яё]/i);
      expect(Object.keys(item.description_localizations as object)).not.toContain('kk');
    }
    const mode = (registered.find((c) => c.name === 'subscribe')?.options as Array<Record<string, unknown>>).find((o) => o.name === 'mode');
    expect(mode?.choices).toEqual([
      { name: 'instant', name_localizations: { ru: 'instant — каждая новость сразу' }, value: 'instant' },
      { name: 'digest', name_localizations: { ru: 'digest — сводка раз в день' }, value: 'digest' },
    ]);
    expect(registered.find((c) => c.name === 'subscribe')).toMatchObject({
      description: 'Get news in this channel: everything, or one actor or topic, as it breaks or as a daily digest',
      description_localizations: { ru: 'Новости в этот канал: все или по одной персоне или теме, сразу или раз в день сводкой' },
    });
  });

  it('does not register again when a restarted bot has the same commands', async () => {
    const first = await h.startBot();
    await first.stop();
    await h.startBot();
    expect(commandPuts()).toHaveLength(1);
  });

  it('registers again when the commands changed', async () => {
    const first = await h.startBot();
    await first.stop();
    const fewer = commandList.filter((c) => c.name !== 'feeds') as readonly Command[];
    await h.startBot({ commands: fewer });
    expect(commandPuts()).toHaveLength(2);
    expect(h.discord.commands(h.guild.id).map((c) => c.name)).not.toContain('feeds');
  });

  it('registers global commands when no guild is configured, separately from guild ones', async () => {
    const first = await h.startBot();
    await first.stop();
    await h.startBot({ guildId: undefined });
    expect(commandPuts().map((r) => r.path)).toEqual([
      `/applications/${h.discord.applicationId}/guilds/${h.guild.id}/commands`,
      `/applications/${h.discord.applicationId}/commands`,
    ]);
    expect(h.discord.commands('global')).toHaveLength(commandList.length);
  });

  it('fails to start, and registers again next time, when Discord refuses the overwrite', async () => {
    await expect(h.startBot({ applicationId: '1234' })).rejects.toThrow(/Unknown Application/);
    await h.startBot();
    expect(commandPuts().map((r) => r.status)).toEqual([404, 200]);
  });
});
