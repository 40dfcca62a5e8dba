import type { PlatformDescriptor } from '../../delivery/core/platform.js';
import { DiscordLimits } from './render.js';

/**
 * Discord as the core sees it. Limits: 50 requests in any second for the bot, paced as one send every 1/48 s with
 * no burst (a window of one second starting at any send holds at most 49, so a send may arrive up to 40 ms late or
 * early without a 51st in the window; discord.js also counts its own second and would refuse the 51st); 5 per 5 s
 * per channel (burst 2 + 0.55/s: at most 4 in any 5 s; discord.js also honours the exact route buckets from
 * response headers). A bucket of `capacity` refilling at `r`/s lets `capacity + r * W` messages through in any
 * window of W seconds. Each send has its own reserved slot (src/delivery/pacing), so the pace holds to the
 * millisecond and needs no more margin than the jitter of one request. Channel and thread ids are snowflakes.
 */
export const discordPlatform: PlatformDescriptor = {
  name: 'discord',
  pace: {
    global: { capacity: 1, refillPerSecond: 48 },
    perChat: { capacity: 2, refillPerSecond: 0.55 },
  },
  isChatId: (chatId) => /^\d+$/.test(chatId),
  maxStoriesPerMessage: DiscordLimits.embedsPerMessage,
};
