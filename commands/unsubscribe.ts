import { requireDestination } from './support/resolve-arguments.js';
import { privateReply } from '../src/commands/reply.js';
import { option } from '../src/commands/options.js';
import { defineCommand } from '../src/commands/command.js';

/** Removes one subscription of the channel by id, or all of them. */
export const unsubscribe = defineCommand({
  name: 'unsubscribe',
  description: 'unsubscribe.description',
  options: {
    id: option.text('unsubscribe.option.id', { max: 100, default: 'all' }),
  },
  permission: 'manage-channel',
  examples: ['/unsubscribe all', '/unsubscribe <id from /subscriptions>'],
  async run({ args, destination, services, t }) {
    const where = requireDestination(destination, t);
    const all = args.id.toLowerCase() === 'all';
    const removed = await services.subscriptions.unsubscribe(where, all ? undefined : args.id);
    if (removed === 0) {
      return privateReply(all ? t.t('subscriptions.none') : t.t('unsubscribe.noSuchId', { id: args.id }));
    }
    return {
      title: t.t('unsubscribe.title'),
      blocks: [
        {
          kind: 'text',
          text: all ? t.t('unsubscribe.removedAll', { count: removed }) : t.t('unsubscribe.removedOne', { id: args.id }),
        },
      ],
    };
  },
});
