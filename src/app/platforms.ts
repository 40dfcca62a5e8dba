import { createPlatformDirectory } from '../delivery/core/platform.js';
import { consolePlatform } from '../platforms/console/platform.js';
import { discordPlatform } from '../platforms/discord/platform.js';
import { telegramPlatform } from '../platforms/telegram/platform.js';

/**
 * Every platform Kazwire can deliver to and take subscriptions for. The core knows only this list's descriptors;
 * adding a platform is its own folder under src/platforms, one line here, and its sender and command role in the
 * app (see docs/architecture.md, "Adding a platform").
 */
export const platforms = createPlatformDirectory([consolePlatform, discordPlatform, telegramPlatform]);
