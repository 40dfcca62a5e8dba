import { describe, expect, it } from 'vitest';
import { parseCommandLine, splitWords, wordsToOptions } from '../../src/commands/parse-args.js';
import { subscribe, timeline, who, feeds } from '../../commands/index.js';

describe('splitWords', () => {
  it('keeps quoted text together, with straight, typographic and guillemet quotes', () => {
    expect(splitWords('tokayev "fuel, gas"  “a b” «в г» end')).toEqual(['tokayev', 'fuel, gas', 'a b', 'в г', 'end']);
  });
});

describe('parseCommandLine', () => {
  it('reads the command name in lower case and strips a Telegram @botname', () => {
    expect(parseCommandLine('/Who@KazwireBot Токаев')).toEqual({ name: 'who', words: ['Токаев'] });
  });

  it('accepts a command without the leading slash and without words', () => {
    expect(parseCommandLine('help')).toEqual({ name: 'help', words: [] });
  });

  it('is undefined for text that is not a command', () => {
    expect(parseCommandLine('/ what')).toBeUndefined();
  });
});

describe('wordsToOptions', () => {
  it('fills options in declaration order', () => {
    expect(wordsToOptions(['tokayev', 'fuel', 'football', 'digest'], subscribe.options)).toEqual({
      topic: 'tokayev',
      keywords: 'fuel',
      exclude: 'football',
      mode: 'digest',
    });
  });

  it('lets the last string option take the rest of the words', () => {
    expect(wordsToOptions(['Kassym-Jomart', 'Tokayev'], who.options)).toEqual({ name: 'Kassym-Jomart Tokayev' });
  });

  it('leaves trailing words that fit the options after the greedy one to those options', () => {
    expect(wordsToOptions(['Kassym-Jomart', 'Tokayev', '30'], timeline.options)).toEqual({ query: 'Kassym-Jomart Tokayev', days: 30 });
  });

  it('gives a lone number to the string option when nothing else is typed', () => {
    expect(wordsToOptions(['2022'], timeline.options)).toEqual({ query: '2022' });
  });

  it('sets named options and fills the others by position', () => {
    expect(wordsToOptions(['days=30', 'Токаев'], timeline.options)).toEqual({ days: 30, query: 'Токаев' });
    expect(wordsToOptions(['add', 'url=https://a.kz/rss'], feeds.options)).toEqual({ action: 'add', url: 'https://a.kz/rss' });
  });

  it('never fills a hidden option by position, only by name', () => {
    expect(wordsToOptions(['tokayev', '7', '2'], timeline.options)).toEqual({ query: 'tokayev 7', days: 2 });
    expect(wordsToOptions(['tokayev', 'page=2'], timeline.options)).toEqual({ query: 'tokayev', page: 2 });
  });

  it('treats name=value for an unknown option as an ordinary word', () => {
    expect(wordsToOptions(['a=b'], who.options)).toEqual({ name: 'a=b' });
  });

  it('keeps a word that is not a number as text so the schema can explain', () => {
    expect(wordsToOptions(['days=week'], timeline.options)).toEqual({ days: 'week' });
  });
});

describe('quoted option values', () => {
  it('keeps name="a phrase" as one word and reads the phrase as the value', () => {
    const line = parseCommandLine('/subscribe topic=tokayev keywords="fuel prices" exclude=«футбол матч»')!;
    expect(line.words).toEqual(['topic=tokayev', 'keywords="fuel prices"', 'exclude=«футбол матч»']);
    const options = [
      { name: 'topic', description: 'subscribe.option.topic' as const, type: 'string' as const, required: false },
      { name: 'keywords', description: 'subscribe.option.keywords' as const, type: 'string' as const, required: false },
      { name: 'exclude', description: 'subscribe.option.exclude' as const, type: 'string' as const, required: false },
    ];
    expect(wordsToOptions(line.words, options)).toEqual({ topic: 'tokayev', keywords: 'fuel prices', exclude: 'футбол матч' });
  });

  it('leaves quotes inside a value with several phrases for the option to read', () => {
    expect(splitWords('keywords="fuel prices","gas" end')).toEqual(['keywords="fuel prices","gas"', 'end']);
  });
});
