import type { Reply } from '../src/commands/reply.js';
import type { Command } from '../src/commands/command.js';
import { defineCommand } from '../src/commands/command.js';
import { usageLine } from '../src/commands/usage.js';
import { topicName } from './support/resolve-arguments.js';

const PERMISSION: Record<Command['permission'], string> = { everyone: 'everyone', 'manage-channel': 'manage', owner: 'owner' };

/**
 * Builds /help over the full command list. The list is passed lazily because /help is itself in it
 * (commands/index.ts), which keeps one explicit list and no import cycle.
 */
export function createHelpCommand(list: () => readonly Command[]) {
  return defineCommand({
    name: 'help',
    description: 'help.description',
    options: {},
    permission: 'everyone',
    examples: ['/help'],
    async run({ services, t }): Promise<Reply> {
      return {
        title: t.t('help.title'),
        blocks: [
          { kind: 'text', text: t.t('help.intro', { topic: topicName(services, t) }) },
          {
            kind: 'fields',
            fields: list().map((c) => ({
              name: usageLine(c, t),
              value: t.t('help.entry', {
                description: t.t(c.description),
                permission: PERMISSION[c.permission],
                example: c.examples[0] ?? '/' + c.name,
              }),
            })),
          },
        ],
      };
    },
  });
}
