import type { Api } from 'grammy';

/** Where and how to download a file a user sent the bot. */
export interface TelegramFileSource {
  api: Pick<Api, 'getFile'>;
  /** TELEGRAM_API_ROOT: files are served under `<root>/file/bot<token>/<file_path>`. */
  apiRoot: string;
  token: string;
  fileId: string;
  /** Largest file read, in bytes; the download stops as soon as it is passed. */
  maxBytes: number;
  /** Longest the download may take, in ms. Default 30 000. */
  timeoutMs?: number;
}

/**
 * Downloads a file the way the Bot API hands files to bots: getFile for its `file_path`, then a GET of it from the
 * API root (which is configuration, so no address guard applies). Errors never show the URL: it holds the token.
 */
export async function downloadTelegramFile(source: TelegramFileSource): Promise<Buffer> {
  const { maxBytes } = source;
  const file = await source.api.getFile(source.fileId);
  if (!file.file_path) throw new Error('Telegram gave no path for the file');
  if (file.file_size !== undefined && file.file_size > maxBytes) throw new Error(`the file is over ${maxBytes} bytes`);
  const root = source.apiRoot.replace(/\/+$/, '');
  const res = await fetch(`${root}/file/bot${source.token}/${file.file_path}`, { signal: AbortSignal.timeout(source.timeoutMs ?? 30_000) });
  if (!res.ok || !res.body) throw new Error(`the file download answered ${res.status}`);
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body.cancel();
    throw new Error(`the file is over ${maxBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new Error(`the file is over ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
