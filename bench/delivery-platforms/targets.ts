import type { PlatformName } from '../../src/delivery/core/platform.js';
import type { Destination, Sender } from '../../src/delivery/core/types.js';
import { createDiscordSender } from '../../src/platforms/discord/sender.js';
import { createTelegramSender } from '../../src/platforms/telegram/sender.js';
import { startFakeDiscord } from '../../tests/fakes/discord/server.js';
import { startFakeTelegram } from '../../tests/fakes/telegram/server.js';

/** A platform fake with destinations to create, its limit, and what it served. */
export interface PlatformUnderTest {
  platform: PlatformName;
  limitPerSecond: number;
  sender: Sender;
  /** Creates one destination; `i` picks its kind for a mix. */
  addDestination(i: number): Destination;
  served429(): number;
  describeMix: string;
  close(): Promise<void>;
}

export async function discordUnderTest(): Promise<PlatformUnderTest> {
  const fake = await startFakeDiscord();
  const guild = fake.addGuild();
  return {
    platform: 'discord',
    limitPerSecond: 50,
    sender: createDiscordSender({ token: fake.token, apiUrl: fake.apiUrl }),
    addDestination: () => ({ platform: 'discord', chatId: fake.addChannel({ guildId: guild.id }).id }),
    served429: () => fake.counters.rateLimited.user + fake.counters.rateLimited.global,
    describeMix: 'text channels of one guild',
    close: () => fake.close(),
  };
}

export async function telegramUnderTest(): Promise<PlatformUnderTest> {
  const fake = await startFakeTelegram();
  let users = 500_000;
  return {
    platform: 'telegram',
    limitPerSecond: 30,
    sender: createTelegramSender({ token: fake.token, apiRoot: fake.apiRoot }),
    // 70 % private chats, 25 % supergroups, 5 % basic groups (groups: 20 messages/min each).
    addDestination(i) {
      const slot = i % 20;
      const id =
        slot < 14
          ? fake.addChat({ type: 'private', user: { id: users++ } })
          : fake.addChat({ type: slot < 19 ? 'supergroup' : 'group' });
      return { platform: 'telegram', chatId: String(id) };
    },
    served429: () => fake.tooManyRequestsServed,
    describeMix: '70 % private chats, 25 % supergroups, 5 % basic groups',
    close: () => fake.close(),
  };
}
