import type { Context } from 'grammy';
import type { Command } from '../../../commands/command.js';
import { attachedFile } from '../../../commands/options.js';
import { splitWords } from '../../../commands/parse-args.js';
import type { CommandRegistry } from '../../../commands/registry.js';
import type { CommandInput } from './command-handler.js';
import { downloadTelegramFile } from './file-download.js';

/** What the document handler needs; built once by createTelegramBot. */
export interface DocumentHandlerDeps {
  registry: CommandRegistry;
  handleCommand: (command: Command, ctx: Context, input: CommandInput) => Promise<void>;
  apiRoot: string;
  token: string;
  /** Largest file read, in bytes. */
  maxFileBytes: number;
}

/** `/name`, `/name@bot`, then the rest of the caption. */
const CAPTION_COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,32}))?(?:\s+([\s\S]*))?$/;

/**
 * A document whose caption is a command (`/feeds import` with an OPML file): grammY matches commands in text
 * only, so captions are read here. The document fills the command's attachment option, downloaded only if the
 * command reads it. A caption that is no command of this bot (or addressed to another bot) is left alone.
 */
export function createDocumentHandler(deps: DocumentHandlerDeps): (ctx: Context) => Promise<void> {
  return async (ctx) => {
    const msg = ctx.message;
    const document = msg?.document;
    const m = CAPTION_COMMAND.exec(msg?.caption?.trim() ?? '');
    if (!msg || !document || !m?.[1]) return;
    if (m[2] && m[2].toLowerCase() !== ctx.me.username.toLowerCase()) return;
    const command = deps.registry.get(m[1].toLowerCase());
    if (!command) return;
    const option = command.options.find((o) => o.type === 'attachment');
    const file = attachedFile({
      name: document.file_name ?? 'file',
      ...(document.file_size !== undefined ? { size: document.file_size } : {}),
      maxBytes: deps.maxFileBytes,
      download: () =>
        downloadTelegramFile({ api: ctx.api, apiRoot: deps.apiRoot, token: deps.token, fileId: document.file_id, maxBytes: deps.maxFileBytes }),
    });
    await deps.handleCommand(command, ctx, { words: splitWords(m[3] ?? ''), files: option ? { [option.name]: file } : {} });
  };
}
