import { Api, GrammyError } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { aigerim, startHarness, waitFor, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Telegram bot: starting and stopping', () => {
  it('tells the role when another process takes over long polling (409)', async () => {
    const stopped: unknown[] = [];
    h = await startHarness({ bot: { onPollingStopped: (err) => stopped.push(err) } });
    await waitFor(() => h!.tg.calls('getUpdates').length > 0, 'the bot to poll');
    await new Promise((r) => setTimeout(r, 50));
    await new Api(h.tg.token, { apiRoot: h.tg.apiRoot }).getUpdates({ timeout: 0 });
    await waitFor(() => stopped.length > 0, 'long polling to stop');
    expect(stopped[0]).toBeInstanceOf(GrammyError);
    expect((stopped[0] as GrammyError).error_code).toBe(409);
  });

  it('says when the Bot API stops answering getUpdates, keeps polling, and answers commands once it is back', async () => {
    const reports: Array<[boolean, string]> = [];
    h = await startHarness({ bot: { onConnection: (up, detail) => reports.push([up, detail]) } });
    await waitFor(() => reports.some(([up]) => up), 'a first answer');
    h.tg.outage(true, 502);
    await waitFor(() => reports.at(-1)?.[0] === false, 'the outage to be noticed', 15_000);
    expect(reports.at(-1)?.[1]).toMatch(/^getUpdates: /);
    h.tg.outage(false);
    const dm = h.tg.addChat({ type: 'private', user: aigerim });
    expect((await h.ask(dm, aigerim, '/help')).text).toContain('/timeline');
    expect(reports.at(-1)?.[0]).toBe(true);
  });

  it('fails to start with a token Telegram refuses', async () => {
    h = await startHarness({ start: false, bot: { token: '42:not-the-token' } });
    await expect(h.bot.start()).rejects.toMatchObject({ error_code: 401 });
  });

  it('stops long polling: commands sent afterwards get no answer', async () => {
    h = await startHarness();
    const dm = h.tg.addChat({ type: 'private', user: aigerim });
    await h.ask(dm, aigerim, '/help');
    await h.bot.stop();
    h.tg.sendUserMessage({ chatId: dm, from: aigerim, text: '/help' });
    await new Promise((r) => setTimeout(r, 300));
    expect(h.tg.botReplies(dm)).toHaveLength(1);
    // The update waits at Telegram for the next start instead of being taken and lost.
    expect((await new Api(h.tg.token, { apiRoot: h.tg.apiRoot }).getWebhookInfo()).pending_update_count).toBe(1);
  });
});
