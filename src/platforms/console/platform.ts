import type { PlatformDescriptor } from '../../delivery/core/platform.js';

/** The terminal: alerts printed on stdout, unpaced; its one chat is `stdout`. */
export const consolePlatform: PlatformDescriptor = {
  name: 'console',
  pace: {},
  isChatId: (chatId) => chatId === 'stdout',
  maxStoriesPerMessage: 10,
};
