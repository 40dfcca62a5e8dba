import { entityNames, requireEntity } from './support/resolve-arguments.js';
import type { Reply, ReplyBlock } from '../src/commands/reply.js';
import { option } from '../src/commands/options.js';
import { outletCount } from '../src/news/outlets.js';
import { plural } from './support/text.js';
import { dualTime } from './support/time-format.js';
import { defineCommand } from '../src/commands/command.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How many actors a profile lists as related, curated ones first, then the most co-mentioned. */
const MAX_RELATED = 6;
const LATEST_HEADLINES = 3;

/** A profile of an actor: names, role, biography, related actors, how much the news mentions them. */
export const who = defineCommand({
  name: 'who',
  description: 'Who is this? Profile of an actor, related actors and their latest headlines',
  options: {
    name: option.requiredText('A name in any language, e.g. Tokayev or Токаев', { max: 100, autocomplete: 'actor' }),
  },
  permission: 'everyone',
  examples: ['/who tokayev', '/who Токаев', '/who Smailov'],
  async run({ args, services, now }): Promise<Reply> {
    const entity = await requireEntity(services, args.name, 'actor');
    const profile = await services.profiles.get(entity.id);
    const nowMs = now().getTime();
    const [week, month, coMentioned, latest] = await Promise.all([
      services.archive.countMentions(entity.id, nowMs - 7 * DAY_MS),
      services.archive.countMentions(entity.id, nowMs - 30 * DAY_MS),
      services.archive.coMentions(entity.id, nowMs - 30 * DAY_MS, MAX_RELATED),
      services.archive.latestForEntity(entity.id, LATEST_HEADLINES),
    ]);

    const relatedIds = [...new Set([...(profile?.related ?? []), ...coMentioned.map((c) => c.entityId)])]
      .filter((id) => id !== entity.id)
      .slice(0, MAX_RELATED);
    const related = await entityNames(services, relatedIds);

    const native = [profile?.native.kk, profile?.native.ru].filter((n): n is string => Boolean(n));
    const fields: Array<{ name: string; value: string }> = [];
    if (native.length > 0) fields.push({ name: 'Native spelling', value: [...new Set(native)].join(' / ') });
    if (profile?.role) fields.push({ name: 'Role', value: profile.role });
    if (related.length > 0) fields.push({ name: 'Related', value: related.join(', ') });
    fields.push({ name: 'Mentions', value: `${week} in the last 7 days, ${month} in the last 30 days` });

    const blocks: ReplyBlock[] = [];
    if (profile?.biography) blocks.push({ kind: 'text', text: profile.biography });
    else if (!profile) blocks.push({ kind: 'text', text: `No profile on file for ${entity.name} yet; here is what the news says.` });
    blocks.push({ kind: 'fields', fields });
    if (profile && profile.keyDates.length > 0) {
      blocks.push({ kind: 'heading', text: 'Key dates' });
      blocks.push({ kind: 'fields', fields: profile.keyDates.map((d) => ({ name: d.date, value: d.event })) });
    }
    if (latest.length > 0) {
      blocks.push({ kind: 'heading', text: 'Latest headlines' });
      const meta = (s: (typeof latest)[number]) =>
        `${s.publishedAt.slice(0, 10)} ${dualTime(new Date(s.publishedAt))} · ${plural(outletCount(s), 'outlet', 'outlets')}`;
      const linked = latest.flatMap((s) => (s.link ? [{ label: s.title, url: s.link, meta: meta(s) }] : []));
      if (linked.length > 0) blocks.push({ kind: 'links', items: linked });
      for (const s of latest.filter((x) => !x.link)) blocks.push({ kind: 'text', text: `${s.title} (${meta(s)})` });
    }
    return { title: profile?.name ?? entity.name, blocks };
  },
});
