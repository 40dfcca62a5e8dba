import { REST, Routes } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './server.js';

let discord: FakeDiscord;
let rest: REST;
beforeEach(async () => {
  discord = await startFakeDiscord();
  rest = new REST({ api: discord.apiUrl, retries: 0 }).setToken(discord.token);
});
afterEach(() => discord.close());

const put = (options: unknown[]) =>
  rest.put(Routes.applicationCommands(discord.applicationId), { body: [{ name: 'who', description: 'Who is this?', options }] });

describe('fake Discord command options', () => {
  it('accepts localized names and descriptions in Discord locales, on the command and its options', async () => {
    await rest.put(Routes.applicationCommands(discord.applicationId), {
      body: [
        {
          name: 'who',
          name_localizations: { ru: 'who' },
          description: 'Who is this?',
          description_localizations: { ru: 'Кто это?', 'en-GB': 'Who is this?' },
          options: [{ name: 'name', description: 'A name', description_localizations: { ru: 'Имя' }, type: 3, required: true }],
        },
      ],
    });
    expect(discord.commands()[0]).toMatchObject({ description_localizations: { ru: 'Кто это?' } });
  });

  it('refuses a command description in a locale Discord does not have', async () => {
    const body = [{ name: 'who', description: 'Who is this?', description_localizations: { kk: 'Бұл кім?' } }];
    const err = (await rest.put(Routes.applicationCommands(discord.applicationId), { body }).catch((e: unknown) => e)) as { code?: number; rawError?: unknown };
    expect(err.code).toBe(50035);
    expect(JSON.stringify(err.rawError)).toContain('LOCALE_INVALID');
  });

  it('accepts options shaped the way Discord wants them', async () => {
    await put([
      { name: 'name', description: 'A name', type: 3, required: true, autocomplete: true, min_length: 1, max_length: 100 },
      { name: 'days', description: 'Days', type: 4, required: false, min_value: 1, max_value: 90 },
      { name: 'mode', description: 'Mode', type: 3, required: false, choices: [{ name: 'instant', value: 'instant' }] },
    ]);
    expect(discord.commands()).toHaveLength(1);
  });

  it.each([
    ['a required option after an optional one', [{ name: 'a', description: 'a', type: 3 }, { name: 'b', description: 'b', type: 3, required: true }], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID'],
    ['choices with autocomplete', [{ name: 'a', description: 'a', type: 3, autocomplete: true, choices: [{ name: 'x', value: 'x' }] }], 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_WITH_CHOICES'],
    ['a string choice on an integer option', [{ name: 'a', description: 'a', type: 4, choices: [{ name: 'x', value: 'x' }] }], 'BASE_TYPE_BAD_VALUE'],
    ['min_length on an integer option', [{ name: 'a', description: 'a', type: 4, min_length: 1 }], 'NUMBER_TYPE_MAX'],
    ['an upper-case option name', [{ name: 'Name', description: 'a', type: 3 }], 'APPLICATION_COMMAND_INVALID_NAME'],
    ['an empty option description', [{ name: 'a', description: '', type: 3 }], 'BASE_TYPE_BAD_LENGTH'],
    ['a Kazakh description, a locale Discord does not have', [{ name: 'a', description: 'a', type: 3, description_localizations: { kk: 'Аты' } }], 'LOCALE_INVALID'],
    ['a Russian description over 100 characters', [{ name: 'a', description: 'a', type: 3, description_localizations: { ru: 'я'.repeat(101) } }], 'BASE_TYPE_BAD_LENGTH'],
    ['an upper-case localized name', [{ name: 'a', description: 'a', type: 3, name_localizations: { ru: 'Имя' } }], 'APPLICATION_COMMAND_INVALID_NAME'],
    ['a choice named in a locale Discord does not have', [{ name: 'a', description: 'a', type: 3, choices: [{ name: 'x', name_localizations: { kk: 'икс' }, value: 'x' }] }], 'LOCALE_INVALID'],
  ])('refuses %s with 50035', async (_what, options, code) => {
    const err = (await put(options).catch((e: unknown) => e)) as { code?: number; rawError?: unknown };
    expect(err.code).toBe(50035);
    expect(JSON.stringify(err.rawError)).toContain(code);
    expect(discord.commands()).toHaveLength(0);
  });
});
