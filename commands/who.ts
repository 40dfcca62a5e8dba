import { entityNames, requireEntity } from './support/resolve-arguments.js';
import type { Reply, ReplyBlock } from '../src/commands/reply.js';
import { option } from '../src/commands/options.js';
import type { ActorProfile, ProfileText } from '../src/commands/services.js';
import { localName } from '../src/i18n/names.js';
import type { Translator } from '../src/i18n/translator.js';
import { outletCount } from '../src/news/outlets.js';
import { dualTime, shortDate } from './support/time-format.js';
import { defineCommand } from '../src/commands/command.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How many actors a profile lists as related, curated ones first, then the most co-mentioned. */
const MAX_RELATED = 6;
const LATEST_HEADLINES = 3;

/** A profile of an actor: names, role, biography, related actors, how much the news mentions them. */
export const who = defineCommand({
  name: 'who',
  description: 'who.description',
  options: {
    name: option.requiredText('who.option.name', { max: 100, autocomplete: 'actor' }),
  },
  permission: 'everyone',
  examples: ['/who tokayev', '/who Токаев', '/who Smailov'],
  async run({ args, services, now, t }): Promise<Reply> {
    const entity = await requireEntity(services, args.name, 'actor', t);
    const profile = await services.profiles.get(entity.id);
    const text = profileText(profile, t);
    const nowMs = now().getTime();
    const [week, month, coMentioned, latest] = await Promise.all([
      services.archive.countMentions(entity.id, nowMs - 7 * DAY_MS),
      services.archive.countMentions(entity.id, nowMs - 30 * DAY_MS),
      services.archive.coMentions(entity.id, nowMs - 30 * DAY_MS, MAX_RELATED),
      services.archive.latestForEntity(entity.id, LATEST_HEADLINES),
    ]);
    // No mention at all may only mean that nothing was read yet: say so rather than "0".
    const archiveEmpty = month === 0 && latest.length === 0 && (await services.archive.listStories({ fromMs: 0, toMs: nowMs, limit: 1 })).total === 0;

    const relatedIds = [...new Set([...(profile?.related ?? []), ...coMentioned.map((c) => c.entityId)])]
      .filter((id) => id !== entity.id)
      .slice(0, MAX_RELATED);
    const related = await entityNames(services, relatedIds, t);
    const name = localName(entity, t.language);

    const native = [profile?.native.kk, profile?.native.ru].filter((n): n is string => Boolean(n));
    const fields: Array<{ name: string; value: string }> = [];
    if (native.length > 0) fields.push({ name: t.t('who.native'), value: [...new Set(native)].join(' / ') });
    if (text.role) fields.push({ name: t.t('who.role'), value: text.role });
    if (related.length > 0) fields.push({ name: t.t('who.related'), value: related.join(', ') });
    fields.push({ name: t.t('who.mentions'), value: archiveEmpty ? t.t('who.archiveEmpty') : t.t('who.mentionCounts', { week, month }) });

    const blocks: ReplyBlock[] = [];
    if (text.biography) blocks.push({ kind: 'text', text: text.biography });
    else if (!profile) blocks.push({ kind: 'text', text: t.t('who.noProfile', { name }) });
    blocks.push({ kind: 'fields', fields });
    if (text.keyDates.length > 0) {
      blocks.push({ kind: 'heading', text: t.t('who.keyDates') });
      blocks.push({ kind: 'fields', fields: text.keyDates.map((d) => ({ name: d.date, value: d.event })) });
    }
    if (latest.length > 0) {
      blocks.push({ kind: 'heading', text: t.t('who.latest') });
      const meta = (s: (typeof latest)[number]) =>
        `${shortDate(new Date(s.publishedAt), t)} ${dualTime(new Date(s.publishedAt), t)} · ${t.t('count.outlets', { count: outletCount(s) })}`;
      const linked = latest.flatMap((s) => (s.link ? [{ label: s.title, url: s.link, meta: meta(s) }] : []));
      if (linked.length > 0) blocks.push({ kind: 'links', items: linked });
      for (const s of latest.filter((x) => !x.link)) blocks.push({ kind: 'text', text: `${s.title} (${meta(s)})` });
    }
    return { title: t.language === 'en' ? (profile?.name ?? entity.name) : name, blocks };
  },
});

/** The profile's words in the reader's language where the file has them, else in English. */
function profileText(profile: ActorProfile | undefined, t: Translator): Required<Pick<ProfileText, 'keyDates'>> & ProfileText {
  const local = t.language === 'en' ? undefined : profile?.translations?.[t.language];
  const role = local?.role ?? profile?.role;
  const biography = local?.biography ?? profile?.biography;
  return {
    ...(role ? { role } : {}),
    ...(biography ? { biography } : {}),
    keyDates: local?.keyDates ?? profile?.keyDates ?? [],
  };
}
