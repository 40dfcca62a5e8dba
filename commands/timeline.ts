import { entityNames, notFoundMessage } from './support/resolve-arguments.js';
import { privateReply, type Reply } from '../src/commands/reply.js';
import { option } from '../src/commands/options.js';
import type { CommandServices, StoryQuery, TopicEntity } from '../src/commands/services.js';
import type { Translator } from '../src/i18n/translator.js';
import type { Story } from '../src/news/types.js';
import { storiesByDay } from './support/story-lines.js';
import { LOCAL_TIME_ZONE } from './support/time-format.js';
import { defineCommand } from '../src/commands/command.js';

/** Stories on one page of a timeline. */
export const TIMELINE_PAGE_SIZE = 10;
/** The longest period /timeline looks back, in days. */
export const TIMELINE_MAX_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The stories of the last days about an actor, a topic or a keyword, oldest first, grouped by day. */
export const timeline = defineCommand({
  name: 'timeline',
  description: 'timeline.description',
  options: {
    query: option.text('timeline.option.query', { max: 100, autocomplete: 'actor-or-topic' }),
    days: option.integer('timeline.option.days', { min: 1, max: TIMELINE_MAX_DAYS, default: 7 }),
    page: option.integer('timeline.option.page', { min: 1, max: 1000, default: 1, hidden: true }),
  },
  permission: 'everyone',
  examples: ['/timeline tokayev', '/timeline Токаев 30', '/timeline query=uranium days=14'],
  async run({ args, services, now, t }): Promise<Reply> {
    const toMs = now().getTime();
    const fromMs = toMs - args.days * DAY_MS;
    const found = args.query ? await services.entities.find(args.query) : undefined;
    const entity = found?.entity;
    const filter: Pick<StoryQuery, 'entityIds' | 'keyword'> = entity ? { entityIds: [entity.id] } : args.query ? { keyword: args.query } : {};
    const name = entity ? ((await entityNames(services, [entity.id], t))[0] ?? entity.name) : '';
    const subject = { subject: entity ? 'entity' : args.query ? 'query' : 'none', name, query: args.query ?? '', days: args.days };

    const { stories, total } = await services.archive.listStories({
      fromMs,
      toMs,
      ...filter,
      limit: TIMELINE_PAGE_SIZE,
      offset: (args.page - 1) * TIMELINE_PAGE_SIZE,
    });

    if (total === 0) {
      const none = t.t('timeline.none', subject);
      const hint = !entity && args.query && found?.suggestions.length ? ` ${notFoundMessage(args.query, 'actor-or-topic', found.suggestions, t)}` : '';
      const last = await lastStoryHint(services, entity, filter, args.query, toMs, t);
      return { blocks: [{ kind: 'text', text: none + hint }, { kind: 'text', text: last }] };
    }
    const pageCount = Math.ceil(total / TIMELINE_PAGE_SIZE);
    if (stories.length === 0) return privateReply(t.t('timeline.onlyPages', { count: pageCount }));

    const reply: Reply = {
      title: t.t('timeline.title', subject),
      blocks: [
        { kind: 'text', text: `${t.t('timeline.summary', { count: total })} ${t.t('time.zoneNote', { city: t.t('time.almaty') })}` },
        ...storiesByDay(stories, t),
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

/**
 * What an empty timeline adds: when the last matching story came and the `days=` that reaches it, or that the
 * archive has none (or nothing at all yet, before the first poll).
 */
async function lastStoryHint(
  services: CommandServices,
  entity: TopicEntity | undefined,
  filter: Pick<StoryQuery, 'entityIds' | 'keyword'>,
  query: string | undefined,
  toMs: number,
  t: Translator,
): Promise<string> {
  const last = await lastStory(services, entity, filter, toMs);
  if (!last) {
    const filtered = entity !== undefined || filter.keyword !== undefined;
    const anything = filtered ? (await services.archive.listStories({ fromMs: 0, toMs, limit: 1 })).total > 0 : false;
    return t.t(anything ? 'timeline.noneInArchive' : 'timeline.archiveEmpty');
  }
  const at = new Date(last.publishedAt);
  const date = t.date(at, { day: 'numeric', month: 'long', year: 'numeric', timeZone: LOCAL_TIME_ZONE });
  const days = Math.ceil((toMs - at.getTime()) / DAY_MS);
  if (days > TIMELINE_MAX_DAYS) return t.t('timeline.lastStoryOld', { date, max: TIMELINE_MAX_DAYS });
  const words = query ? [/\s/.test(query) ? `"${query}"` : query] : [];
  return t.t('timeline.lastStory', { date, command: ['/timeline', ...words, `days=${Math.max(1, days)}`].join(' ') });
}

async function lastStory(
  services: CommandServices,
  entity: TopicEntity | undefined,
  filter: Pick<StoryQuery, 'entityIds' | 'keyword'>,
  toMs: number,
): Promise<Story | undefined> {
  if (entity) return (await services.archive.latestForEntity(entity.id, 1))[0];
  const { total } = await services.archive.listStories({ fromMs: 0, toMs, ...filter, limit: 1 });
  if (total === 0) return undefined;
  return (await services.archive.listStories({ fromMs: 0, toMs, ...filter, limit: 1, offset: total - 1 })).stories[0];
}
