import { DEFAULT_TIME_ZONE } from '../src/delivery/core/schedule.js';
import { describeSubscription, quietHoursText } from './support/describe-subscription.js';
import { requireDestination } from './support/resolve-arguments.js';
import { changedTerms, mergeTerms } from './support/subscription-changes.js';
import { PREVIEW_DAYS, wouldHaveBrought } from './support/subscription-preview.js';
import { changeLines, notFoundWithKeywords, previewBlocks, subscribeText as say } from './support/subscribe-text.js';
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
  description: 'Get news in this channel: everything, or one actor or topic, as it breaks or as a daily digest',
  options: {
    topic: option.text('An actor or topic (any language); empty for everything', { max: 100, autocomplete: 'actor-or-topic' }),
    keywords: option.editableWords('Only stories containing one of these (comma-separated, "quoted phrases"; - for none)'),
    exclude: option.editableWords('Skip stories containing any of these (comma-separated, "quoted phrases"; - for none)'),
    mode: option.optionalChoice('instant: each story as it breaks; digest: one message a day', ['instant', 'digest']),
    hour: option.optionalInteger('Hour of the daily digest (0-23), in the time zone tz', { min: 0, max: 23 }),
    tz: option.timeZone('Time zone of the digest hour, quiet hours and times shown (default Asia/Almaty)'),
    quiet: option.hours('Hold instant alerts in these hours and send them as one message after, e.g. 23-07; off'),
    preview: option.flag("Show the article's link preview (default: only when the feed has a picture)"),
  },
  permission: 'manage-channel',
  examples: [
    '/subscribe tokayev',
    '/subscribe',
    '/subscribe topic=tokayev keywords="fuel prices" exclude=football mode=digest hour=9 tz=Asia/Almaty',
    '/subscribe quiet=23-07',
  ],
  async run({ args, caller, destination, services, now }) {
    const where = requireDestination(destination);
    let entity;
    if (args.topic) {
      const found = await services.entities.find(args.topic);
      if (!found.entity) throw new TellUserError(notFoundWithKeywords(args.topic, found.suggestions.map((s) => s.name)));
      entity = found.entity;
    }
    const entities = entity ? [entity.id] : [];
    const previous = (await services.subscriptions.listForDestination(where)).find((s) => s.entities.join(',') === entities.join(','));
    const terms = mergeTerms(previous, args);
    const { subscription, created } = await services.subscriptions.subscribe({ destination: where, entities, ...terms, createdBy: caller.userId });
    const at = now();
    const what = describeSubscription(subscription, entity ? [entity.name] : [], services.topicName, at);
    const zone = subscription.timeZone ?? DEFAULT_TIME_ZONE;
    const blocks: ReplyBlock[] = [{ kind: 'text', text: created ? say.created(what) : say.updated(what) }];
    if (previous) blocks.push({ kind: 'text', text: changeLines(changedTerms(previous, terms)) });
    const fields = [{ name: say.idField, value: subscription.id }];
    if (subscription.quiet) fields.push({ name: say.quietField, value: quietHoursText(subscription.quiet, zone, at) });
    fields.push({ name: say.picturesField, value: say.pictures(subscription.preview) });
    blocks.push({ kind: 'fields', fields });
    const brought = await wouldHaveBrought(services.archive, subscription, at);
    blocks.push(...previewBlocks(brought, PREVIEW_DAYS, zone));
    blocks.push({ kind: 'text', text: say.stop(subscription.id) });
    return { title: created ? say.titleCreated : say.titleUpdated, blocks };
  },
});
