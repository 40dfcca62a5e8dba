import type { PlatformDescriptor } from '../../delivery/core/platform.js';

/**
 * Telegram as the core sees it. Limits: 30 messages in any second for the bot (burst 3 + 26/s: at most 29), about
 * 1/s per chat (Telegram tolerates a burst of 3; we take 2, so one spare token absorbs jitter), 20/min per group
 * or channel (burst 3 + 17/min: no 60 s window ever holds more than 20). A bucket of `capacity` refilling at `r`/s
 * lets `capacity + r * W` messages through in any window of W seconds; a full-size burst (capacity 30 refilling
 * 30/s) let 60 messages into one second against the local fakes (bench/delivery-platforms).
 * Chat ids are integers; groups, supergroups and channels have negative ones.
 */
export const telegramPlatform: PlatformDescriptor = {
  name: 'telegram',
  pace: {
    global: { capacity: 3, refillPerSecond: 26 },
    perChat: { capacity: 2, refillPerSecond: 1 },
    perGroup: { capacity: 3, refillPerSecond: 17 / 60 },
  },
  isChatId: (chatId) => /^-?\d+$/.test(chatId),
  isGroupChat: (chatId) => chatId.startsWith('-'),
  maxStoriesPerMessage: 10,
};
