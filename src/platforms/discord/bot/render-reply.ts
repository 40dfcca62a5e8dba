import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';
import type { Reply, ReplyBlock } from '../../../commands/reply.js';
import { translator } from '../../../i18n/translator.js';
import { DiscordLimits } from '../render.js';
import { escapeFeedText, truncate } from '../text.js';
import { pageButtons } from './paging.js';

/** A command reply ready for `reply`, `editReply`, `update` or `followUp`. */
export interface DiscordReply {
  embeds: APIEmbed[];
  /** Previous/Next buttons of a paged reply; empty otherwise (an edit then removes old buttons). */
  components: APIActionRowComponent<APIButtonComponent>[];
  /** Always `{ parse: [] }`: nothing a command answers may ping anyone. */
  allowed_mentions: { parse: [] };
  /** Only the caller sees it (flags 64). */
  ephemeral: boolean;
}

/** Kazwire's embed colour (the sky blue of the flag of Kazakhstan). */
export const embedColor = 0x00afca;
const maxFields = 25;
const maxEmbeds = DiscordLimits.embedsPerMessage;
const maxLabel = 256;

/** One embed in the making: a title, description paragraphs (lines already escaped) and fields. */
interface Section {
  title?: string;
  paragraphs: Array<Array<{ line: string; cuttable: boolean }>>;
  fields: Array<{ name: string; value: string }>;
}

/**
 * Renders a neutral reply as Discord embeds within Discord's limits. The title opens the first embed and each
 * heading opens another; text and links go in the description, fields in embed fields, in reply order (text after
 * fields starts a new embed so it is not shown above them). All text is markdown-escaped; a link becomes a masked
 * link `[label](url)` only for an http(s) address, otherwise its label is shown alone, so no feed text can hide
 * where a link goes. Lengths: title 256, description 4096, 25 fields, 6000 in all; anything cut ends with "…"
 * at a grapheme. Pure: no I/O.
 */
export function renderDiscordReply(reply: Reply): DiscordReply {
  // A message holds 10 embeds: a reply with more headings (a timeline over many days) shows them as bold lines.
  const spread = toSections(reply, false);
  const sections = (spread.length <= maxEmbeds ? spread : toSections(reply, true)).slice(0, maxEmbeds);
  const t = translator(reply.language);
  const footer = reply.pages && reply.pages.total > 1 ? t.t('paging.footer', { page: reply.pages.page, total: reply.pages.total }) : undefined;
  let budget = DiscordLimits.embedTotal - (footer?.length ?? 0);
  const embeds: APIEmbed[] = [];
  for (const section of sections) {
    if (budget <= 0) break;
    const embed = renderSection(section, budget);
    if (!embed) continue;
    budget -= embedLength(embed);
    embeds.push(embed);
  }
  if (embeds.length === 0) embeds.push({ color: embedColor, description: t.t('reply.done') });
  const last = embeds[embeds.length - 1];
  if (footer && last) last.footer = { text: footer };
  return { embeds, components: pageButtons(reply.pages, t), allowed_mentions: { parse: [] }, ephemeral: reply.private === true };
}

function toSections(reply: Reply, inlineHeadings: boolean): Section[] {
  const sections: Section[] = [{ ...(reply.title ? { title: reply.title } : {}), paragraphs: [], fields: [] }];
  const current = (): Section => sections[sections.length - 1] as Section;
  const fresh = (title?: string) => sections.push({ ...(title ? { title } : {}), paragraphs: [], fields: [] });
  for (const block of reply.blocks) {
    if (block.kind === 'heading' && !inlineHeadings) {
      fresh(block.text);
      continue;
    }
    if (block.kind === 'fields') {
      for (const field of block.fields) {
        if (current().fields.length >= maxFields) fresh();
        current().fields.push(field);
      }
      continue;
    }
    if (current().fields.length > 0) fresh();
    current().paragraphs.push(paragraph(block));
  }
  return sections;
}

function paragraph(block: Exclude<ReplyBlock, { kind: 'fields' }>): Section['paragraphs'][number] {
  // Cutting inside ** would show the markup: a bold line that does not fit is dropped instead.
  if (block.kind === 'heading') return [{ line: `**${escapeFeedText(block.text.replace(/\s+/g, ' ').trim())}**`, cuttable: false }];
  if (block.kind === 'text') return block.text.split('\n').map((line) => ({ line: escapeFeedText(line), cuttable: true }));
  return block.items.map((item) => {
    const url = markdownUrl(item.url);
    const label = escapeLabel(item.label.replace(/\s+/g, ' ').trim() || item.url);
    const meta = item.meta ? ` (${escapeFeedText(item.meta)})` : '';
    // A masked link cut in half would show its markup; an unlinked label may be cut like any text.
    return url ? { line: `• [${label}](${url})${meta}`, cuttable: false } : { line: `• ${label}${meta}`, cuttable: true };
  });
}

/**
 * The label of a masked link, at most 256 characters: every markdown character escaped, brackets included, so a
 * label cannot close the link early or nest another. `escapeFeedText` escapes what discord.js `escapeMarkdown`
 * does, in one pass: escapeMarkdown takes seconds on a 10 000-character headline.
 */
function escapeLabel(label: string): string {
  return escapeFeedText(truncate(label, maxLabel));
}

/** An http(s) address safe inside `(…)` of a masked link, or undefined. */
export function markdownUrl(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const href = url.href.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return href.length <= DiscordLimits.url ? href : undefined;
}

function renderSection(section: Section, budget: number): APIEmbed | undefined {
  const embed: APIEmbed = { color: embedColor };
  let left = budget;
  if (section.title) {
    embed.title = truncate(escapeFeedText(section.title.replace(/\s+/g, ' ').trim()), Math.min(DiscordLimits.title, left));
    left -= embed.title.length;
  }
  const description = fitDescription(section.paragraphs, Math.min(DiscordLimits.description, left));
  if (description) {
    embed.description = description;
    left -= description.length;
  }
  const fields: NonNullable<APIEmbed['fields']> = [];
  for (const field of section.fields) {
    const name = truncate(escapeFeedText(field.name.trim()) || '\u200b', DiscordLimits.fieldName);
    const room = Math.min(DiscordLimits.fieldValue, left - name.length);
    if (room < 2) break;
    const value = truncate(escapeFeedText(field.value.trim()) || '—', room);
    fields.push({ name, value });
    left -= name.length + value.length;
  }
  if (fields.length > 0) embed.fields = fields;
  return embed.title || embed.description || embed.fields ? embed : undefined;
}

/** Paragraphs separated by a blank line, line by line within `max`; the first line that does not fit is cut or dropped. */
function fitDescription(paragraphs: Section['paragraphs'], max: number): string {
  let out = '';
  for (const [p, lines] of paragraphs.entries()) {
    for (const [i, { line, cuttable }] of lines.entries()) {
      const separator = out === '' ? '' : i === 0 && p > 0 ? '\n\n' : '\n';
      if (out.length + separator.length + line.length <= max) {
        out += separator + line;
        continue;
      }
      const room = max - out.length - separator.length;
      if (cuttable && room >= 2) out += separator + truncate(line, room);
      else if (out.length + 2 <= max) out += out === '' ? '…' : '\n…';
      return out;
    }
  }
  return out;
}

function embedLength(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}
