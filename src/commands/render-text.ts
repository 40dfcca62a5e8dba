import { translator } from '../i18n/translator.js';
import type { Reply, ReplyBlock } from './reply.js';

export interface RenderTextOptions {
  /** Line width for underlines, in characters. Default 60. */
  width?: number;
}

/**
 * A Reply as readable plain text for a terminal: the title underlined, headings set off, fields as
 * `Name: value` (multi-line values indented), links as `- label (meta)` with the address on the next line,
 * and a paging hint at the end.
 */
export function renderReplyText(reply: Reply, options: RenderTextOptions = {}): string {
  const width = options.width ?? 60;
  const out: string[] = [];
  if (reply.title) out.push(reply.title, '='.repeat(Math.min(width, Math.max(3, reply.title.length))), '');
  for (const block of reply.blocks) out.push(...renderBlock(block), '');
  if (reply.pages && reply.pages.total > 1) {
    const { page, total } = reply.pages;
    const t = translator(reply.language);
    const next = page < total ? ` ${t.t('paging.terminalNext', { page: page + 1 })}` : '';
    out.push(`${t.t('paging.footer', { page, total })}.${next}`, '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function renderBlock(block: ReplyBlock): string[] {
  switch (block.kind) {
    case 'text':
      return [block.text];
    case 'heading':
      return [`── ${block.text} ──`];
    case 'fields':
      return block.fields.map((f) => `${f.name}: ${indentRest(f.value, '  ')}`);
    case 'links':
      return block.items.flatMap((item) => [`- ${item.label}${item.meta ? ` (${item.meta})` : ''}`, `  ${item.url}`]);
  }
}

function indentRest(text: string, indent: string): string {
  return text.split('\n').join('\n' + indent);
}
