import type { Reply } from '../src/commands/reply.js';
import type { Command } from '../src/commands/command.js';
import { defineCommand } from '../src/commands/command.js';
import { usageLine } from '../src/commands/usage.js';

const PERMISSION_NOTE: Record<Command['permission'], string> = {
  everyone: '',
  'manage-channel': ' (channel managers)',
  owner: ' (owners)',
};

/**
 * Builds /help over the full command list. The list is passed lazily because /help is itself in it
 * (commands/index.ts), which keeps one explicit list and no import cycle.
 */
export function createHelpCommand(list: () => readonly Command[]) {
  return defineCommand({
    name: 'help',
    description: 'What this bot can do, with an example of every command',
    options: {},
    permission: 'everyone',
    examples: ['/help'],
    async run(): Promise<Reply> {
      return {
        title: 'Kazwire commands',
        blocks: [
          { kind: 'text', text: 'Kazwire posts news about Kazakhstan and its region from English, Russian and Kazakh sources.' },
          {
            kind: 'fields',
            fields: list().map((c) => ({
              name: usageLine(c),
              value: `${c.description}${PERMISSION_NOTE[c.permission]}.\nExample: ${c.examples[0] ?? '/' + c.name}`,
            })),
          },
        ],
      };
    },
  });
}
