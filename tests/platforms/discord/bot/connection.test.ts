import { afterEach, describe, expect, it } from 'vitest';
import { commandList } from '../../../../commands/index.js';
import type { Command } from '../../../../src/commands/command.js';
import { createDiscordBot } from '../../../../src/platforms/discord/bot/index.js';
import { waitUntil } from '../../../support/wait-until.js';
import { botHarness, type BotHarness } from './harness.js';

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Discord bot: the gateway connection', () => {
  it('fails to start while Discord is unreachable, and starts on a later try once it is back', async () => {
    h = await botHarness();
    const { discord, guild, services, redis } = h;
    const bot = createDiscordBot({
      token: discord.token,
      apiUrl: discord.apiUrl,
      guildId: guild.id,
      commands: commandList as readonly Command[],
      services,
      redis: redis.redis,
      keys: redis.keys,
      ownerIds: [],
      readyTimeoutMs: 5_000,
    });
    discord.outage(true);
    await expect(bot.start()).rejects.toThrow(/discord gateway not reached/);
    expect(discord.gatewayStats.identifies).toBe(0);
    discord.outage(false);
    // The role tries the same bot again: it logs in and registers from scratch.
    try {
      await bot.start();
      expect(discord.gatewayStats.identifies).toBe(1);
      expect(discord.commands(guild.id).length).toBeGreaterThan(0);
    } finally {
      await bot.stop();
    }
  });

  it('says when the gateway session is lost and when it is back', async () => {
    h = await botHarness();
    const reports: Array<[boolean, string]> = [];
    await h.startBot({ onConnection: (up, detail) => reports.push([up, detail]) });
    const before = reports.length;
    h.discord.requestGatewayReconnect();
    await waitUntil('the session to be resumed', () => reports.slice(before).some(([up]) => up), { timeoutMs: 15_000 });
    const after = reports.slice(before);
    expect(after.findIndex(([up]) => !up)).toBeLessThan(after.findIndex(([up]) => up));
    expect(after.find(([up]) => up)?.[1]).toMatch(/gateway session (resumed|ready)/);
  });

  it('says when the gateway cannot be reached any more, keeps trying, and says when the session is back', async () => {
    h = await botHarness();
    const reports: Array<[boolean, string]> = [];
    await h.startBot({ onConnection: (up, detail) => reports.push([up, detail]) });
    const before = reports.length;
    h.discord.gatewayOutage(true);
    await waitUntil('the lost gateway to be reported', () => reports.slice(before).some(([up]) => !up), { timeoutMs: 15_000 });
    expect(reports.slice(before).every(([up]) => !up)).toBe(true);
    h.discord.gatewayOutage(false);
    await waitUntil('the session to be back', () => reports.at(-1)?.[0] === true, { timeoutMs: 30_000 });
    expect(h.discord.gatewayStats.resumes + h.discord.gatewayStats.identifies).toBeGreaterThan(1);
  });
});
