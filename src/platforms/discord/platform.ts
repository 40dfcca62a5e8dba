import type { PlatformDescriptor } from '../../delivery/core/platform.js';
import { DiscordLimits } from './render.js';

/**
 * Discord as the core sees it. Limits: 50 requests in any second for the bot (burst 3 + 45/s: at most 48;
 * discord.js also counts its own second), 5 per 5 s per channel (burst 2 + 0.55/s: at most 4 in any 5 s;
 * discord.js also honours the exact route buckets from response headers). A bucket of `capacity` refilling at
 * `r`/s lets `capacity + r * W` messages through in any window of W seconds, with a message or two to spare for
 * the jitter between taking a token and the request reaching Discord; a full-size burst let twice the limit into
 * one second against the local fakes (bench/delivery-platforms). Channel and thread ids are snowflakes.
 */
export const discordPlatform: PlatformDescriptor = {
  name: 'discord',
  pace: {
    global: { capacity: 3, refillPerSecond: 45 },
    perChat: { capacity: 2, refillPerSecond: 0.55 },
  },
  isChatId: (chatId) => /^\d+$/.test(chatId),
  maxStoriesPerMessage: DiscordLimits.embedsPerMessage,
};
