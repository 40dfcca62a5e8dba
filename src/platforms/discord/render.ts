import type { EntityLabel, EntityLabels, OutgoingMessage } from '../../delivery/core/types.js';
import { defaultLanguage } from '../../i18n/languages.js';
import { otherOutlets } from '../../news/outlets.js';
import type { Story } from '../../news/types.js';
import { translator, type Translator } from '../../i18n/translator.js';
import { escapeContent, escapeFeedText, squashWhitespace, truncate } from './text.js';

/** Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DiscordLimits = {
  content: 2000,
  embedsPerMessage: 10,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  url: 2048,
} as const;

export interface DiscordEmbed {
  title: string;
  url?: string;
  description?: string;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  footer?: { text: string };
  timestamp?: string;
  /** The article's picture (Discord fetches it through its media proxy; Kazwire never does). */
  thumbnail?: { url: string };
}

/** How one embed is shown: names of the story's entities in the reader's language, and whether its picture is. */
export interface EmbedOptions {
  /** Without it, the story's entity ids are listed as they are. */
  label?: (entityId: string) => EntityLabel | undefined;
  /** False: no picture. Default true. */
  picture?: boolean;
  /** The reader's words for the labels. Default English. */
  t?: Translator;
}

/** One message body for POST /channels/:id/messages (the nonce is added by the sender). */
export interface DiscordMessageBody {
  content?: string;
  embeds: DiscordEmbed[];
  /** Always `{ parse: [] }`: feed text must never ping anyone. */
  allowed_mentions: { parse: [] };
}

/** Characters Discord counts toward the 6000 limit (UTF-16 units here, which is never fewer). */
export function embedSize(e: DiscordEmbed): number {
  let n = e.title.length + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
  for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** A link Discord accepts as an embed url: absolute http(s), within the length limit. */
function safeUrl(link: string | undefined): string | undefined {
  if (!link || link.length > DiscordLimits.url) return undefined;
  try {
    const url = new URL(link);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function safeTimestamp(iso: string): string | undefined {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function sourceLine(story: Story, t: Translator): string {
  const others = otherOutlets(story).map((o) => squashWhitespace(o.source));
  const source = squashWhitespace(story.source);
  return others.length > 0 ? `${source} · ${t.t('alert.alsoReportedBy', { outlets: others.join(', ') })}` : source;
}

/**
 * One embed for a story within `budget` characters (all parts together). The title and the
 * source line are kept first; the summary takes what is left. Footer text shows no markdown, so
 * it needs no escaping; the summary and actors do.
 */
export function storyEmbed(story: Story, budget: number = DiscordLimits.embedTotal, options: EmbedOptions = {}): DiscordEmbed {
  const t = options.t ?? translator();
  const title = truncate(squashWhitespace(story.title) || t.t('alert.untitled'), Math.min(DiscordLimits.title, budget));
  let left = budget - title.length;
  const footer = truncate(sourceLine(story, t), Math.min(DiscordLimits.footer, Math.floor(left / 3)));
  left -= footer.length;
  const embed: DiscordEmbed = { title };
  const url = safeUrl(story.link);
  if (url) embed.url = url;
  const image = options.picture === false ? undefined : safeUrl(story.image);
  if (image) embed.thumbnail = { url: image };
  const groups = entityGroups(story, options.label, t);
  for (const [name, names] of groups) {
    if (names.length === 0 || left <= 40) continue;
    const value = truncate(escapeFeedText(names.join(', ')), Math.min(DiscordLimits.fieldValue, Math.floor(left / 4)));
    (embed.fields ??= []).push({ name, value, inline: true });
    left -= name.length + value.length;
  }
  const description = truncate(escapeFeedText(squashWhitespace(story.summary)), Math.min(DiscordLimits.description, left));
  if (description) embed.description = description;
  if (footer) embed.footer = { text: footer };
  const timestamp = safeTimestamp(story.publishedAt);
  if (timestamp) embed.timestamp = timestamp;
  return embed;
}

/** Actors and places apart, by name; without names, the ids as actors (what a pack no longer names). */
function entityGroups(story: Story, label: EmbedOptions['label'], t: Translator): Array<[string, string[]]> {
  const ids = [...new Set(story.entities)];
  if (!label) return [[t.t('alert.actors'), ids]];
  const labels = ids.map((id) => label(id) ?? { name: id, kind: 'topic' as const });
  const names = (places: boolean) => labels.filter((l) => (l.kind === 'place') === places).map((l) => squashWhitespace(l.name));
  return [
    [t.t('alert.actors'), names(false)],
    [t.t('alert.places'), names(true)],
  ];
}

/**
 * Renders an outgoing message as one or more Discord message bodies: one embed per story, up to
 * 10 embeds and 6000 embed characters per message. A digest's heading goes in the first message's
 * content, markdown-escaped. Nothing is rendered as a masked link.
 */
export function renderDiscordMessage(message: OutgoingMessage, labels?: EntityLabels): DiscordMessageBody[] {
  const language = message.language ?? defaultLanguage;
  const options: EmbedOptions = {
    t: translator(language),
    ...(labels ? { label: (id: string) => labels(id, language) } : {}),
    picture: message.presentation?.preview !== false,
  };
  const groups: Story[][] = [];
  for (let i = 0; i < message.stories.length; i += DiscordLimits.embedsPerMessage) {
    groups.push(message.stories.slice(i, i + DiscordLimits.embedsPerMessage));
  }
  return groups.map((stories, index) => {
    const budget = Math.floor(DiscordLimits.embedTotal / stories.length);
    const body: DiscordMessageBody = {
      embeds: stories.map((s) => storyEmbed(s, budget, options)),
      allowed_mentions: { parse: [] },
    };
    const heading = message.heading ? squashWhitespace(message.heading) : '';
    if (index === 0 && heading) body.content = `**${truncate(escapeContent(heading), DiscordLimits.content - 4)}**`;
    return body;
  });
}
