import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MethodContext, MethodHandler } from './context.js';
import { badRequest } from './errors.js';

/** Bots may download files of at most 20 MB through getFile (larger ones: "file is too big"). */
export const BOT_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

/** A file a user sent, kept as the Bot API keeps it: ids, a path to download it from, and its bytes. */
export interface FakeFile {
  fileId: string;
  fileUniqueId: string;
  fileName: string;
  mimeType: string;
  content: Buffer;
  /** Where `GET /file/bot<token>/<path>` serves it. */
  path: string;
}

/** The files users sent, by file_id; served for download under the bot's token. */
export class FileStore {
  private readonly files = new Map<string, FakeFile>();
  /** How many downloads were answered, for tests that check nothing was fetched. */
  downloads = 0;

  add(fileName: string, content: Buffer, mimeType: string): FakeFile {
    const file: FakeFile = {
      fileId: `BQACAgIAAxkBAAI${randomBytes(24).toString('base64url')}`,
      fileUniqueId: `AgAD${randomBytes(6).toString('base64url')}`,
      fileName,
      mimeType,
      content,
      path: `documents/file_${this.files.size}.${fileName.split('.').pop() ?? 'bin'}`,
    };
    this.files.set(file.fileId, file);
    return file;
  }

  /** The Document object of a message carrying the file. */
  documentJson(file: FakeFile): Record<string, unknown> {
    return { file_name: file.fileName, mime_type: file.mimeType, file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.content.length };
  }

  /** getFile: a known file_id gets its path (never for files over the bots' 20 MB limit). */
  readonly methods: Record<string, MethodHandler> = {
    getFile: (ctx: MethodContext) => {
      const fileId = ctx.params.string('file_id');
      if (!fileId) throw badRequest('file_id is empty');
      const file = this.files.get(fileId);
      if (!file) throw badRequest('invalid file_id');
      if (file.content.length > BOT_DOWNLOAD_LIMIT) throw badRequest('file is too big');
      return { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.content.length, file_path: file.path };
    },
  };

  /** Answers `GET /file/bot<token>/<path>`; returns false for other requests. A wrong token or path gets 404. */
  serve(req: IncomingMessage, res: ServerResponse, token: string): boolean {
    const match = /^\/file\/bot([^/]+)\/(.+)$/.exec(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (!match) return false;
    const file = match[1] === token ? [...this.files.values()].find((f) => f.path === match[2]) : undefined;
    if (req.method !== 'GET' || !file) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
      return true;
    }
    this.downloads++;
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.content.length) }).end(file.content);
    return true;
  }
}
