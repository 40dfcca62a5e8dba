import { afterEach, describe, expect, it } from 'vitest';
import { story } from '../../../support/command-doubles.js';
import { aigerim, bolat, startHarness, waitFor, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** 25 stories about Tokayev over the last five days: three timeline pages of 10. */
const stories = Array.from({ length: 25 }, (_, i) =>
  story(new Date(Date.UTC(2022, 0, 5, 8) + i * 4 * 3600_000).toISOString(), `Headline number ${i + 1}`),
);

const buttons = (m: { replyMarkup?: { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> } } | undefined) =>
  (m?.replyMarkup?.inline_keyboard ?? []).flat();

describe('Telegram bot: paging', () => {
  it('pages /timeline with an inline keyboard: pressing Next edits the message to the next page', async () => {
    h = await startHarness({ stories });
    const group = h.tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    const first = await h.ask(group, aigerim, '/timeline tokayev');
    expect(first.text).toContain('Headline number 1');
    expect(first.text).toContain('Page 1 of 3');
    const [next, ...others] = buttons(first);
    expect(others).toEqual([]);
    expect(next?.text).toBe('Next »');
    expect(Buffer.byteLength(next?.callback_data ?? '', 'utf8')).toBeLessThanOrEqual(64);

    h.tg.pressButton({ chatId: group, messageId: first.messageId, from: bolat, data: next!.callback_data! });
    await waitFor(() => h!.tg.callbackAnswers()[0]?.answered !== undefined, 'the press to be answered');
    const edited = h.tg.botReplies(group)[0];
    expect(h.tg.botReplies(group)).toHaveLength(1);
    expect(edited?.editDate).toBeDefined();
    expect(edited?.text).toContain('Headline number 11');
    expect(edited?.text).not.toContain('Headline number 1 (');
    expect(edited?.text).toContain('Page 2 of 3');
    expect(buttons(edited).map((b) => b.text)).toEqual(['« Previous', 'Next »']);
    expect(h.tg.callbackAnswers()[0]?.answered).toEqual({});
  });

  it('shows an alert on the button and leaves the message alone when the results have expired', async () => {
    h = await startHarness({ stories });
    const group = h.tg.addChat({ type: 'supergroup', title: 'Newsroom' });
    const first = await h.ask(group, aigerim, '/timeline tokayev');
    const [next] = buttons(first);
    const token = /^pg:([^:]+):/.exec(next?.callback_data ?? '')?.[1] ?? '';
    await h.redis.redis.del(h.redis.keys.replyPages(token));

    h.tg.pressButton({ chatId: group, messageId: first.messageId, from: aigerim, data: next!.callback_data! });
    await waitFor(() => h!.tg.callbackAnswers()[0]?.answered !== undefined, 'the press to be answered');
    expect(h.tg.callbackAnswers()[0]?.answered).toEqual({
      text: 'These results have expired. Please run the command again.',
      show_alert: true,
    });
    expect(h.tg.botReplies(group)[0]?.editDate).toBeUndefined();
  });
});
