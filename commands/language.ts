import { option } from '../src/commands/options.js';
import type { Reply } from '../src/commands/reply.js';
import { defineCommand } from '../src/commands/command.js';
import { languageNames, languages } from '../src/i18n/languages.js';
import { translator } from '../src/i18n/translator.js';
import { requireDestination } from './support/resolve-arguments.js';

/**
 * The chat's own language, which wins over each reader's app language on every platform (Discord has no Kazakh
 * locale, and a Telegram group has no language at all): its replies and its news come in it. `auto` forgets it.
 * Without a value, says what is set now.
 */
export const language = defineCommand({
  name: 'language',
  description: 'language.description',
  options: {
    language: option.optionalChoice('language.option.language', [...languages, 'auto']),
  },
  permission: 'manage-channel',
  examples: ['/language kk', '/language ru', '/language auto', '/language'],
  async run({ args, destination, services, t }): Promise<Reply> {
    const where = requireDestination(destination, t);
    if (args.language === undefined) {
      const current = await services.languages.get(where);
      return { blocks: [{ kind: 'text', text: current ? t.t('language.current', { name: languageNames[current] }) : t.t('language.currentNone') }] };
    }
    if (args.language === 'auto') {
      await services.languages.set(where, undefined);
      return { blocks: [{ kind: 'text', text: t.t('language.cleared') }] };
    }
    await services.languages.set(where, args.language);
    // Said in the language just chosen: the first words the chat reads in it.
    const chosen = translator(args.language);
    return { language: chosen.language, blocks: [{ kind: 'text', text: chosen.t('language.set') }] };
  },
});
