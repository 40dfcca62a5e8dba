import { REST, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSendError } from '../../../src/platforms/discord/errors.js';
import { NONCE_MAX_LENGTH, nonceFor } from '../../../src/platforms/discord/nonce.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord/server.js';

let discord: FakeDiscord;
let channelId: string;

/** What REST really throws for a request, from the fake. */
async function thrownBy(run: (rest: REST) => Promise<unknown>, token = discord.token): Promise<unknown> {
  const rest = new REST({ api: discord.apiUrl, version: '10', retries: 0, rejectOnRateLimit: () => true }).setToken(token);
  return run(rest).then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e,
  );
}

beforeAll(async () => {
  discord = await startFakeDiscord();
  channelId = discord.addChannel({ guildId: discord.addGuild().id }).id;
});
afterAll(async () => {
  await discord.close();
});

describe('toSendError', () => {
  it('maps an Invalid Form Body answer to rejected, keeping Discord message and code', async () => {
    const err = await thrownBy((rest) => rest.post(Routes.channelMessages(channelId), { body: { content: 'x'.repeat(2001) } }));
    const mapped = toSendError(err, 'send');
    expect(mapped.failure).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('Invalid Form Body') });
    expect(mapped.failure.kind === 'rejected' && mapped.failure.reason).toContain('50035');
    expect(mapped.cause).toBe(err);
  });

  it('maps a refused token to transient, so messages wait for the operator to fix it', async () => {
    const err = await thrownBy((rest) => rest.post(Routes.channelMessages(channelId), { body: { content: 'x' } }), 'revoked');
    expect(toSendError(err, 'send').failure).toEqual({ kind: 'transient' });
  });

  it('maps a 503 outage to transient', async () => {
    discord.outage(true);
    const err = await thrownBy((rest) => rest.get(Routes.channel(channelId)));
    discord.outage(false);
    expect(toSendError(err, 'send').failure).toEqual({ kind: 'transient' });
  });

  it('treats an error it does not know as transient rather than dropping the message', () => {
    expect(toSendError(new Error('surprise'), 'send').failure).toEqual({ kind: 'transient' });
  });
});

describe('nonceFor', () => {
  it('is stable for one key, distinct per part and per key, and within 25 characters', () => {
    const a = nonceFor('deliver-discord:1-story-9');
    expect(nonceFor('deliver-discord:1-story-9')).toBe(a);
    expect(nonceFor('deliver-discord:1-story-9', 1)).not.toBe(a);
    expect(nonceFor('deliver-discord:1-story-8')).not.toBe(a);
    expect(a.length).toBeLessThanOrEqual(NONCE_MAX_LENGTH);
  });
});
