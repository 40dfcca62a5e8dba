import { afterEach, describe, expect, it } from 'vitest';
import { createRedisChatLanguageStore } from '../../src/i18n/chat-languages.js';
import { renderTelegramMessages } from '../../src/platforms/telegram/render.js';
import { createHarness, type DeliveryHarness } from './harness.js';
import { makeStory, waitFor } from './helpers.js';

const kazakhGroup = { platform: 'telegram', chatId: '-1001' } as const;
const forumTopic = { platform: 'telegram', chatId: '-1002', threadId: '7' } as const;
const plainGroup = { platform: 'telegram', chatId: '-1003' } as const;

describe('delivery in the chat’s language', () => {
  let h: DeliveryHarness;
  afterEach(() => h.close());

  it('sends each chat its /language, a forum topic its chat’s, and English where none was chosen', async () => {
    h = await createHarness('deliver-language');
    const languages = createRedisChatLanguageStore(h.ctx.redis, h.ctx.keys);
    await languages.set(kazakhGroup, 'kk');
    await languages.set({ platform: 'telegram', chatId: '-1002' }, 'ru');
    for (const d of [kazakhGroup, forumTopic, plainGroup]) await h.subscribe(d);
    h.startWorker();
    await h.publish(makeStory('s1', { alsoReportedBy: [{ source: 'Tengrinews', title: 'x' }] }));
    await waitFor(() => h.sender.sends.length === 3, 10_000, 'three sends');
    const byDestination = Object.fromEntries(h.sender.sends.map((s) => [s.destination, s.message]));
    expect(byDestination['telegram:-1001']?.language).toBe('kk');
    expect(byDestination['telegram:-1002:7']?.language).toBe('ru');
    expect(byDestination['telegram:-1003']?.language).toBeUndefined();
    const [kk] = renderTelegramMessages(byDestination['telegram:-1001']!);
    expect(kk?.plain).toContain('сондай-ақ хабарлады: Tengrinews');
  });
});
