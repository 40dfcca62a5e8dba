import { notFoundMessage } from './support/resolve-arguments.js';
import { privateReply, type Reply } from '../src/commands/reply.js';
import { option } from '../src/commands/options.js';
import { storiesByDay } from './support/story-lines.js';
import { plural } from './support/text.js';
import { zoneCity, LOCAL_TIME_ZONE } from './support/time-format.js';
import { defineCommand } from '../src/commands/command.js';

/** Stories on one page of a timeline. */
export const TIMELINE_PAGE_SIZE = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The stories of the last days about an actor, a topic or a keyword, oldest first, grouped by day. */
export const timeline = defineCommand({
  name: 'timeline',
  description: 'Stories of the last days about an actor, a topic or a word, oldest first, by day',
  options: {
    query: option.text('An actor or topic in any language, or any word; empty for everything', { max: 100, autocomplete: 'actor-or-topic' }),
    days: option.integer('How many days back (1-90)', { min: 1, max: 90, default: 7 }),
    page: option.integer('Page of the results', { min: 1, max: 1000, default: 1, hidden: true }),
  },
  permission: 'everyone',
  examples: ['/timeline tokayev', '/timeline Токаев 30', '/timeline query=uranium days=14'],
  async run({ args, services, now }): Promise<Reply> {
    const toMs = now().getTime();
    const fromMs = toMs - args.days * DAY_MS;
    const found = args.query ? await services.entities.find(args.query) : undefined;
    const entity = found?.entity;
    const subject = entity ? `about ${entity.name}` : args.query ? `mentioning "${args.query}"` : '';
    const period = args.days === 1 ? 'the last day' : `the last ${args.days} days`;

    const { stories, total } = await services.archive.listStories({
      fromMs,
      toMs,
      ...(entity ? { entityIds: [entity.id] } : args.query ? { keyword: args.query } : {}),
      limit: TIMELINE_PAGE_SIZE,
      offset: (args.page - 1) * TIMELINE_PAGE_SIZE,
    });

    if (total === 0) {
      const none = `No stories ${subject ? subject + ' ' : ''}in ${period}.`;
      const hint = !entity && args.query && found?.suggestions.length ? ` ${notFoundMessage(args.query, 'actor or topic', found.suggestions)}` : '';
      return { blocks: [{ kind: 'text', text: none + hint }] };
    }
    const pageCount = Math.ceil(total / TIMELINE_PAGE_SIZE);
    if (stories.length === 0) {
      return privateReply(`There ${pageCount === 1 ? 'is only 1 page' : `are only ${pageCount} pages`} of results.`);
    }

    const reply: Reply = {
      title: `Timeline${subject ? ' ' + subject : ''}, ${period}`,
      blocks: [
        {
          kind: 'text',
          text: `${plural(total, 'story', 'stories')}, oldest first. Days and times in ${zoneCity(LOCAL_TIME_ZONE)} time, with UTC.`,
        },
        ...storiesByDay(stories),
      ],
    };
    if (pageCount > 1) {
      const token = await services.pages.save({
        command: 'timeline',
        args: { ...(args.query ? { query: args.query } : {}), days: args.days },
      });
      reply.pages = { page: args.page, total: pageCount, token };
    }
    return reply;
  },
});
