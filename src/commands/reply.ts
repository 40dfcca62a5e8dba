import type { Language } from '../i18n/languages.js';

/**
 * A command's answer as neutral content. Text is plain (each adapter escapes it for its platform);
 * links are kept apart from text so adapters can render them safely (Discord markdown links, Telegram HTML anchors).
 */
export type ReplyBlock =
  | { kind: 'text'; text: string }
  | { kind: 'fields'; fields: Array<{ name: string; value: string }> }
  | { kind: 'links'; items: Array<{ label: string; url: string; meta?: string }> }
  | { kind: 'heading'; text: string };

/** Paging state of a long reply. `token` names the stored query (see src/commands/page-store.ts). */
export interface ReplyPages {
  /** 1-based page shown in this reply. */
  page: number;
  /** Number of pages, at least 1. */
  total: number;
  /** Opaque token: pass it with another page number to `runPage` to get that page. */
  token: string;
}

export interface Reply {
  /** The language the reply is written in, so adapters add their own words (buttons, page lines) in it. Default `en`. */
  language?: Language;
  title?: string;
  blocks: ReplyBlock[];
  pages?: ReplyPages;
  /** Only the caller should see it (Discord ephemeral; Telegram answers in a private chat when it can). */
  private?: boolean;
}

/** A reply of one paragraph. */
export function textReply(text: string, options: { title?: string; private?: boolean } = {}): Reply {
  return { ...options, blocks: [{ kind: 'text', text }] };
}

/** A reply only the caller sees: refusals, argument errors, failures. */
export function privateReply(text: string, extra: ReplyBlock[] = []): Reply {
  return { private: true, blocks: [{ kind: 'text', text }, ...extra] };
}
