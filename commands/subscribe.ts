import { describeSubscription, DEFAULT_DIGEST_HOUR_UTC } from './support/describe-subscription.js';
import { requireDestination, requireEntity } from './support/resolve-arguments.js';
import { option } from '../src/commands/options.js';
import { defineCommand } from '../src/commands/command.js';

/** Subscribes the channel to the topic pack, or one actor or topic of it, with optional keyword filters. */
export const subscribe = defineCommand({
  name: 'subscribe',
  description: 'Get news in this channel: everything, or one actor or topic, as it breaks or as a daily digest',
  options: {
    topic: option.text('An actor or topic (any language); empty for everything', { max: 100, autocomplete: 'actor-or-topic' }),
    keywords: option.words('Only stories containing one of these words (comma-separated)'),
    exclude: option.words('Skip stories containing any of these words (comma-separated)'),
    mode: option.choice('instant: each story as it breaks; digest: one message a day', ['instant', 'digest'], 'instant'),
  },
  permission: 'manage-channel',
  examples: ['/subscribe tokayev', '/subscribe', '/subscribe topic=tokayev keywords=fuel exclude=football mode=digest'],
  async run({ args, caller, destination, services }) {
    const where = requireDestination(destination);
    const entity = args.topic ? await requireEntity(services, args.topic, 'actor or topic') : undefined;
    const { subscription, created } = await services.subscriptions.subscribe({
      destination: where,
      entities: entity ? [entity.id] : [],
      keywords: args.keywords,
      exclude: args.exclude,
      mode: args.mode,
      ...(args.mode === 'digest' ? { digestHourUtc: DEFAULT_DIGEST_HOUR_UTC } : {}),
      createdBy: caller.userId,
    });
    const what = describeSubscription(subscription, entity ? [entity.name] : [], services.topicName);
    const sentence = created
      ? `This channel will get ${what}.`
      : `Updated this channel's subscription: it will now get ${what}.`;
    return {
      title: created ? 'Subscribed' : 'Subscription updated',
      blocks: [
        { kind: 'text', text: sentence },
        { kind: 'fields', fields: [{ name: 'Subscription id', value: subscription.id }] },
        { kind: 'text', text: `To stop it: /unsubscribe ${subscription.id}` },
      ],
    };
  },
});
