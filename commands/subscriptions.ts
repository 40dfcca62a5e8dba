import { describeSubscription } from './support/describe-subscription.js';
import { entityNames, requireDestination } from './support/resolve-arguments.js';
import type { ReplyBlock } from '../src/commands/reply.js';
import { defineCommand } from '../src/commands/command.js';

/** Lists what the channel is subscribed to, with filters, and which subscriptions are paused and why. */
export const subscriptions = defineCommand({
  name: 'subscriptions',
  description: "Show this channel's subscriptions, their filters, and any that are paused",
  options: {},
  permission: 'everyone',
  examples: ['/subscriptions'],
  async run({ destination, services, now }) {
    const where = requireDestination(destination);
    const list = await services.subscriptions.listForDestination(where);
    if (list.length === 0) {
      return { blocks: [{ kind: 'text', text: 'This channel has no subscriptions. Use /subscribe to start one.' }] };
    }
    const sorted = [...list].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const fields = await Promise.all(
      sorted.map(async (s) => {
        const what = describeSubscription(s, await entityNames(services, s.entities), services.topicName, now());
        const status = s.paused ? `\nPaused since ${s.paused.at.slice(0, 10)}: ${s.paused.reason}` : '';
        return { name: `id ${s.id}`, value: `${capitalise(what)}.${status}` };
      }),
    );
    const paused = sorted.filter((s) => s.paused).length;
    const blocks: ReplyBlock[] = [{ kind: 'fields', fields }];
    if (paused > 0) {
      blocks.push({
        kind: 'text',
        text: 'A paused subscription gets nothing. Check that the bot may still post here, then remove it with /unsubscribe and add it again with /subscribe.',
      });
    }
    return { title: `This channel's subscriptions (${list.length})`, blocks };
  },
});

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
