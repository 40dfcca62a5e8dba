import { describe, expect, it } from 'vitest';
import { commandList, commands, help } from '../../commands/index.js';
import { runCommand } from '../../src/commands/dispatch.js';
import { createCommandRegistry, validateCommand } from '../../src/commands/registry.js';
import { renderReplyText } from '../../src/commands/render-text.js';
import { channel, makeServices, member } from '../support/command-doubles.js';

describe('/help', () => {
  it('lists every command with its usage and an example', async () => {
    const reply = await runCommand(help, [], member, channel, makeServices());
    const fields = reply!.blocks.flatMap((b) => (b.kind === 'fields' ? b.fields : []));
    expect(fields.map((f) => f.name.split(' ')[0])).toEqual(commands.map((c) => `/${c.name}`));
    for (const c of commands) {
      const field = fields.find((f) => f.name.startsWith(`/${c.name}`));
      expect(field?.value).toContain(`Example: ${c.examples[0]}`);
    }
    expect(renderReplyText(reply!)).toContain('/who <name>: Who is this?');
  });
});

describe('command declarations', () => {
  it('are all valid for the platforms: names, lengths, options matching their schemas', () => {
    expect(commandList.flatMap(validateCommand)).toEqual([]);
    expect(createCommandRegistry(commandList).get('TIMELINE')?.name).toBe('timeline');
  });

  it('keep the public option names', () => {
    const names = Object.fromEntries(commands.map((c) => [c.name, c.options.map((o) => o.name)]));
    expect(names).toEqual({
      subscribe: ['topic', 'keywords', 'exclude', 'mode', 'hour', 'tz', 'quiet', 'preview'],
      unsubscribe: ['id'],
      subscriptions: [],
      timeline: ['query', 'days', 'page'],
      who: ['name'],
      feeds: ['action', 'url', 'file'],
      language: ['language'],
      help: [],
    });
  });

  it('rejects an option with both choices and autocomplete, which Discord refuses', () => {
    const both = { ...help, options: [{ name: 'x', description: 'help.description' as const, type: 'string' as const, required: false, choices: ['a'], autocomplete: 'actor' as const }] };
    expect(validateCommand(both)).toContain('/help x: an option has choices or autocomplete, not both');
  });

  it('rejects a declaration that platforms would refuse, listing each problem', () => {
    const bad = {
      ...help,
      name: 'Bad-Name',
      options: [
        { name: 'x', description: 'help.description' as const, type: 'string' as const, required: false },
        { name: 'y', description: 'help.description' as const, type: 'string' as const, required: true },
      ],
    };
    expect(() => createCommandRegistry([help, bad, help])).toThrow(
      /name must be 1-32 characters[\s\S]*y: required options must come first[\s\S]*\/help: declared twice/,
    );
  });
});
