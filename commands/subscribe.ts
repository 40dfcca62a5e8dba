import { DEFAULT_TIME_ZONE } from '../src/delivery/core/schedule.js';
import { localName } from '../src/i18n/names.js';
import { describeSubscription, quietHoursText } from './support/describe-subscription.js';
import { entityNames, requireDestination, topicName } from './support/resolve-arguments.js';
import { changedTerms, mergeTerms } from './support/subscription-changes.js';
import { PREVIEW_DAYS, wouldHaveBrought } from './support/subscription-preview.js';
import { changeLines, notFoundWithKeywords, picturesText, previewBlocks } from './support/subscribe-text.js';
import type { ReplyBlock } from '../src/commands/reply.js';
import { option } from '../src/commands/options.js';
import { defineCommand } from '../src/commands/command.js';
import { TellUserError } from '../src/errors.js';

/**
 * Subscribes the channel to the topic pack, or one actor or topic of it, with optional keyword filters. Running it
 * again for the same topic changes only the options given and says what changed; the reply shows what the
 * subscription would have brought from the archive.
 */
export const subscribe = defineCommand({
  name: 'subscribe',
  description: 'subscribe.description',
  options: {
    topic: option.text('subscribe.option.topic', { max: 100, autocomplete: 'actor-or-topic' }),
    keywords: option.editableWords('subscribe.option.keywords'),
    exclude: option.editableWords('subscribe.option.exclude'),
    mode: option.optionalChoice('subscribe.option.mode', ['instant', 'digest']),
    hour: option.optionalInteger('subscribe.option.hour', { min: 0, max: 23 }),
    tz: option.timeZone('subscribe.option.tz'),
    quiet: option.hours('subscribe.option.quiet'),
    preview: option.flag('subscribe.option.preview'),
  },
  permission: 'manage-channel',
  examples: [
    '/subscribe tokayev',
    '/subscribe',
    '/subscribe topic=tokayev keywords="fuel prices" exclude=football mode=digest hour=9 tz=Asia/Almaty',
    '/subscribe quiet=23-07',
  ],
  async run({ args, caller, destination, services, now, t }) {
    const where = requireDestination(destination, t);
    let entity;
    if (args.topic) {
      const found = await services.entities.find(args.topic);
      if (!found.entity) throw new TellUserError(notFoundWithKeywords(args.topic, found.suggestions.map((s) => localName(s, t.language)), t));
      entity = found.entity;
    }
    const entities = entity ? [entity.id] : [];
    const found = (await services.subscriptions.listForDestination(where)).find((s) => s.entities.join(',') === entities.join(','));
    // A copy: what it was before is compared with what it becomes, whatever the store does with the object.
    const previous = found ? structuredClone(found) : undefined;
    const terms = mergeTerms(previous, args);
    const { subscription, created } = await services.subscriptions.subscribe({ destination: where, entities, ...terms, createdBy: caller.userId });
    const at = now();
    const names = await entityNames(services, subscription.entities, t);
    const what = describeSubscription(subscription, names, topicName(services, t), t, at);
    const zone = subscription.timeZone ?? DEFAULT_TIME_ZONE;
    const blocks: ReplyBlock[] = [{ kind: 'text', text: t.t(created ? 'subscribe.created' : 'subscribe.updated', { what }) }];
    if (previous) blocks.push({ kind: 'text', text: changeLines(changedTerms(previous, terms), t) });
    const fields = [{ name: t.t('subscribe.idField'), value: subscription.id }];
    if (subscription.quiet) fields.push({ name: t.t('subscribe.quietField'), value: quietHoursText(subscription.quiet, zone, t, at) });
    fields.push({ name: t.t('subscribe.picturesField'), value: picturesText(subscription.preview, t) });
    blocks.push({ kind: 'fields', fields });
    blocks.push(...previewBlocks(await wouldHaveBrought(services.archive, subscription, at), PREVIEW_DAYS, zone, t));
    blocks.push({ kind: 'text', text: t.t('subscribe.howToStop', { id: subscription.id }) });
    return { title: t.t(created ? 'subscribe.titleCreated' : 'subscribe.titleUpdated'), blocks };
  },
});
