import { afterEach, describe, expect, it } from 'vitest';
import type { TopicEntity } from '../../../../src/commands/services.js';
import { entityChoices } from '../../../../src/platforms/discord/bot/autocomplete.js';
import { entities, entityDirectory } from '../../../support/command-doubles.js';
import { botHarness, text, type BotHarness } from './harness.js';

describe('autocomplete over the fake Discord', () => {
  let h: BotHarness;
  afterEach(() => h.close());

  it('suggests actors for /who and actors or topics for /subscribe as the user types', async () => {
    h = await botHarness();
    await h.startBot();
    const who = await h.discord.dispatchInteraction({ type: 4, channelId: h.channel.id, commandName: 'who', options: [text('name', 'Ток', true)] }).firstResponse;
    expect(who).toMatchObject({ type: 8, choices: [{ name: 'Kassym-Jomart Tokayev', value: 'Kassym-Jomart Tokayev' }] });

    const subscribe = await h.discord.dispatchInteraction({
      type: 4,
      channelId: h.channel.id,
      commandName: 'subscribe',
      options: [text('topic', 'al', true), text('keywords', 'fuel')],
    }).firstResponse;
    expect(subscribe.choices).toEqual([
      { name: 'Alikhan Smailov', value: 'Alikhan Smailov' },
      { name: 'Almaty', value: 'Almaty' },
    ]);
  });
});

describe('entity choices', () => {
  it('never offers a place as an actor, and offers every actor for an empty text', async () => {
    const choices = await entityChoices(entityDirectory(), 'actor', '');
    expect(choices.map((c) => c.name)).toEqual(['Kassym-Jomart Tokayev', 'Nursultan Nazarbayev', 'Alikhan Smailov', 'CSTO']);
  });

  it('shows the names in the reader’s language and sends back a value the lookup resolves', async () => {
    const choices = await entityChoices(entityDirectory(), 'actor', 'Қасым', 'kk');
    expect(choices).toEqual([{ name: 'Қасым-Жомарт Тоқаев', value: 'Kassym-Jomart Tokayev' }]);
    expect((await entityChoices(entityDirectory(), 'actor', '', 'ru')).map((c) => c.name)).toEqual([
      'Касым-Жомарт Токаев',
      'Нурсултан Назарбаев',
      'Alikhan Smailov',
      'ОДКБ',
    ]);
  });

  it('adds close matches for a typo after what the text matches', async () => {
    const choices = await entityChoices(entityDirectory(), 'actor', 'Smailof');
    expect(choices.map((c) => c.name)).toEqual(['Alikhan Smailov']);
  });

  it('keeps to 25 choices with names and values of at most 100 characters', async () => {
    const many: TopicEntity[] = Array.from({ length: 40 }, (_, i) => ({
      id: `e${i}`,
      kind: 'topic',
      name: `Almaty ${'district '.repeat(20)}${i}`,
      names: { en: [`Almaty district ${i}`], ru: [], kk: [] },
    }));
    const choices = await entityChoices(entityDirectory([...entities, ...many]), 'topic', 'alm');
    expect(choices).toHaveLength(25);
    for (const c of choices) {
      expect([...c.name].length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    expect(choices[0]).toEqual({ name: 'Almaty', value: 'Almaty' });
    expect(choices[1]?.value).toBe('e0');
  });
});
