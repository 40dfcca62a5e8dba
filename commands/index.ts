import type { Command } from '../src/commands/command.js';
import { feeds } from './feeds.js';
import { createHelpCommand } from './help.js';
import { language } from './language.js';
import { subscribe } from './subscribe.js';
import { subscriptions } from './subscriptions.js';
import { timeline } from './timeline.js';
import { unsubscribe } from './unsubscribe.js';
import { who } from './who.js';

export const help = createHelpCommand(() => commands);

/** Every command, in the order menus and /help show them. Adapters register exactly this list. */
export const commands = [subscribe, unsubscribe, subscriptions, timeline, who, feeds, language, help] as const;

/** The list as plain commands, for registries and adapters that do not need each command's argument types. */
export const commandList: readonly Command[] = commands;

export { feeds, language, subscribe, subscriptions, timeline, unsubscribe, who };
