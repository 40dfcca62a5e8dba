import { afterEach, describe, expect, it } from 'vitest';
import { platforms } from '../../../src/app/platforms.js';
import { createPlatformDirectory, type PlatformDescriptor } from '../../../src/delivery/core/platform.js';
import { TellUserError } from '../../../src/errors.js';
import { consolePlatform } from '../../../src/platforms/console/platform.js';
import { createHarness, type DeliveryHarness } from '../harness.js';
import { makeStory, waitFor } from '../helpers.js';

/** A platform the core has never heard of: chat ids like `hook-1`, one message at a time. */
const webhook: PlatformDescriptor = {
  name: 'webhook',
  pace: { perChat: { capacity: 1, refillPerSecond: 100 } },
  isChatId: (chatId) => /^hook-\d+$/.test(chatId),
  maxStoriesPerMessage: 1,
};

const subscription = (platform: string, chatId: string) => ({
  destination: { platform, chatId },
  entities: [],
  keywords: [],
  exclude: [],
  mode: 'instant' as const,
  createdBy: 'u1',
});

describe('registered platforms', () => {
  let h: DeliveryHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('lists the app platforms by name, and refuses a name registered twice or not fit for keys', () => {
    expect(platforms.names()).toEqual(['console', 'discord', 'telegram']);
    expect(() => createPlatformDirectory([consolePlatform, consolePlatform])).toThrow(/registered twice/);
    expect(() => createPlatformDirectory([{ ...webhook, name: 'Web:hook' }])).toThrow(/lower-case/);
  });

  it('takes subscriptions only to chats that a registered platform says are its own', async () => {
    h = await createHarness('platforms-subscribe');
    await expect(h.store.subscribe(subscription('webhook', 'hook-1'))).rejects.toThrow(/a destination is on one of: console, discord, telegram/);
    await expect(h.store.subscribe(subscription('discord', '-100'))).rejects.toBeInstanceOf(TellUserError);
    await expect(h.store.subscribe(subscription('console', '42'))).rejects.toThrow('a chat id is a number');
    await expect(h.store.subscribe(subscription('telegram', '-100123'))).resolves.toMatchObject({ created: true });
  });

  it('delivers to a new platform from its descriptor and sender alone, with no change to the core', async () => {
    h = await createHarness('platforms-new', { platform: webhook, maxStoriesPerMessage: webhook.maxStoriesPerMessage }, createPlatformDirectory([webhook]));
    await h.subscribe({ platform: 'webhook', chatId: 'hook-1' });
    h.startWorker();
    await h.publish(makeStory('w1'));
    await h.publish(makeStory('w2'));
    const harness = h;
    await waitFor(() => harness.sender.sends.length === 2, 15_000, 'both stories');
    expect(h.sender.storiesSentTo('webhook:hook-1')).toEqual(['w1', 'w2']);
    expect(h.sender.sends.every((s) => s.message.stories.length === 1)).toBe(true);
  });
});
