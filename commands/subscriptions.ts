import { describeSubscription } from './support/describe-subscription.js';
import { entityNames, requireDestination, topicName } from './support/resolve-arguments.js';
import { capitalise } from './support/text.js';
import { shortDate } from './support/time-format.js';
import type { ReplyBlock } from '../src/commands/reply.js';
import { defineCommand } from '../src/commands/command.js';

/** Lists what the channel is subscribed to, with filters, and which subscriptions are paused and why. */
export const subscriptions = defineCommand({
  name: 'subscriptions',
  description: 'subscriptions.description',
  options: {},
  permission: 'everyone',
  examples: ['/subscriptions'],
  async run({ destination, services, t, now }) {
    const where = requireDestination(destination, t);
    const list = await services.subscriptions.listForDestination(where);
    if (list.length === 0) {
      return { blocks: [{ kind: 'text', text: t.t('subscriptions.none') }] };
    }
    const sorted = [...list].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const topic = topicName(services, t);
    const fields = await Promise.all(
      sorted.map(async (s) => {
        const what = describeSubscription(s, await entityNames(services, s.entities, t), topic, t, now());
        const status = s.paused ? `\n${t.t('subscriptions.pausedSince', { date: shortDate(new Date(s.paused.at), t), reason: s.paused.reason })}` : '';
        return { name: t.t('subscriptions.idField', { id: s.id }), value: `${capitalise(t.t('subscriptions.item', { what }), t)}${status}` };
      }),
    );
    const paused = sorted.filter((s) => s.paused).length;
    const blocks: ReplyBlock[] = [{ kind: 'fields', fields }];
    if (paused > 0) blocks.push({ kind: 'text', text: t.t('subscriptions.pausedHelp') });
    return { title: t.t('subscriptions.title', { count: list.length }), blocks };
  },
});
