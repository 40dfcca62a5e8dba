import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import type { ReplyPages } from '../../../commands/reply.js';
import { translator, type Translator } from '../../../i18n/translator.js';

const PATTERN = /^pg:([A-Za-z0-9_-]{1,64}):(\d{1,4})$/;

/** The custom_id of a paging button: `pg:<token>:<page>` (well under Discord's 100 characters). */
export function pageCustomId(token: string, page: number): string {
  return `pg:${token}:${page}`;
}

/** Reads a paging button's custom_id; undefined for any other component (or a forged id). */
export function readPageCustomId(customId: string): { token: string; page: number } | undefined {
  const m = PATTERN.exec(customId);
  if (!m?.[1] || !m[2]) return undefined;
  const page = Number(m[2]);
  return page >= 1 ? { token: m[1], page } : undefined;
}

/**
 * Previous/Next buttons of a paged reply, labelled in the reply's language; none for a reply of one page. A button that leads nowhere is shown
 * disabled rather than left out, so the buttons do not jump around between pages (custom ids stay unique).
 */
export function pageButtons(pages: ReplyPages | undefined, t: Translator = translator()): APIActionRowComponent<APIButtonComponent>[] {
  if (!pages || pages.total <= 1) return [];
  const button = (label: string, page: number, enabled: boolean, off: string): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: enabled ? pageCustomId(pages.token, page) : off,
    disabled: !enabled,
  });
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        button(t.t('paging.previous'), pages.page - 1, pages.page > 1, 'pg-none:previous'),
        button(t.t('paging.next'), pages.page + 1, pages.page < pages.total, 'pg-none:next'),
      ],
    },
  ];
}
