import { describe, expect, it } from 'vitest';
import { commandList } from '../../commands/index.js';
import { defineCommand } from '../../src/commands/command.js';
import { option, splitCommaList } from '../../src/commands/options.js';
import { describeProblem } from '../../src/commands/problems.js';
import { translator } from '../../src/i18n/translator.js';

describe('option builder', () => {
  it('gives each option one spec and one parser that agree on limits and defaults, for every command', () => {
    for (const command of commandList) {
      for (const spec of command.options) {
        const read = (value: unknown) => command.schema.safeParse({ [spec.name]: value }).data as Record<string, unknown> | undefined;
        if (spec.default !== undefined) expect(read(undefined)?.[spec.name], `/${command.name} ${spec.name} default`).toBe(spec.default);
        if (spec.type === 'integer' && spec.max !== undefined && spec.min !== undefined) {
          expect(read(spec.max)?.[spec.name], `/${command.name} ${spec.name} max`).toBe(spec.max);
          expect(read(spec.max + 1), `/${command.name} ${spec.name} above max`).toBeUndefined();
          expect(read(spec.min - 1), `/${command.name} ${spec.name} below min`).toBeUndefined();
        }
        if (spec.type === 'string' && spec.max !== undefined && !spec.choices) {
          expect(read('x'.repeat(spec.max + 1)), `/${command.name} ${spec.name} too long`).toBeUndefined();
        }
        for (const choice of spec.choices ?? []) {
          // A choice may be refused by a check across options (/feeds add without a url), never on its own.
          const result = command.schema.safeParse({ [spec.name]: choice.toUpperCase() });
          expect(result.error?.issues.filter((i) => i.path[0] === spec.name) ?? [], `/${command.name} ${spec.name}=${choice}`).toEqual([]);
        }
      }
    }
  });

  it('names each option by its key, in declaration order, and parses the arguments the run receives', async () => {
    const echo = defineCommand({
      name: 'echo',
      description: 'help.description',
      options: {
        word: option.requiredText('who.option.name', { max: 10 }),
        times: option.integer('timeline.option.days', { min: 1, max: 3, default: 1 }),
        tone: option.choice('subscribe.option.mode', ['plain', 'loud'], 'plain'),
        tags: option.words('subscribe.option.keywords'),
        note: option.text('timeline.option.query', { max: 20, default: 'none' }),
      },
      permission: 'everyone',
      examples: [],
      run: async ({ args }) => ({ blocks: [{ kind: 'text', text: JSON.stringify(args) }] }),
    });
    expect(echo.options.map((o) => o.name)).toEqual(['word', 'times', 'tone', 'tags', 'note']);
    expect(echo.options[0]).toMatchObject({ type: 'string', required: true, min: 1, max: 10 });
    expect(echo.options[2]).toMatchObject({ choices: ['plain', 'loud'], default: 'plain' });
    const parsed = echo.schema.safeParse({ word: ' hi ', times: '2', tags: 'a, b;a' });
    expect(parsed.data).toEqual({ word: 'hi', times: 2, tone: 'plain', tags: ['a', 'b'], note: 'none' });
  });

  it('reports problems found across options under the option they concern', () => {
    const pair = defineCommand({
      name: 'pair',
      description: 'feeds.description',
      options: { a: option.text('feeds.option.action', { max: 5 }), b: option.text('feeds.option.url', { max: 5 }) },
      check(args, problem) {
        if (args.a && !args.b) problem('b', 'feeds.urlNeeded', { action: 'add' });
      },
      permission: 'everyone',
      examples: [],
      run: async () => ({ blocks: [] }),
    });
    const parsed = pair.schema.safeParse({ a: 'x' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), describeProblem(i.message, translator('en'))])).toEqual([['b', 'is needed to add a feed']]);
  });

  it('splits comma-separated words, trimmed and without repeats', () => {
    expect(splitCommaList(' fuel ,  gas   prices; FUEL,, ')).toEqual(['fuel', 'gas prices']);
    expect(splitCommaList(undefined)).toEqual([]);
  });
});

describe('keyword lists with quoted phrases', () => {
  it('reads a quoted phrase as one keyword, commas inside it kept', () => {
    expect(splitCommaList('"fuel prices"')).toEqual(['fuel prices']);
    expect(splitCommaList('"fuel, gas prices" oil, “coal”')).toEqual(['fuel, gas prices', 'oil', 'coal']);
    expect(splitCommaList('«цены на газ»; gas')).toEqual(['цены на газ', 'gas']);
  });

  it('keeps an unclosed quote as a character of the word', () => {
    expect(splitCommaList('"fuel prices')).toEqual(['"fuel prices']);
  });
});
