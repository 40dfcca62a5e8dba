import { requireDestination } from './support/resolve-arguments.js';
import { privateReply } from '../src/commands/reply.js';
import { option } from '../src/commands/options.js';
import { plural } from './support/text.js';
import { defineCommand } from '../src/commands/command.js';

/** Removes one subscription of the channel by id, or all of them. */
export const unsubscribe = defineCommand({
  name: 'unsubscribe',
  description: 'Stop news in this channel: one subscription by id, or all of them',
  options: {
    id: option.text('A subscription id from /subscriptions, or "all" (the default)', { max: 100, default: 'all' }),
  },
  permission: 'manage-channel',
  examples: ['/unsubscribe all', '/unsubscribe <id from /subscriptions>'],
  async run({ args, destination, services }) {
    const where = requireDestination(destination);
    const all = args.id.toLowerCase() === 'all';
    const removed = await services.subscriptions.unsubscribe(where, all ? undefined : args.id);
    if (removed === 0) {
      return all
        ? privateReply('This channel has no subscriptions. Use /subscribe to start one.')
        : privateReply(`This channel has no subscription with id "${args.id}". Use /subscriptions to see the ids.`);
    }
    return {
      title: 'Unsubscribed',
      blocks: [
        {
          kind: 'text',
          text: all
            ? `Removed ${plural(removed, 'subscription', 'subscriptions')}: this channel will get no more news.`
            : `Removed subscription ${args.id}.`,
        },
      ],
    };
  },
});
