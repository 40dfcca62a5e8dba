import type { PlatformDescriptor } from '../../delivery/core/platform.js';

/**
 * Telegram as the core sees it. Limits: 30 messages in any second for the bot, paced as one send every 1/29 s with
 * no burst (30 sends would have to arrive 34 ms closer together than their slots to fill a second); about 1/s per
 * chat (Telegram tolerates a burst of 3; we take 2, so one spare token absorbs jitter); 20/min per group or channel
 * (burst 3 + 17/min: no 60 s window ever holds more than 20). A bucket of `capacity` refilling at `r`/s lets
 * `capacity + r * W` messages through in any window of W seconds. Each send has its own reserved slot
 * (src/delivery/pacing), so the pace holds to the millisecond. Chat ids are integers; groups, supergroups and
 * channels have negative ones.
 */
export const telegramPlatform: PlatformDescriptor = {
  name: 'telegram',
  pace: {
    global: { capacity: 1, refillPerSecond: 29 },
    perChat: { capacity: 2, refillPerSecond: 1 },
    perGroup: { capacity: 3, refillPerSecond: 17 / 60 },
  },
  isChatId: (chatId) => /^-?\d+$/.test(chatId),
  isGroupChat: (chatId) => chatId.startsWith('-'),
  maxStoriesPerMessage: 10,
};
