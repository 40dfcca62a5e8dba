import { describeSubscription, DEFAULT_DIGEST_HOUR_UTC } from './support/describe-subscription.js';
import { entityNames, requireDestination, requireEntity, topicName } from './support/resolve-arguments.js';
import { option } from '../src/commands/options.js';
import { defineCommand } from '../src/commands/command.js';

/** Subscribes the channel to the topic pack, or one actor or topic of it, with optional keyword filters. */
export const subscribe = defineCommand({
  name: 'subscribe',
  description: 'subscribe.description',
  options: {
    topic: option.text('subscribe.option.topic', { max: 100, autocomplete: 'actor-or-topic' }),
    keywords: option.words('subscribe.option.keywords'),
    exclude: option.words('subscribe.option.exclude'),
    mode: option.choice('subscribe.option.mode', ['instant', 'digest'], 'instant'),
  },
  permission: 'manage-channel',
  examples: ['/subscribe tokayev', '/subscribe', '/subscribe topic=tokayev keywords=fuel exclude=football mode=digest'],
  async run({ args, caller, destination, services, t }) {
    const where = requireDestination(destination, t);
    const entity = args.topic ? await requireEntity(services, args.topic, 'actor-or-topic', t) : undefined;
    const { subscription, created } = await services.subscriptions.subscribe({
      destination: where,
      entities: entity ? [entity.id] : [],
      keywords: args.keywords,
      exclude: args.exclude,
      mode: args.mode,
      ...(args.mode === 'digest' ? { digestHourUtc: DEFAULT_DIGEST_HOUR_UTC } : {}),
      createdBy: caller.userId,
    });
    const names = await entityNames(services, subscription.entities, t);
    const what = describeSubscription(subscription, names, topicName(services, t), t);
    return {
      title: t.t(created ? 'subscribe.titleCreated' : 'subscribe.titleUpdated'),
      blocks: [
        { kind: 'text', text: t.t(created ? 'subscribe.created' : 'subscribe.updated', { what }) },
        { kind: 'fields', fields: [{ name: t.t('subscribe.idField'), value: subscription.id }] },
        { kind: 'text', text: t.t('subscribe.howToStop', { id: subscription.id }) },
      ],
    };
  },
});
